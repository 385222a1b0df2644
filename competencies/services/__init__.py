"""Writes of the competencies app. Keyword-only; validated first, then written in one transaction.

Business errors raise :class:`django.core.exceptions.ValidationError` with an Indonesian message.

Public services other apps may call:

* :func:`development_goal_add_mandatory` — add a mandatory goal to an ASN's development plan
  (used by ``performance`` for sanctions and talent actions);
* :func:`training_completion_record` — called by the receiver of ``learning.events.completed``;
* :func:`fit_refresh` — recompute the stored JPM (:class:`~competencies.models.CompetencyFit`) of
  some or all ASN (call it after changing ASN positions in bulk, e.g. a people import).

One module per concept; every name is re-exported here (``from competencies import services;
services.plan_create(...)``):

* :mod:`.fit` — the stored JPM (``fit_refresh``, ``FIT_REFRESH_MAX_IDS``);
* :mod:`.levels` — ``level_set``, ``level_review``;
* :mod:`.proposals` — ``proposal_decide``, ``training_completion_record``;
* :mod:`.plans` — development plans, goals, review, ``plan_goals_settle``,
  ``development_goal_add_mandatory``;
* :mod:`.activities` — activities of a goal.
"""

from .activities import activity_add, activity_mark_done, activity_remove
from .fit import FIT_REFRESH_MAX_IDS as FIT_REFRESH_MAX_IDS
from .fit import fit_refresh
from .levels import level_review, level_set
from .plans import _atasan_user_id as _atasan_user_id
from .plans import _courses_for as _courses_for
from .plans import _notify_plan_owner as _notify_plan_owner
from .plans import _owned_editable_plan as _owned_editable_plan
from .plans import _require_reviewer as _require_reviewer
from .plans import (
    can_review_asn,
    can_review_plan,
    development_goal_add_mandatory,
    goal_add,
    goal_remove,
    plan_approve,
    plan_create,
    plan_goals_settle,
    plan_return,
    plan_submit,
)
from .proposals import _notify_level_proposal as _notify_level_proposal
from .proposals import proposal_decide, training_completion_record

__all__ = [
    "activity_add",
    "activity_mark_done",
    "activity_remove",
    "can_review_asn",
    "can_review_plan",
    "development_goal_add_mandatory",
    "fit_refresh",
    "goal_add",
    "goal_remove",
    "level_review",
    "level_set",
    "plan_approve",
    "plan_create",
    "plan_goals_settle",
    "plan_return",
    "plan_submit",
    "proposal_decide",
    "training_completion_record",
]
