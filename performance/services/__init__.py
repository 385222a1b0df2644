"""Writes of the performance app. Keyword-only, validated first, written in one transaction.

Business errors raise :class:`django.core.exceptions.ValidationError` with an Indonesian message;
views show it and nothing is half-saved. Every change to plans, ratings and results writes an
:class:`~performance.models.AuditEntry`.

One module per concept; the public names are re-exported here (``from performance import
services; services.plan_create(...)``), as Wagtail does in ``wagtail/admin/views/generic/``:

* :mod:`.audit` — ``audit_record``; :mod:`._transition` — the conditional ``transition`` and
  ``STALE_MESSAGE``;
* :mod:`.periods` — periods, check-ins, the instansi's own predikat;
* :mod:`.plans` — SKP, indicators, agreement, realisations and evidence, comments;
* :mod:`.feedback` — 360° raters and ratings, public feedback and its moderation;
* :mod:`.evaluation` — the atasan's rating; :mod:`.finalise` — making it final;
* :mod:`.periodic` — the periodic assessment (penilaian kinerja periodik) of one check-in;
* :mod:`.followup` — objections, reward and sanction proposals;
* :mod:`.certificates` — the piagam penghargaan.
"""

from ._transition import STALE_MESSAGE, transition
from .audit import audit_record
from .certificates import certificate_document, certificate_new_code, certificate_pdf, certificate_verify_url
from .evaluation import EVALUATION_FIELDS, evaluation_save
from .feedback import (
    PUBLIC_FEEDBACK_RATE_LIMIT,
    PUBLIC_FEEDBACK_RATE_WINDOW_SECONDS,
    public_channel_for_unit,
    public_feedback_moderate,
    public_feedback_rate_limited,
    public_feedback_submit,
    rater_assign_defaults,
    rater_assign_peers,
    rating_submit,
)
from .finalise import evaluation_finalise
from .followup import (
    followup_propose_for_period,
    objection_decide,
    objection_file,
    proposal_decide,
    sanction_apply_development_consequence,
)
from .periodic import PERIODIC_FIELDS, periodic_assess, periodic_may_assess
from .periods import (
    PERIOD_FLOW,
    checkin_create_for,
    org_predikat_set,
    period_advance,
    period_close,
    period_create,
)
from .plans import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_TYPES,
    PLAN_FIELDS,
    comment_add,
    evidence_validate,
    plan_add_indicator,
    plan_agree,
    plan_create,
    realisation_record,
)

__all__ = [
    "PERIODIC_FIELDS",
    "periodic_assess",
    "periodic_may_assess",
    "EVALUATION_FIELDS",
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_TYPES",
    "PERIOD_FLOW",
    "PLAN_FIELDS",
    "PUBLIC_FEEDBACK_RATE_LIMIT",
    "PUBLIC_FEEDBACK_RATE_WINDOW_SECONDS",
    "STALE_MESSAGE",
    "audit_record",
    "certificate_document",
    "certificate_new_code",
    "certificate_pdf",
    "certificate_verify_url",
    "checkin_create_for",
    "comment_add",
    "evaluation_finalise",
    "evaluation_save",
    "evidence_validate",
    "followup_propose_for_period",
    "objection_decide",
    "objection_file",
    "org_predikat_set",
    "period_advance",
    "period_close",
    "period_create",
    "plan_add_indicator",
    "plan_agree",
    "plan_create",
    "proposal_decide",
    "public_channel_for_unit",
    "public_feedback_moderate",
    "public_feedback_rate_limited",
    "public_feedback_submit",
    "rater_assign_defaults",
    "rater_assign_peers",
    "rating_submit",
    "realisation_record",
    "sanction_apply_development_consequence",
    "transition",
]
