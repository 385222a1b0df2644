"""Views of the performance app. Every view asks :mod:`pamong.people.access`: objects outside the
user's scope are 404, missing roles are 403, anonymous users go to the login page (the public
feedback form and the certificate verification page are the only anonymous views).

Views are thin: reads through :mod:`performance.selectors` (scoped there), writes through
:mod:`performance.services`. One module per area; the views are re-exported here for ``urls.py``,
as Wagtail does in ``wagtail/admin/views/generic/``: :mod:`.dashboard`, :mod:`.plans` (SKP), :mod:`.periodic` (periodic assessment),
:mod:`.ratings` (360°), :mod:`.results`, :mod:`.objections`, :mod:`.periods` (HR),
:mod:`.certificates` (piagam) and :mod:`.public` (feedback from the public and its moderation).
"""

from .certificates import certificate_download, verify
from .dashboard import dashboard
from .objections import objection_detail, objection_file, objection_list
from .periodic import plan_periodic, plan_periodic_assess
from .periods import (
    audit_log,
    org_predikat_set,
    period_detail,
    period_list,
    period_results_csv,
    proposal_decide,
    proposal_list,
)
from .plans import (
    comment_add,
    evidence_download,
    plan_add_indicator,
    plan_agree,
    plan_create,
    plan_detail,
    raters,
    realisation_record,
)
from .public import channel_print, moderate, moderation, public_feedback, public_feedback_thanks
from .ratings import rating_form, rating_tasks
from .results import result, result_finalise, result_json

__all__ = [
    "plan_periodic",
    "plan_periodic_assess",
    "audit_log",
    "certificate_download",
    "channel_print",
    "comment_add",
    "dashboard",
    "evidence_download",
    "moderate",
    "moderation",
    "objection_detail",
    "objection_file",
    "objection_list",
    "org_predikat_set",
    "period_detail",
    "period_list",
    "period_results_csv",
    "plan_add_indicator",
    "plan_agree",
    "plan_create",
    "plan_detail",
    "proposal_decide",
    "proposal_list",
    "public_feedback",
    "public_feedback_thanks",
    "raters",
    "rating_form",
    "rating_tasks",
    "realisation_record",
    "result",
    "result_finalise",
    "result_json",
    "verify",
]
