"""Quiz attempts: the owner's attempt, how the learner stands on a quiz, whether answers are revealed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db.models import (
    Count,
    Q,
)
from wagtail.models import Page

from pamong.people.models import ASN

from ..models import (
    CoursePage,
    Enrolment,
    QuizAttempt,
)


@cache
def _attempt_sql() -> str:
    """The SQL of :func:`attempt_for_owner`, written once: the attempt page runs it on every
    request, and the ORM spent more CPU building the joins and counts than the database spent
    answering them. Plain SQL that SQLite and PostgreSQL both run."""
    qa, e, a = QuizAttempt._meta.db_table, Enrolment._meta.db_table, ASN._meta.db_table
    p, c = Page._meta.db_table, CoursePage._meta.db_table
    mine = f"FROM {qa} x WHERE x.enrolment_id = t.enrolment_id AND x.page_id = t.page_id AND x.quiz_id = t.quiz_id"
    return (
        f"SELECT t.*, e.asn_id AS enrolment_asn_id, "
        f"(e.completed_at IS NOT NULL AND e.completed_at = t.submitted_at) AS completed_course, "
        f"p.url_path AS page_url_path, c.show_correct_answers AS course_shows_answers, "
        f"(SELECT COUNT(*) {mine} AND x.state = %s) AS tries_used, "
        f"(SELECT COUNT(*) {mine} AND x.passed = %s) AS tries_passed "
        f"FROM {qa} t JOIN {e} e ON e.id = t.enrolment_id JOIN {a} s ON s.id = e.asn_id "
        f"LEFT JOIN {p} p ON p.id = t.page_id LEFT JOIN {c} c ON c.page_ptr_id = e.course_id "
        f"WHERE t.id = %s AND s.user_id = %s"
    )


def attempt_for_owner(*, user, attempt_id: int) -> QuizAttempt | None:
    """An attempt, only for the learner who owns it, in one query.

    It carries what its page shows besides the quiz (whose facts are cached,
    :func:`learning.cache.quiz_facts`): ``enrolment_asn_id``; ``completed_course`` (this
    submission completed the course); ``page_url_path`` of the page that holds the quiz (``None``
    if it is gone); ``course_shows_answers`` (the course's "show correct answers");
    ``tries_used`` and ``tries_passed``, the counts behind :func:`attempt_tries`.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    params = [QuizAttempt.State.SUBMITTED, True, attempt_id, user.pk]
    return next(iter(QuizAttempt.objects.raw(_attempt_sql(), params)), None)


def attempt_reveals_answers(
    *, attempt: QuizAttempt, course_allows: bool, tries: AttemptTries | None = None
) -> bool:
    """Whether the result of ``attempt`` may show the correct answers, the per-question right/wrong
    marks and the explanations.

    Never while the attempt is open, never when the course says no, and otherwise only once the
    answers can no longer help on this quiz: the learner has passed it (this or an earlier attempt
    on the same page), or has used the quiz's last attempt. A failed attempt with attempts left
    reveals nothing (a learner could otherwise fail once with blanks and pass with the answers).
    """
    if attempt.is_open or not course_allows:
        return False
    if attempt.passed:
        return True
    tries = tries or attempt_tries(attempt=attempt)
    return tries.passed or tries.exhausted


@dataclass(frozen=True)
class AttemptTries:
    """How a learner stands on one quiz: submitted attempts, whether one passed, what is left.

    ``limit`` 0 means unlimited (``left`` is then ``None``).
    """

    used: int
    passed: bool
    limit: int

    @property
    def left(self) -> int | None:
        return max(0, self.limit - self.used) if self.limit else None

    @property
    def exhausted(self) -> bool:
        return bool(self.limit) and self.used >= self.limit

    @property
    def can_retry(self) -> bool:
        return not self.passed and not self.exhausted


def attempt_tries(*, attempt: QuizAttempt, limit: int | None = None) -> AttemptTries:
    """The learner's attempts at the quiz of ``attempt`` on the same page (one query; none for an
    attempt read by :func:`attempt_for_owner`, which carries the counts). ``limit``: the quiz's
    attempt limit when the caller has it (else read from ``attempt.quiz``)."""
    limit = attempt.quiz.max_attempts if limit is None else limit
    if hasattr(attempt, "tries_used"):
        return AttemptTries(used=attempt.tries_used, passed=bool(attempt.tries_passed), limit=limit)
    counts = QuizAttempt.objects.filter(
        enrolment_id=attempt.enrolment_id, page_id=attempt.page_id, quiz_id=attempt.quiz_id
    ).aggregate(
        passed=Count("pk", filter=Q(passed=True)),
        used=Count("pk", filter=Q(state=QuizAttempt.State.SUBMITTED)),
    )
    return AttemptTries(used=counts["used"], passed=bool(counts["passed"]), limit=limit)
