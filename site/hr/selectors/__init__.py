"""Reads of the HR app: the filters and the scoped set of ASN, the dashboard figures, the talent
9-box and one person's profile, one module per concept:

* :mod:`.filters` — what the HR user picked (:class:`Filters`) and the ASN it chooses (:func:`scoped_asn`);
* :mod:`.counts` — one bar of a chart (:class:`CountRow`) and the smallest group a share is shown for;
* :mod:`.dashboard` — every dashboard figure, one aggregate query each over the scoped ASN;
* :mod:`.nine_box` — the talent 9-box, one SQL statement over the source tables;
* :mod:`.profile` — everything HR sees on one person's page.

The public names are re-exported here (as Wagtail does in ``wagtail/admin/views/generic``), so
callers write ``from pamong.hr import selectors`` and ``selectors.dashboard_for(...)``.
"""

from .counts import CountRow, min_group_size, too_few
from .dashboard import (
    JP_BUCKETS,
    Coverage,
    Dashboard,
    GapRow,
    JpCompliance,
    Training,
    TrendRow,
    dashboard_for,
    jp_compliance_summary,
    predikat_by_year,
    predikat_rows,
    predikat_trend,
    socialization_coverage,
    top_gaps,
    training_completion,
)
from .filters import (
    YEAR_CHOSEN,
    YEAR_FALLBACK,
    YEAR_LATEST_DATA,
    YEAR_RUNNING,
    DefaultPeriod,
    FilterChoices,
    Filters,
    asn_ids_sql,
    default_period,
    default_year,
    filter_choices,
    filters_from,
    scoped_asn,
)
from .nine_box import (
    TALENT_COLUMNS,
    TalentGrid,
    TalentList,
    TalentRow,
    talent_grid,
    talent_row_for,
    talent_row_from,
    talent_sql,
)
from .profile import PerformanceRow, asn_profile

__all__ = [
    "JP_BUCKETS",
    "TALENT_COLUMNS",
    "YEAR_CHOSEN",
    "YEAR_FALLBACK",
    "YEAR_LATEST_DATA",
    "YEAR_RUNNING",
    "CountRow",
    "Coverage",
    "Dashboard",
    "DefaultPeriod",
    "FilterChoices",
    "Filters",
    "GapRow",
    "JpCompliance",
    "PerformanceRow",
    "TalentGrid",
    "TalentList",
    "TalentRow",
    "Training",
    "TrendRow",
    "asn_ids_sql",
    "asn_profile",
    "dashboard_for",
    "default_period",
    "default_year",
    "filter_choices",
    "filters_from",
    "jp_compliance_summary",
    "min_group_size",
    "predikat_by_year",
    "predikat_rows",
    "predikat_trend",
    "scoped_asn",
    "socialization_coverage",
    "talent_grid",
    "talent_row_for",
    "talent_row_from",
    "talent_sql",
    "too_few",
    "top_gaps",
    "training_completion",
]
