"""Quiz attempts: the owner's attempt, how the learner stands on a quiz, whether answers are revealed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Q,
)

from ..models import (
    QuizAttempt,
)


def attempt_for_owner(*, user, attempt_id: int) -> QuizAttempt | None:
    """An attempt, only for the learner who owns it."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        QuizAttempt.objects.filter(pk=attempt_id, enrolment__asn__user_id=user.pk)
        .select_related("quiz", "enrolment")
        .first()
    )


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


def attempt_tries(*, attempt: QuizAttempt) -> AttemptTries:
    """The learner's attempts at the quiz of ``attempt`` on the same page (one query)."""
    counts = QuizAttempt.objects.filter(
        enrolment_id=attempt.enrolment_id, page_id=attempt.page_id, quiz_id=attempt.quiz_id
    ).aggregate(
        passed=Count("pk", filter=Q(passed=True)),
        used=Count("pk", filter=Q(state=QuizAttempt.State.SUBMITTED)),
    )
    return AttemptTries(used=counts["used"], passed=bool(counts["passed"]), limit=attempt.quiz.max_attempts)
