"""Models of the learning app, re-exported from their modules.

* :mod:`.pages` — the Wagtail pages: catalogue, course, module, lesson;
* :mod:`.quiz` — quizzes, the question bank, questions and choices, managed as snippets;
* :mod:`.records` — what learners did: enrolments, completions, quiz attempts, certificates and
  xAPI-style statements;
* :mod:`.content` — packaged lesson content (SCORM packages, videos) and each learner's use of it;
* :mod:`.targets` — an instansi's own JP target for its PPPK;
* :mod:`.sessions` — classroom and online sessions of a course and their registrations;
* :mod:`.outside` — learning done outside Pamong (with proof and its audit trail) and JP credits.
"""

from .content import LessonVideo, ScormAttempt, ScormPackage, VideoWatch
from .outside import JpCredit, OutsideRecord, OutsideRecordEvent
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
from .sessions import CourseSession, SessionRegistration
from .targets import PppkJpTarget

__all__ = [
    "AttemptAnswer",
    "Certificate",
    "Choice",
    "CourseIndexPage",
    "CoursePage",
    "CourseSession",
    "CourseTag",
    "Difficulty",
    "Enrolment",
    "JpCredit",
    "LessonCompletion",
    "LessonPage",
    "LessonVideo",
    "ModuleCompletion",
    "ModulePage",
    "OutsideRecord",
    "OutsideRecordEvent",
    "PppkJpTarget",
    "Question",
    "QuestionBank",
    "QuestionTag",
    "Quiz",
    "SessionRegistration",
    "QuizAttempt",
    "ScormAttempt",
    "ScormPackage",
    "Statement",
    "VideoWatch",
]
