"""Reads of the competencies app: profile and gaps, JPM, JP ledger, unit reports, plans to review.

One module per concept:

* :mod:`.jpm` — the JPM formula (Python and SQL) and its bands;
* :mod:`.profile` — one person's profile (required and current levels), level history, gap chart;
* :mod:`.jp` — the JP ledger, the activities that count in it, JP compliance in a scope;
* :mod:`.gaps` — the set-based gap reports: the fit per ASN in SQL, ASN below standard, units;
* :mod:`.plans` — development plans and level proposals to review, and the goal status.

Every name of the former ``competencies/selectors.py`` is re-exported here (the public ones in
``__all__``), so callers keep writing ``from competencies import selectors`` and
``selectors.profile_for(...)``.
"""

from .gaps import FitRow, UnitGapRow, below_standard, fit_sql, unit_gap_summary
from .gaps import _scope_sql as _scope_sql
from .jp import (
    COUNTED_PLAN_STATUSES,
    Ledger,
    LedgerEntry,
    counted_activities,
    jp_below_minimum,
    jp_compliance,
    jp_ledger,
    year_bounds,
)
from .jpm import jpm_band_for, jpm_bands, jpm_from_totals, jpm_of, jpm_sql
from .plans import (
    GoalState,
    goal_states,
    goals_with_state,
    plan_detail,
    plans_awaiting_atasan,
    plans_to_review,
    proposals_to_decide,
    team_plans,
)
from .profile import Profile, ProfileRow, gap_chart, history_for, profile_for

_fit_sql = fit_sql  # former private name, kept for older imports
_counted_activities = counted_activities

__all__ = [
    "COUNTED_PLAN_STATUSES",
    "FitRow",
    "GoalState",
    "Ledger",
    "LedgerEntry",
    "Profile",
    "ProfileRow",
    "UnitGapRow",
    "below_standard",
    "counted_activities",
    "fit_sql",
    "gap_chart",
    "goal_states",
    "goals_with_state",
    "history_for",
    "jp_below_minimum",
    "jp_compliance",
    "jp_ledger",
    "jpm_band_for",
    "jpm_bands",
    "jpm_from_totals",
    "jpm_of",
    "jpm_sql",
    "plan_detail",
    "plans_awaiting_atasan",
    "plans_to_review",
    "profile_for",
    "proposals_to_decide",
    "team_plans",
    "unit_gap_summary",
    "year_bounds",
]
