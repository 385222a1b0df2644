"""Development plans (IDP): creation, goals, submission, review, settling, the mandatory goal."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import CoursePage, ModulePage
from pamong.notifications.services import notification_send
from pamong.people.access import can_manage_instansi, scope_for
from pamong.people.models import ASN

from .. import rules
from ..models import (
    Activity,
    Competency,
    CourseCompetency,
    CurrentLevel,
    DevelopmentPlan,
    Goal,
    PositionStandard,
    TrainingEvidence,
)
from ..selectors import profile_for


def plan_goals_settle(
    *, asn_id: int, plan_ids: Iterable[int] | None = None, now: datetime.datetime | None = None
) -> None:
    """Bring the goals of ``asn_id``'s **approved** plans (or of ``plan_ids`` among them) up to date
    with what already happened, whatever the order of events. Set-based conditional updates:

    1. catalogue-course activities not yet done whose course the ASN has completed (a course
       :class:`TrainingEvidence`, recorded before or after the plan was approved) are done on the
       completion date (local);
    2. open goals with a competency and a target level the ASN's current level already reaches
       are done;
    3. open goals whose activities are all done are done;
    4. an approved plan whose goals are all done becomes completed.

    Called on plan approval, after each completion and after each level change (:func:`level_set`);
    idempotent. Runs in the caller's transaction.
    """
    now = now or timezone.now()
    plans = DevelopmentPlan.objects.filter(asn_id=asn_id, status=DevelopmentPlan.Status.APPROVED)
    if plan_ids is not None:
        plans = plans.filter(pk__in=list(plan_ids))
    plan_pks = list(plans.values_list("pk", flat=True))
    if not plan_pks:
        return
    completed_course = TrainingEvidence.objects.filter(
        asn_id=asn_id, page_id=OuterRef("course_id"), course_id=OuterRef("course_id")
    )
    Activity.objects.filter(
        goal__plan_id__in=plan_pks, kind=Activity.Kind.COURSE, done_on__isnull=True
    ).filter(Exists(completed_course)).update(
        done_on=Subquery(
            completed_course.annotate(day=TruncDate("completed_at"))
            .order_by("completed_at")
            .values("day")[:1]
        )
    )
    reached = CurrentLevel.objects.filter(
        asn_id=asn_id, competency_id=OuterRef("competency_id"), level__gte=OuterRef("target_level")
    )
    open_goals = Goal.objects.filter(plan_id__in=plan_pks, status=Goal.Status.OPEN)
    open_goals.filter(competency__isnull=False, target_level__isnull=False).filter(Exists(reached)).update(
        status=Goal.Status.DONE, done_at=now
    )
    unfinished = Activity.objects.filter(goal_id=OuterRef("pk"), done_on__isnull=True)
    open_goals.filter(Exists(Activity.objects.filter(goal_id=OuterRef("pk")))).exclude(
        Exists(unfinished)
    ).update(status=Goal.Status.DONE, done_at=now)
    DevelopmentPlan.objects.filter(pk__in=plan_pks, status=DevelopmentPlan.Status.APPROVED).filter(
        Exists(Goal.objects.filter(plan_id=OuterRef("pk")))
    ).exclude(Exists(Goal.objects.filter(plan_id=OuterRef("pk"), status=Goal.Status.OPEN))).update(
        status=DevelopmentPlan.Status.COMPLETED, completed_at=now
    )


# --------------------------------------------------------------------------------------------------
# Development plans (IDP)
# --------------------------------------------------------------------------------------------------


def plan_create(*, asn: ASN, year: int, suggest: bool = True) -> DevelopmentPlan:
    """The ASN's plan for ``year``, created as a draft pre-filled with suggested goals if new.

    Suggestions: the :data:`~competencies.rules.SUGGESTED_GOALS` largest gaps of the person's
    position standard (ties by the dictionary order), each with a goal at the required level and
    up to :data:`~competencies.rules.SUGGESTED_COURSES_PER_GOAL` live catalogue courses linked to
    that competency above the current level (a linked module suggests its course). A gap no course
    develops gets a coaching activity with the atasan instead.
    """
    existing = DevelopmentPlan.objects.filter(asn=asn, year=year).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        plan, created = DevelopmentPlan.objects.get_or_create(asn=asn, year=year)
        if not created or not suggest:
            return plan
        gaps = [row for row in profile_for(asn=asn).rows if row.gap > 0]
        gaps.sort(key=lambda row: (-row.gap, row.competency.sort_order, row.competency.code))
        for row in gaps[: rules.SUGGESTED_GOALS]:
            goal = Goal.objects.create(
                plan=plan,
                competency=row.competency,
                target_level=row.required,
                title=_("Mencapai level %(l)d %(c)s") % {"l": row.required, "c": row.competency.name},
                reason=_("Kesenjangan %(g)d level terhadap standar jabatan") % {"g": row.gap},
            )
            courses = _courses_for(competency_id=row.competency.pk, above=row.current)
            for course in courses[: rules.SUGGESTED_COURSES_PER_GOAL]:
                Activity.objects.create(
                    goal=goal, kind=Activity.Kind.COURSE, course=course, title=course.title, jp=course.jp
                )
            if not courses:
                Activity.objects.create(
                    goal=goal,
                    kind=Activity.Kind.COACHING,
                    title=_("Coaching oleh atasan: %(c)s") % {"c": row.competency.name},
                    jp=2,
                )
    return plan


def _courses_for(*, competency_id: int, above: int) -> list:
    page_ids = list(
        CourseCompetency.objects.filter(competency_id=competency_id, level__gt=above)
        .order_by("-level", "page_id")
        .values_list("page_id", flat=True)
    )
    if not page_ids:
        return []
    courses = {c.pk: c for c in CoursePage.objects.live().filter(pk__in=page_ids)}
    module_paths = list(ModulePage.objects.filter(pk__in=page_ids).values_list("path", flat=True))
    if module_paths:
        parent_paths = {p[: -CoursePage.steplen] for p in module_paths}
        for course in CoursePage.objects.live().filter(path__in=parent_paths):
            courses.setdefault(course.pk, course)
    ordered = [courses[pk] for pk in page_ids if pk in courses]
    ordered += [c for pk, c in courses.items() if pk not in page_ids]
    return ordered


def _owned_editable_plan(*, user, plan: DevelopmentPlan) -> DevelopmentPlan:
    if scope_for(user).asn_id != plan.asn_id:
        raise Http404
    if not plan.is_editable:
        raise ValidationError(_("Rencana yang sudah diajukan atau disetujui tidak dapat diubah."))
    return plan


def goal_add(
    *,
    user,
    plan: DevelopmentPlan,
    competency: Competency | None,
    target_level: int | None,
    title: str = "",
) -> Goal:
    """The owner adds a goal to a draft or returned plan."""
    _owned_editable_plan(user=user, plan=plan)
    title = (title or "").strip()
    if competency is None and not title:
        raise ValidationError(_("Pilih kompetensi atau tuliskan sasaran."))
    if target_level is not None and target_level not in rules.LEVELS:
        raise ValidationError(_("Level sasaran harus 1–5."))
    if competency is not None and plan.goals.filter(competency=competency).exists():
        raise ValidationError(_("Kompetensi ini sudah menjadi sasaran dalam rencana."))
    if not title:
        title = (
            _("Mencapai level %(l)d %(c)s") % {"l": target_level, "c": competency.name}
            if target_level
            else _("Mengembangkan %(c)s") % {"c": competency.name}
        )
    return Goal.objects.create(plan=plan, competency=competency, target_level=target_level, title=title[:255])


def goal_remove(*, user, goal: Goal) -> None:
    _owned_editable_plan(user=user, plan=goal.plan)
    if goal.mandatory:
        raise ValidationError(_("Sasaran wajib tidak dapat dihapus."))
    goal.delete()


def plan_submit(*, user, plan: DevelopmentPlan) -> DevelopmentPlan:
    """The owner submits a draft or returned plan with at least one goal, each with an activity."""
    _owned_editable_plan(user=user, plan=plan)
    goals = list(plan.goals.prefetch_related("activities"))
    if not goals:
        raise ValidationError(_("Tambahkan paling sedikit satu sasaran sebelum mengajukan."))
    empty = [g.title for g in goals if not g.activities.all()]
    if empty:
        raise ValidationError(
            _("Setiap sasaran membutuhkan kegiatan. Belum ada kegiatan untuk: %(g)s.")
            % {"g": "; ".join(empty)}
        )
    now = timezone.now()
    with transaction.atomic():
        updated = DevelopmentPlan.objects.filter(
            pk=plan.pk, status__in=(DevelopmentPlan.Status.DRAFT, DevelopmentPlan.Status.RETURNED)
        ).update(status=DevelopmentPlan.Status.SUBMITTED, submitted_at=now)
        if not updated:
            raise ValidationError(_("Rencana ini sudah diajukan."))
        plan.refresh_from_db()
        atasan_user_id = _atasan_user_id(plan.asn)
        notification_send(
            kind="devplan_submitted",
            recipients=[atasan_user_id],
            # One notification per submission: a plan returned and submitted again is a new event.
            key=f"devplan_submitted:{plan.pk}:{now.isoformat()}",
            link=reverse("competencies:plan_detail", args=[plan.pk]),
            params={"asn": plan.asn.name, "year": plan.year},
            subject=plan,
        )
    return plan


def can_review_plan(user, plan: DevelopmentPlan) -> bool:
    """Only the direct atasan of the plan's owner, HR of the owner's instansi, BKPSDM or an admin."""
    return can_review_asn(user, plan.asn)


def can_review_asn(user, asn: ASN) -> bool:
    """May ``user`` decide on ``asn``'s plan and levels: the direct atasan, or HR in scope."""
    scope = scope_for(user)
    if scope.user_id is None:
        return False
    if scope.asn_id is not None and asn.atasan_id == scope.asn_id:
        return True
    return scope.is_hr and can_manage_instansi(user, asn.instansi_id)


def _require_reviewer(user, asn: ASN) -> None:
    if scope_for(user).user_id is None:
        raise PermissionDenied
    if not can_review_asn(user, asn):
        raise Http404


def plan_approve(*, user, plan: DevelopmentPlan) -> DevelopmentPlan:
    """The direct atasan (or HR) approves a submitted plan. Anyone else: 404. In the same
    transaction the plan's goals are settled (:func:`plan_goals_settle`): courses completed before
    the approval count, goals whose target level is already reached are done."""
    _require_reviewer(user, plan.asn)
    now = timezone.now()
    with transaction.atomic():
        updated = DevelopmentPlan.objects.filter(pk=plan.pk, status=DevelopmentPlan.Status.SUBMITTED).update(
            status=DevelopmentPlan.Status.APPROVED, decided_by=user, decided_at=now, return_comment=""
        )
        if not updated:
            raise ValidationError(_("Hanya rencana yang diajukan yang dapat disetujui."))
        # What happened before the approval counts now: completed courses, levels already reached.
        plan_goals_settle(asn_id=plan.asn_id, plan_ids=[plan.pk], now=now)
        plan.refresh_from_db()
        _notify_plan_owner(plan=plan, kind="devplan_approved")
    return plan


def plan_return(*, user, plan: DevelopmentPlan, comment: str) -> DevelopmentPlan:
    """The direct atasan (or HR) returns a submitted plan with a comment for the owner."""
    _require_reviewer(user, plan.asn)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Tuliskan catatan untuk pemilik rencana.")})
    with transaction.atomic():
        updated = DevelopmentPlan.objects.filter(pk=plan.pk, status=DevelopmentPlan.Status.SUBMITTED).update(
            status=DevelopmentPlan.Status.RETURNED,
            decided_by=user,
            decided_at=timezone.now(),
            return_comment=comment,
        )
        if not updated:
            raise ValidationError(_("Hanya rencana yang diajukan yang dapat dikembalikan."))
        plan.refresh_from_db()
        _notify_plan_owner(plan=plan, kind="devplan_returned")
    return plan


def _atasan_user_id(asn: ASN) -> int | None:
    """The login of the ASN's direct atasan (who hears of their plans and level proposals)."""
    return ASN.objects.filter(pk=asn.atasan_id).values_list("user_id", flat=True).first()


def _notify_plan_owner(*, plan: DevelopmentPlan, kind: str) -> None:
    """Tell the plan's owner it was approved or returned (one notification per decision)."""
    notification_send(
        kind=kind,
        recipients=[plan.asn.user_id],
        key=f"{kind}:{plan.pk}:{plan.decided_at.isoformat()}",
        link=reverse("competencies:plan_detail", args=[plan.pk]),
        params={"year": plan.year},
        subject=plan,
    )


# --------------------------------------------------------------------------------------------------
# Public service for other apps
# --------------------------------------------------------------------------------------------------


def development_goal_add_mandatory(
    *,
    asn: ASN,
    reason: str,
    source: str,
    year: int | None = None,
    competency: Competency | None = None,
    title: str = "",
    target_level: int | None = None,
) -> Goal:
    """Add a **mandatory** goal to ``asn``'s development plan for ``year`` (default: this year).

    For other apps: ``performance`` calls it for a sanction or talent action with
    ``source="performance.followup:<id>"``. Behaviour:

    * the plan is created (an empty draft) if the ASN has none for that year;
    * idempotent per ``(plan, source)``: calling again with the same ``source`` returns the goal
      already added, unchanged;
    * the goal is ``mandatory`` (the owner cannot remove it) and carries ``reason``; ``title``
      defaults to ``reason``; with a ``competency`` and no ``target_level`` the target is the
      level the position requires;
    * a plan already approved stays approved (the goal joins it); a completed plan goes back to
      approved, since it has an open goal again.

    Raises ``ValidationError`` for an empty ``reason``/``source`` or a level outside 1–5.
    """
    reason = (reason or "").strip()
    source = (source or "").strip()
    if not reason or not source:
        raise ValidationError(_("Sasaran wajib membutuhkan alasan dan asal."))
    if target_level is not None and target_level not in rules.LEVELS:
        raise ValidationError(_("Level sasaran harus 1–5."))
    year = year or timezone.localdate().year
    if competency is not None and target_level is None:
        target_level = (
            PositionStandard.objects.filter(jabatan_id=asn.jabatan_id, competency=competency)
            .values_list("required_level", flat=True)
            .first()
        )
    with transaction.atomic():
        plan, _created = DevelopmentPlan.objects.get_or_create(asn=asn, year=year)
        goal, created = Goal.objects.get_or_create(
            plan=plan,
            source=source[:100],
            defaults={
                "competency": competency,
                "target_level": target_level,
                "title": (title or reason)[:255],
                "reason": reason[:300],
                "mandatory": True,
            },
        )
        if created:
            # conditional UPDATE: only a plan that is completed in the database reopens
            DevelopmentPlan.objects.filter(pk=plan.pk, status=DevelopmentPlan.Status.COMPLETED).update(
                status=DevelopmentPlan.Status.APPROVED, completed_at=None
            )
            plan_goals_settle(asn_id=asn.pk, plan_ids=[plan.pk])
    return goal
