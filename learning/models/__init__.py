"""Models of the learning app, re-exported from their modules.

* :mod:`.pages` — the Wagtail pages: catalogue, course, module, lesson;
* :mod:`.quiz` — quizzes, the question bank, questions and choices, managed as snippets;
* :mod:`.records` — what learners did: enrolments, completions, quiz attempts, certificates and
  xAPI-style statements;
* :mod:`.targets` — an instansi's own JP target for its PPPK.
"""

from .pages import CourseIndexPage, CoursePage, CourseTag, LessonPage, ModulePage
from .quiz import Choice, Difficulty, Question, QuestionBank, QuestionTag, Quiz
from .records import (
    AttemptAnswer,
    Certificate,
    Enrolment,
    LessonCompletion,
    ModuleCompletion,
    QuizAttempt,
    Statement,
)
from .targets import PppkJpTarget

__all__ = [
    "AttemptAnswer",
    "Certificate",
    "Choice",
    "CourseIndexPage",
    "CoursePage",
    "CourseTag",
    "Difficulty",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "ModuleCompletion",
    "ModulePage",
    "PppkJpTarget",
    "Question",
    "QuestionBank",
    "QuestionTag",
    "Quiz",
    "QuizAttempt",
    "Statement",
]
