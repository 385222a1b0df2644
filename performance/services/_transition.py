"""State changes shared by the writes: the conditional transition that lets exactly one of
two concurrent callers through, and the guard that keeps final results read-only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from ..models import Evaluation, Period, Plan

#: What the loser of a race (or a stale page) is told: the row is no longer in the state it saw.
STALE_MESSAGE = _("Data ini baru saja diubah oleh pengguna lain. Muat ulang halaman dan periksa statusnya.")


def transition(
    *, model: type[Model], pk: int, expected: dict, changes: dict, message: str, obj: Model | None = None
) -> None:
    """Move one row from ``expected`` to ``changes`` in one conditional UPDATE.

    ``UPDATE … SET changes WHERE pk = pk AND expected`` lets exactly one of two concurrent callers
    through: on PostgreSQL the second UPDATE waits for the first to commit and then finds no row in
    the expected state. A row count of 0 raises :class:`ValidationError` with ``message``, so the
    loser gets a clear answer and the caller's transaction (audit entry included) is rolled back.
    With ``obj``, the winner's in-memory instance gets ``changes`` too.
    """
    if not model.objects.filter(pk=pk, **expected).update(**changes):
        raise ValidationError(message)
    if obj is not None:  # the caller's copy follows the row
        for name, value in changes.items():
            setattr(obj, name, value)


def _results_locked(plan: Plan) -> None:
    if plan.period.status == Period.Status.CLOSED:
        raise ValidationError(_("Periode sudah ditutup."))
    if Evaluation.objects.filter(plan=plan, status=Evaluation.Status.FINAL).exists():
        raise ValidationError(_("Hasil penilaian sudah final dan tidak dapat diubah."))
