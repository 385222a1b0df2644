"""benchmarks.history: the learning history is consistent with itself.

The new enrolments are written with their progress already set (no second pass), so the rule that
sets progress and the rule that picks lesson rows must agree: every enrolment's progress,
completion, JP and certificate follow from its lesson rows, exactly as the learning service would
record them. PostgreSQL only: the history is PostgreSQL SQL (the benchmark database).
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Max

from benchmarks import history
from learning.models import Certificate, CoursePage, Enrolment, LessonCompletion, LessonPage

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="benchmark history is PostgreSQL SQL"),
]


@pytest.mark.parametrize("wanted", [1, 10_000])
def test_learning_history_progress_agrees_with_lesson_rows(world, wanted):
    for asn, username in ((world.staff_a, "asn.dinkes"), (world.hr_a, "hr.dinkes")):
        asn.user.username = username
        asn.user.save(update_fields=["username"])
    call_command("seed_learning", seed=7, stdout=open("/dev/null", "w"))  # noqa: SIM115
    already = set(Enrolment.objects.values_list("pk", flat=True))
    result = history.HistoryResult()

    history.learning_history(min_rows=LessonCompletion.objects.count() + wanted, result=result)

    assert result.counts["enrolments_inserted"] > 0
    lessons = {
        course.pk: LessonPage.objects.live().descendant_of(course).count()
        for course in CoursePage.objects.all()
    }
    jp = dict(CoursePage.objects.values_list("pk", "jp"))
    certified = set(Certificate.objects.values_list("enrolment_id", flat=True))
    new = Enrolment.objects.exclude(pk__in=already).annotate(
        done=Count("lesson_completions"), last=Max("lesson_completions__completed_at")
    )
    full = result.counts["finished_share_percent"]
    # A few hundred more rows than a handful of ASN can hold as half-done courses: some finish.
    assert full == (100 if wanted == 10_000 else 7)
    states = set()
    for e in new:
        n = lessons[e.course_id]
        assert 1 <= e.done <= n
        assert e.progress == 100 * e.done // n
        complete = e.done == n
        states.add(complete)
        # Which enrolments finish follows the share rule (by ids), never chance.
        assert complete == ((e.asn_id * 31 + e.course_id) % 100 < full or n == 1)
        assert (e.completed_at == e.last) if complete else (e.completed_at is None)
        assert e.jp_credited == (jp[e.course_id] if complete else 0)
        assert (e.pk in certified) == complete
    # More rows than there are lessons to take finishes every new enrolment.
    if wanted == 10_000:
        assert states == {True}
