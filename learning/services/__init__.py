"""Writes of the learning app. Every function validates first, then writes in one transaction.

Completion is decided in one place, :func:`enrolment_progress_refresh`, which records module and
course completions at most once each (unique rows and a conditional update) and announces them
through :data:`learning.events.completed` after the transaction commits.

One module per concept:

* :mod:`.errors` — the refusals (:class:`LearningError` and the quiz submission errors);
* :mod:`.enrolment` — self-enrolment and HR's bulk assignment;
* :mod:`.completion` — lesson completion, progress, module and course completion;
* :mod:`.quiz` — starting and scoring quiz attempts;
* :mod:`.certificates` — issuing and revoking certificates;
* :mod:`.statements` — recording xAPI statements.

Every name of the former ``learning/services.py`` is re-exported here (the public ones in
``__all__``), so callers keep writing ``from learning import services`` and
``services.attempt_submit(...)``.
"""

from .certificates import certificate_issue, certificate_revoke
from .completion import _LOCK as _LOCK
from .completion import _enrolment_for_page_locked as _enrolment_for_page_locked
from .completion import _lesson_complete as _lesson_complete
from .completion import _session_requirement as _session_requirement
from .completion import (
    enrolment_for_page_locked,
    enrolment_progress_refresh,
    lesson_complete,
    lesson_mark_complete,
)
from .enrolment import _asn_of as _asn_of
from .enrolment import enrolment_assign_bulk, enrolment_self_create
from .errors import AnswerRejected, LearningError, SubmissionEmpty, SubmissionIncomplete, SubmissionUnclear
from .quiz import _choices_shown as _choices_shown
from .quiz import _clean_answers as _clean_answers
from .quiz import _grading_keys as _grading_keys
from .quiz import _questions_drawn as _questions_drawn
from .quiz import _quiz_of as _quiz_of
from .quiz import _split_form as _split_form
from .quiz import attempt_start, attempt_submit
from .statements import statement_record

__all__ = [
    "AnswerRejected",
    "LearningError",
    "SubmissionEmpty",
    "SubmissionIncomplete",
    "SubmissionUnclear",
    "attempt_start",
    "attempt_submit",
    "certificate_issue",
    "certificate_revoke",
    "enrolment_assign_bulk",
    "enrolment_for_page_locked",
    "enrolment_progress_refresh",
    "enrolment_self_create",
    "lesson_complete",
    "lesson_mark_complete",
    "statement_record",
]
