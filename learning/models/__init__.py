"""Models of the learning app, re-exported from their modules.

* :mod:`.pages` — the Wagtail pages: catalogue, course, module, lesson;
* :mod:`.quiz` — quizzes, questions and choices, managed as snippets;
* :mod:`.records` — what learners did: enrolments, completions, quiz attempts, certificates and
  xAPI-style statements.
"""

from .pages import CourseIndexPage, CoursePage, CourseTag, LessonPage, ModulePage
from .quiz import Choice, Question, Quiz
from .records import (
    Certificate,
    Enrolment,
    LessonCompletion,
    ModuleCompletion,
    QuizAttempt,
    Statement,
)

__all__ = [
    "Certificate",
    "Choice",
    "CourseIndexPage",
    "CoursePage",
    "CourseTag",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "ModuleCompletion",
    "ModulePage",
    "Question",
    "Quiz",
    "QuizAttempt",
    "Statement",
]
