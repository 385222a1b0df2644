"""Performance models, re-exported here: ``from performance.models import Plan``."""

from .choices import ANONYMOUS_GROUPS, OrgPredikat, Predikat, RaterGroup, Rating
from .feedback import BehaviourRating, PublicFeedback, PublicFeedbackChannel, RaterAssignment
from .periodic import PeriodicAssessment
from .planning import (
    CheckIn,
    Evidence,
    FeedbackComment,
    Indicator,
    Period,
    Plan,
    PlanIndicator,
    PlannedResult,
    Realisation,
)
from .results import AUDIT_ACTIONS, AuditEntry, Evaluation, FollowUpProposal, Objection, OrganisationPredikat
from .rules import (
    BehaviourIndicator,
    BerakhlakValue,
    DistributionRule,
    EvaluationSettings,
    FollowUpRule,
    PredikatMatrixCell,
)
from .tallies import PeriodTally

__all__ = [
    "ANONYMOUS_GROUPS",
    "AUDIT_ACTIONS",
    "AuditEntry",
    "BehaviourIndicator",
    "BehaviourRating",
    "BerakhlakValue",
    "CheckIn",
    "DistributionRule",
    "Evaluation",
    "EvaluationSettings",
    "Evidence",
    "FeedbackComment",
    "FollowUpProposal",
    "FollowUpRule",
    "Indicator",
    "Objection",
    "OrgPredikat",
    "OrganisationPredikat",
    "Period",
    "PeriodicAssessment",
    "PeriodTally",
    "Plan",
    "PlanIndicator",
    "PlannedResult",
    "PredikatMatrixCell",
    "Predikat",
    "PublicFeedback",
    "PublicFeedbackChannel",
    "RaterAssignment",
    "RaterGroup",
    "Rating",
    "Realisation",
]
