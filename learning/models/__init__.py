"""Models of the learning app, re-exported from their modules.

* :mod:`.pages` — the Wagtail pages: catalogue, course, module, lesson;
* :mod:`.quiz` — quizzes, questions and choices, managed as snippets;
* :mod:`.records` — what learners did: enrolments, completions, quiz attempts, certificates and
  xAPI-style statements;
* :mod:`.content` — packaged lesson content (SCORM packages, videos) and each learner's use of it;
* :mod:`.targets` — an instansi's own JP target for its PPPK.
"""

from .content import LessonVideo, ScormAttempt, ScormPackage, VideoWatch
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
from .targets import PppkJpTarget

__all__ = [
    "Certificate",
    "Choice",
    "CourseIndexPage",
    "CoursePage",
    "CourseTag",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "LessonVideo",
    "ModuleCompletion",
    "ModulePage",
    "PppkJpTarget",
    "Question",
    "Quiz",
    "QuizAttempt",
    "ScormAttempt",
    "ScormPackage",
    "Statement",
    "VideoWatch",
]
