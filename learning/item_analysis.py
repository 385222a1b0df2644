"""Item analysis of a quiz: per question, how many answered it, the share who got it right
(difficulty index *p*) and how well it separates strong from weak learners (discrimination
index *D*). A selector: read-only, set-based (two queries whatever the number of attempts).

Discrimination index (Kelley's upper–lower 27 % method):

    D = p_upper − p_lower = R_U / N_U − R_L / N_L

The submitted attempts of the quiz are ranked by total score; the upper group is the top 27 % of
them, the lower group the bottom 27 % (k = 27 % of the attempts, rounded half up; ties broken by
the attempt's id, so the groups are stable). R_U and R_L are the attempts in each group that
answered the question correctly, N_U and N_L those in the group that were asked it — for a quiz
with fixed questions N_U = N_L = k and this is the textbook D = (R_U − R_L) / k; for a quiz drawing
from a bank not every attempt is asked every question, so each group's share is taken over the
attempts that were. D runs from −1 to 1; ``None`` when a group has no attempt that was asked it.

Sources: T. L. Kelley (1939), "The selection of upper and lower groups for the validation of test
items", *Journal of Educational Psychology* 30(1), 17–24 (the 27 % groups); R. L. Ebel &
D. A. Frisbie (1991), *Essentials of Educational Measurement*, 5th ed., ch. 13 (D and the bands in
:data:`DISCRIMINATION_BANDS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import AttemptAnswer, Question, QuizAttempt

GROUP_SHARE = Decimal("0.27")

#: Ebel & Frisbie (1991): how to read D — (lowest D of the band, label). A rule kept as data.
DISCRIMINATION_BANDS: list[tuple[Decimal, Any]] = [
    (Decimal("0.40"), _("sangat baik")),
    (Decimal("0.30"), _("baik")),
    (Decimal("0.20"), _("cukup, perlu diperbaiki")),
    (Decimal("-1"), _("buruk, perlu diganti")),
]


@dataclass(frozen=True)
class ItemStats:
    question_id: int
    text: str
    kind: str
    answered: int
    correct: int
    upper_asked: int
    upper_correct: int
    lower_asked: int
    lower_correct: int

    @property
    def share_correct(self) -> Decimal | None:
        """*p*: the share of the attempts asked this question that answered it correctly (0–1)."""
        return Decimal(self.correct) / self.answered if self.answered else None

    @property
    def discrimination(self) -> Decimal | None:
        if not self.upper_asked or not self.lower_asked:
            return None
        d = Decimal(self.upper_correct) / self.upper_asked - Decimal(self.lower_correct) / self.lower_asked
        return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def discrimination_label(self) -> Any:
        d = self.discrimination
        if d is None:
            return ""
        return next(label for lowest, label in DISCRIMINATION_BANDS if d >= lowest)


@dataclass(frozen=True)
class ItemAnalysis:
    attempts: int
    group_size: int
    items: list[ItemStats]


def group_size(attempts: int) -> int:
    """k: 27 % of the attempts, rounded half up (10 attempts → 3; 1 attempt → 0: no groups)."""
    return int((GROUP_SHARE * attempts).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def item_analysis(*, quiz_id: int) -> ItemAnalysis:
    """The item analysis of a quiz over its submitted attempts (two queries)."""
    attempts = QuizAttempt.objects.filter(quiz_id=quiz_id, state=QuizAttempt.State.SUBMITTED)
    n = attempts.count()
    k = group_size(n)
    counts = {"answered": Count("pk"), "correct": Count("pk", filter=Q(is_correct=True))}
    if k:
        upper = attempts.order_by("-score", "pk").values("pk")[:k]
        lower = attempts.order_by("score", "-pk").values("pk")[:k]  # the exact reverse: disjoint, 2k ≤ n
        counts |= {
            "upper_asked": Count("pk", filter=Q(attempt_id__in=upper)),
            "upper_correct": Count("pk", filter=Q(attempt_id__in=upper, is_correct=True)),
            "lower_asked": Count("pk", filter=Q(attempt_id__in=lower)),
            "lower_correct": Count("pk", filter=Q(attempt_id__in=lower, is_correct=True)),
        }
    rows = (
        AttemptAnswer.objects.filter(attempt__in=attempts)
        .values("question_id", "question__text", "question__kind")
        .annotate(**counts)
        .order_by("question_id")
    )
    items = [
        ItemStats(
            question_id=row["question_id"],
            text=row["question__text"],
            kind=Question.Kind(row["question__kind"]).label,
            answered=row["answered"],
            correct=row["correct"],
            upper_asked=row.get("upper_asked", 0),
            upper_correct=row.get("upper_correct", 0),
            lower_asked=row.get("lower_asked", 0),
            lower_correct=row.get("lower_correct", 0),
        )
        for row in rows
    ]
    return ItemAnalysis(attempts=n, group_size=k, items=items)
