"""Reads of the learning app: catalogue, outlines, progress, dashboards, certificates, records.

The lesson page is the hot path. :func:`step_context_for` takes the course outline from the shared
cache (:mod:`learning.cache`) and reads only the learner's own rows: their completions and passed
tests in one indexed query (:func:`progress_of`), and the enrolment with the attempt summary of the
current page in a second, so its cost does not grow with the size of the course or the province.

One module per concept:

* :mod:`.outline` — a course's modules and lessons, and one learner's progress on them;
* :mod:`.steps` — the enrolment and context of a module or lesson page;
* :mod:`.catalogue` — the catalogue and the course page;
* :mod:`.jp` — JP credited in a year and the JP target;
* :mod:`.dashboard` — the learner dashboard and unfinished courses;
* :mod:`.certificates` — certificates visible to a user, the learner's own, the public check;
* :mod:`.attempts` — quiz attempts and how a learner stands on a quiz;
* :mod:`.records` — learning records and the HR assignment report;
* :mod:`.content` — packaged lesson content (SCORM, video).

Every name of the former ``learning/selectors.py`` is re-exported here (the public ones in
``__all__``), so callers keep writing ``from learning import selectors`` and
``selectors.dashboard_for(...)``.
"""

from .attempts import AttemptTries, attempt_for_owner, attempt_reveals_answers, attempt_tries
from .catalogue import catalogue_for, course_context_for
from .certificates import certificate_public, certificate_visible_to, completion_certificate
from .content import lesson_content_access, scorm_runtime_for, video_progress_for
from .dashboard import courses_in_progress, dashboard_for
from .jp import (
    PNS_JP_TARGET,
    JpTarget,
    jp_credits,
    jp_credits_of,
    jp_for_year,
    jp_target_expression,
    jp_target_for,
    jp_target_sql,
)
from .jp import _year_bounds as _year_bounds
from .outline import (
    STEPLEN,
    LessonStep,
    ModuleStep,
    Outline,
    course_outline,
    course_outline_uncached,
    course_outlines_for,
    course_outlines_uncached,
    course_path_of,
    progress_of,
    root_url_path_for,
)
from .outline import _mark_progress as _mark_progress
from .outline import _outlines_from_rows as _outlines_from_rows
from .records import assignment_report_for, statements_for, statements_of
from .steps import _enrolment_sql as _enrolment_sql
from .steps import enrolment_for, step_context_for

__all__ = [
    "AttemptTries",
    "JpTarget",
    "LessonStep",
    "ModuleStep",
    "Outline",
    "PNS_JP_TARGET",
    "STEPLEN",
    "assignment_report_for",
    "attempt_for_owner",
    "attempt_reveals_answers",
    "attempt_tries",
    "catalogue_for",
    "certificate_public",
    "certificate_visible_to",
    "completion_certificate",
    "course_context_for",
    "course_outline",
    "course_outline_uncached",
    "course_outlines_for",
    "course_outlines_uncached",
    "course_path_of",
    "courses_in_progress",
    "dashboard_for",
    "enrolment_for",
    "jp_credits",
    "jp_credits_of",
    "jp_for_year",
    "jp_target_expression",
    "jp_target_for",
    "jp_target_sql",
    "lesson_content_access",
    "progress_of",
    "root_url_path_for",
    "scorm_runtime_for",
    "statements_for",
    "statements_of",
    "step_context_for",
    "video_progress_for",
]
