"""After the training push: did every completion the learners earned reach the database?

A passed quiz attempt on a lesson completes the lesson (``LessonCompletion`` with ``via = quiz``).
A passed attempt submitted during the run without that row is a lost completion: the learner was
told they passed, the record says otherwise. (A module's final test is a quiz on the module page:
it completes no lesson and is not counted here.) Counted with two queries over the rows written since the run
started (bounded by the run's own writes, not by the province).
"""

from __future__ import annotations

import datetime as dt


def completions_lost(*, since: dt.datetime) -> dict:
    """Passed attempts on lessons submitted since ``since``, and how many have no lesson completion."""
    from django.db.models import Exists, OuterRef

    try:
        from learning.models import LessonCompletion, LessonPage, QuizAttempt
    except ImportError:
        return {"error": "learning app not importable"}
    passed = QuizAttempt.objects.filter(
        submitted_at__gte=since, passed=True, page_id__in=LessonPage.objects.values("pk")
    )
    completion = LessonCompletion.objects.filter(
        enrolment_id=OuterRef("enrolment_id"), lesson_id=OuterRef("page_id")
    )
    lost = passed.filter(~Exists(completion))
    return {
        "passed_attempts": passed.count(),
        "lesson_completions_written": LessonCompletion.objects.filter(completed_at__gte=since).count(),
        "lost": lost.count(),
        "lost_attempt_ids": list(lost.order_by("pk").values_list("pk", flat=True)[:20]),
    }
