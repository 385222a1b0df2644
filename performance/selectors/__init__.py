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
    evaluation_for_plan,
    evaluation_get_or_404,
    evaluation_proposal,
    objections_of,
    proposal_explanation,
    result_public_dict,
)
from .feedback import (
    RATING_WINDOW_STATUSES,
    SERVICE_VALUE_CODE,
    GroupSummary,
    berakhlak_values,
    peer_candidates,
    peer_ids_assigned,
    peers_chosen,
    pending_rating_tasks,
    public_channel_active,
    public_channel_get_or_404,
    public_channel_staff,
    public_feedback_for_asn,
    rater_group_summaries,
    rating_assignment_for_user,
    rating_window_open,
)
from .hr import (
    audit_entries_for,
    certificate_get_for_user,
    certificate_public,
    certificates_for_asn,
    feedback_get_for_hr,
    managed_instansi_predikats,
    moderation_queue,
    objection_get_for_user,
    objections_for,
    period_counts,
    period_get_for_user,
    period_scope_instansi_ids,
    periods_for,
    proposal_get_for_hr,
    proposals_for,
    results_export_rows,
    service_unit_get_for_hr,
    service_units_with_feedback,
)
from .periodic import (
    CheckInWindow,
    PeriodicRow,
    checkin_of_plan,
    checkin_window,
    periodic_opens_on,
    periodic_rows,
)
from .plans import (
    IndicatorRow,
    checkins_of,
    current_periods,
    evidence_get_for_user,
    own_plans,
    period_open_get_or_404,
    plan_comments,
    plan_get_for_user,
    plan_indicator_get_or_404,
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
    "CheckInWindow",
    "PeriodicRow",
    "checkin_of_plan",
    "checkin_window",
    "periodic_opens_on",
    "periodic_rows",
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
    "certificate_get_for_user",
    "certificate_public",
    "certificates_for_asn",
    "checkins_of",
    "current_periods",
    "distribution_by_unit",
    "distribution_warnings",
    "evaluation_finalise_blockers",
    "evaluation_for_plan",
    "evaluation_get_or_404",
    "evaluation_proposal",
    "evidence_get_for_user",
    "feedback_get_for_hr",
    "hr_waiting_counts",
    "managed_instansi_predikats",
    "moderation_queue",
    "objection_get_for_user",
    "objections_for",
    "objections_of",
    "objections_to_decide",
    "own_plans",
    "peer_candidates",
    "peer_ids_assigned",
    "peers_chosen",
    "pending_rating_tasks",
    "period_counts",
    "period_get_for_user",
    "period_open_get_or_404",
    "period_scope_instansi_ids",
    "periods_for",
    "plan_comments",
    "plan_get_for_user",
    "plan_indicator_get_or_404",
    "plan_indicator_rows",
    "plans_visible_to",
    "proposal_explanation",
    "proposal_get_for_hr",
    "proposals_for",
    "public_channel_active",
    "public_channel_get_or_404",
    "public_channel_staff",
    "public_feedback_for_asn",
    "rater_group_summaries",
    "rating_assignment_for_user",
    "rating_window_open",
    "reminder_messages",
    "result_public_dict",
    "results_export_rows",
    "rule_bases_for",
    "service_unit_get_for_hr",
    "service_units_with_feedback",
    "skp_steps_for",
    "subordinate_plans",
    "team_plans_to_agree",
    "team_plans_to_rate",
]
