"""Per-period, per-instansi tallies behind the HR period page (counts and predikat distribution).

Counting 90,000 SKP on every request of the period page took seconds; a :class:`PeriodTally`
row holds, for one period and one instansi, the counts per unit kerja, computed from scratch for
that instansi only (a few thousand rows) the first time it is needed after a change. The write
path marks rows stale by raising ``generation`` (see ``performance.tallies``); a reader keeps a
recomputation only if ``generation`` did not move meanwhile, so a tally never hides a change.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodTally(models.Model):
    period = models.ForeignKey(
        "performance.Period", on_delete=models.CASCADE, related_name="tallies", verbose_name=_("periode")
    )
    instansi = models.ForeignKey(
        "people.Instansi", on_delete=models.CASCADE, related_name="+", verbose_name=_("instansi")
    )
    #: raised by every change of a plan or result of this instansi
    generation = models.PositiveIntegerField(_("generasi"), default=0)
    #: the generation ``units`` was computed at; ``None`` = never computed
    computed_generation = models.PositiveIntegerField(_("generasi terhitung"), null=True, blank=True)
    computed_at = models.DateTimeField(_("dihitung pada"), null=True, blank=True)
    #: ``{unit_id: {"plans": n, "agreed": n, "evaluated": n, "final": n, "predikat": {code: n}}}``
    units = models.JSONField(_("rekap per unit"), default=dict, blank=True)

    class Meta:
        verbose_name = _("rekap periode")
        verbose_name_plural = _("rekap periode")
        constraints = [
            models.UniqueConstraint(fields=["period", "instansi"], name="period_tally_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.period_id}/{self.instansi_id} g{self.generation}"

    @property
    def is_current(self) -> bool:
        return self.computed_generation == self.generation
