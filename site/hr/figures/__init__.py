"""HR figures kept per unit kerja and per instansi, so that no HR page counts 90,000 ASN per request.

Every figure of the HR dashboard, the talent 9-box and the socialization coverage report is a
count over ASN; it is stored per unit kerja, jabatan kind and year (:class:`UnitFigure`) and summed
per instansi (:class:`InstansiFigure`). A page reads the rows of its scope with one indexed
``GROUP BY`` (a few hundred rows for the whole province) and never touches the tables of ASN,
enrolments, evaluations or acknowledgements.

Up to date on write: database triggers (:mod:`pamong.hr.triggers`) mark the units a write touches
(:class:`UnitChange`) in the writer's transaction; the next read of a scope recomputes its marked
units first (:func:`figures_refresh`, a query per figure over the ASN of those units only, at most
:func:`refresh_batch` units per request), and ``manage.py check_aggregates [--repair]`` recomputes
everything from scratch and reports (or repairs) every difference.

Metrics (``metric`` / ``key``; ``year`` 0 when not tied to a year). Only non-zero counts are
stored, so rows of units without data are simply absent and sums stay correct:

* ``asn``: active ASN; ``nojpm``: of them without a JPM; ``jp_target``: with a JP target;
  ``jp_met0``: with a target of 0 JP (met even without any JP).
* ``predikat`` / predikat (year of the period): final evaluations.
* ``jp`` / bucket ``1-9``, ``10-19``, ``20+`` (year): ASN with that many JP (courses completed
  that year plus counted non-classical activities; 0 JP is the rest); ``jp_met``: of those with
  JP, how many reached their target.
* ``gap_n``, ``gap_met``, ``gap_req``, ``gap_lvl`` / competency id: ASN whose position requires the
  competency, of them at or above the standard, Σ required level, Σ min(level, required level).
* ``cov`` / chapter id: ASN with a valid acknowledgement; ``cov_all``: ASN who confirmed every chapter.
* ``enr_n``, ``enr_c`` / course id (year enrolled): enrolments, completed ones; ``enr_due`` /
  due date (ISO): incomplete enrolments with that due date (overdue is counted at read time).
* ``box`` / box number (year): ASN placed in the cell (the people are :class:`TalentPlacement`);
  ``t_n``: ASN with a final evaluation or a potential assessment that year, ``t_nokin``,
  ``t_nopot``, ``t_nojpm``: of them without kinerja, potensial, JPM. Everyone else has no
  kinerja that year and the potensial of their JPM band.

Besides the counts, two lists are kept per unit with them: the ASN placed in each 9-box cell
(:class:`TalentPlacement`) and the ASN below their JP target in each year of :func:`jp_years`
(:class:`JpShortfall`), the paged lists of the 9-box and of the JP compliance report.
"""

from .compute import JP_BUCKETS, Computed, Key, figures_compute, jp_bucket, jp_years
from .store import (
    Difference,
    figures_check,
    figures_mark_all,
    figures_rebuild,
    figures_refresh,
    refresh_batch,
)

__all__ = [
    "JP_BUCKETS",
    "Computed",
    "Difference",
    "Key",
    "figures_check",
    "figures_compute",
    "figures_mark_all",
    "figures_rebuild",
    "figures_refresh",
    "jp_bucket",
    "jp_years",
    "refresh_batch",
]
