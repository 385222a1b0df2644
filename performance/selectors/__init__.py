"""Reads of performance data. Every function that serves a person takes ``user`` and scopes
through :mod:`pamong.people.access`.

Anonymity: :func:`rater_group_summaries` is the only read of 360° scores for a ratee, an atasan,
HR, the CSV export and the JSON API. It returns, per group, the number of raters who answered and
— only when that number reaches ``min_group_size`` for the anonymous groups (peers,
subordinates, the public) — averages. It never returns a rater, an assignment or a single score.

One module per concept; the public names are re-exported here (``from performance import
selectors; selectors.plan_get_for_user(...)``), as Wagtail does in ``wagtail/admin/views/generic/``:

* :mod:`.plans` — scoped SKP and their indicator rows;
* :mod:`.feedback` — 360° group summaries, rating tasks, public feedback;
* :mod:`.evaluation` — the system's proposal, its explanation, finalise blockers, the API dict;
* :mod:`.hr` — periods, proposals, piagam, moderation, audit log, objections, the results export;
* :mod:`.distribution` — predikat distribution per unit against the pattern;
* :mod:`.waiting` — what waits for one person (the start page); :mod:`.reminders` — e-mail reminders;
* :mod:`.rules` — where each rule comes from.
"""

from .distribution import UnitDistribution, distribution_by_unit, distribution_warnings
from .evaluation import (
    Proposal,
    evaluation_finalise_blockers,
    evaluation_proposal,
    proposal_explanation,
    result_public_dict,
)
from .feedback import (
    RATING_WINDOW_STATUSES,
    SERVICE_VALUE_CODE,
    GroupSummary,
    berakhlak_values,
    pending_rating_tasks,
    public_feedback_for_asn,
    rater_group_summaries,
    rating_window_open,
)
from .hr import (
    audit_entries_for,
    certificate_public,
    certificates_for_asn,
    moderation_queue,
    objections_for,
    period_counts,
    period_scope_instansi_ids,
    periods_for,
    proposals_for,
    results_export_rows,
    service_units_with_feedback,
)
from .plans import (
    IndicatorRow,
    current_periods,
    own_plans,
    plan_get_for_user,
    plan_indicator_rows,
    plans_visible_to,
    subordinate_plans,
)
from .reminders import reminder_messages
from .rules import RuleBasisRow, rule_bases_for
from .waiting import (
    SkpStep,
    hr_waiting_counts,
    objections_to_decide,
    skp_steps_for,
    team_plans_to_agree,
    team_plans_to_rate,
)

__all__ = [
    "RATING_WINDOW_STATUSES",
    "SERVICE_VALUE_CODE",
    "GroupSummary",
    "IndicatorRow",
    "Proposal",
    "RuleBasisRow",
    "SkpStep",
    "UnitDistribution",
    "audit_entries_for",
    "berakhlak_values",
    "certificate_public",
    "certificates_for_asn",
    "current_periods",
    "distribution_by_unit",
    "distribution_warnings",
    "evaluation_finalise_blockers",
    "evaluation_proposal",
    "hr_waiting_counts",
    "moderation_queue",
    "objections_for",
    "objections_to_decide",
    "own_plans",
    "pending_rating_tasks",
    "period_counts",
    "period_scope_instansi_ids",
    "periods_for",
    "plan_get_for_user",
    "plan_indicator_rows",
    "plans_visible_to",
    "proposal_explanation",
    "proposals_for",
    "public_feedback_for_asn",
    "rater_group_summaries",
    "rating_window_open",
    "reminder_messages",
    "result_public_dict",
    "results_export_rows",
    "rule_bases_for",
    "service_units_with_feedback",
    "skp_steps_for",
    "subordinate_plans",
    "team_plans_to_agree",
    "team_plans_to_rate",
]
