"""Views of the competencies app: the ASN's ``/kompetensi/`` page (profile, gap chart, plan editor,
JP ledger), the plan page, and the atasan's team page. Access decisions come from
``pamong.people.access``: anonymous → login, missing role → 403, object outside scope → 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pamong.people.access import role_required, scope_for, visible_asn
from pamong.people.models import ASN

from . import rules, selectors, services
from .forms import ActivityForm, DoneForm, GoalForm, LevelReviewForm, ReturnForm
from .models import Activity, DevelopmentPlan, Goal, LevelProposal


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


@role_required("asn")
def profile(request):
    """The ASN's own page: competency profile with gap chart, this year's plan, JP ledger."""
    scope = scope_for(request.user)
    asn = ASN.objects.select_related("jabatan", "unit", "instansi", "atasan").get(pk=scope.asn_id)
    this_year = timezone.localdate().year
    year = _year(request.GET.get("tahun"), this_year)
    prof = selectors.profile_for(asn=asn)
    plan = selectors.plan_detail(
        plan_id=DevelopmentPlan.objects.filter(asn=asn, year=year).values_list("pk", flat=True).first() or 0
    )
    return render(
        request,
        "competencies/profile.html",
        {
            "asn": asn,
            "profile": prof,
            "chart": selectors.gap_chart(prof),
            "history": selectors.history_for(asn=asn, limit=10),
            "plan": plan,
            "goals": selectors.goals_with_state(asn_id=asn.pk, goals=plan.goals.all()) if plan else [],
            "year": year,
            "years": [this_year - 1, this_year, this_year + 1],
            "ledger": selectors.jp_ledger(asn=asn, year=year),
            "jpm_help": rules.JPM_HELP,
            "jpm_band": selectors.jpm_band_for(jpm=prof.jpm),
            "is_atasan": scope.is_atasan,
            "page_title": _("Kompetensi saya"),
        },
    )


@require_POST
@role_required("asn")
def plan_new(request):
    """Create (or open) the ASN's plan for a year: this year or the next."""
    scope = scope_for(request.user)
    this_year = timezone.localdate().year
    year = _year(request.POST.get("year"), this_year)
    if year not in (this_year, this_year + 1):
        messages.error(request, _("Rencana hanya dapat dibuat untuk tahun ini atau tahun depan."))
        return redirect("competencies:profile")
    plan = services.plan_create(asn=ASN.objects.get(pk=scope.asn_id), year=year)
    messages.success(
        request, _("Rencana %(y)d siap; sasaran awal diusulkan dari kesenjangan terbesar.") % {"y": year}
    )
    return redirect(plan.get_absolute_url())


def _plan_for_viewer(request, pk: int) -> DevelopmentPlan:
    """The plan if the user may see it (owner, atasan up to two levels, HR in scope); else 404."""
    plan = selectors.plan_detail(plan_id=pk)
    if plan is None or not visible_asn(request.user).filter(pk=plan.asn_id).exists():
        raise Http404
    return plan


@login_required
def plan_detail(request, pk: int):
    plan = _plan_for_viewer(request, pk)
    scope = scope_for(request.user)
    is_owner = scope.asn_id == plan.asn_id
    can_review = services.can_review_plan(request.user, plan)
    return render(
        request,
        "competencies/plan_detail.html",
        {
            "plan": plan,
            "goals": selectors.goals_with_state(asn_id=plan.asn_id, goals=plan.goals.all()),
            "is_owner": is_owner,
            "can_edit": is_owner and plan.is_editable,
            "can_review": can_review and plan.status == DevelopmentPlan.Status.SUBMITTED,
            "can_assess": can_review,
            "review_form": LevelReviewForm(instansi_id=plan.asn.instansi_id) if can_review else None,
            "can_report": is_owner and plan.status == DevelopmentPlan.Status.APPROVED,
            "goal_form": GoalForm(instansi_id=plan.asn.instansi_id),
            "activity_kinds": Activity.Kind.choices,
            "courses": ActivityForm().fields["course"].queryset.only("pk", "title", "jp")
            if is_owner and plan.is_editable
            else [],
            "return_form": ReturnForm(),
            "done_form": DoneForm(initial={"done_on": timezone.localdate()}),
            "total_jp": sum(a.jp for g in plan.goals.all() for a in g.activities.all()),
            "page_title": _("Rencana pengembangan kompetensi %(y)d") % {"y": plan.year},
        },
    )


def _owned(request, model, pk: int, *, path: str):
    """An object of the signed-in ASN's own plan (``path`` leads to the plan's ASN), else 404."""
    scope = scope_for(request.user)
    lookup = {"pk": pk, path: scope.asn_id}
    obj = model.objects.filter(**lookup).first() if scope.asn_id else None
    if obj is None:
        raise Http404
    return obj


def _run(request, action, success: str):
    try:
        action()
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return False
    messages.success(request, success)
    return True


@require_POST
@role_required("asn")
def goal_new(request, pk: int):
    plan = _owned(request, DevelopmentPlan, pk, path="asn_id")
    form = GoalForm(request.POST, instansi_id=plan.asn.instansi_id)
    if form.is_valid():
        _run(
            request,
            lambda: services.goal_add(
                user=request.user,
                plan=plan,
                competency=form.cleaned_data["competency"],
                target_level=form.cleaned_data["target_level"],
                title=form.cleaned_data["title"],
            ),
            _("Sasaran ditambahkan."),
        )
    else:
        messages.error(request, _("Periksa isian sasaran."))
    return redirect(plan.get_absolute_url())


@require_POST
@role_required("asn")
def goal_delete(request, pk: int):
    goal = _owned(request, Goal, pk, path="plan__asn_id")
    _run(request, lambda: services.goal_remove(user=request.user, goal=goal), _("Sasaran dihapus."))
    return redirect(goal.plan.get_absolute_url())


@require_POST
@role_required("asn")
def activity_new(request, pk: int):
    goal = _owned(request, Goal, pk, path="plan__asn_id")
    form = ActivityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: services.activity_add(
                user=request.user,
                goal=goal,
                kind=data["kind"],
                course=data["course"],
                title=data["title"],
                jp=data["jp"] or 0,
            ),
            _("Kegiatan ditambahkan."),
        )
    else:
        messages.error(request, _("Periksa isian kegiatan."))
    return redirect(goal.plan.get_absolute_url())


@require_POST
@role_required("asn")
def activity_delete(request, pk: int):
    activity = _owned(request, Activity, pk, path="goal__plan__asn_id")
    plan_url = activity.goal.plan.get_absolute_url()
    _run(
        request,
        lambda: services.activity_remove(user=request.user, activity=activity),
        _("Kegiatan dihapus."),
    )
    return redirect(plan_url)


@require_POST
@role_required("asn")
def activity_done(request, pk: int):
    activity = _owned(request, Activity, pk, path="goal__plan__asn_id")
    form = DoneForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.activity_mark_done(
                user=request.user, activity=activity, done_on=form.cleaned_data["done_on"]
            ),
            _("Kegiatan dilaporkan selesai; JP-nya masuk catatan JP."),
        )
    else:
        messages.error(request, _("Tanggal selesai tidak valid."))
    return redirect(activity.goal.plan.get_absolute_url())


@require_POST
@role_required("asn")
def plan_submit(request, pk: int):
    plan = _owned(request, DevelopmentPlan, pk, path="asn_id")
    _run(
        request,
        lambda: services.plan_submit(user=request.user, plan=plan),
        _("Rencana diajukan kepada atasan."),
    )
    return redirect(plan.get_absolute_url())


def _plan_for_reviewer(request, pk: int) -> DevelopmentPlan:
    plan = DevelopmentPlan.objects.select_related("asn").filter(pk=pk).first()
    if plan is None or not services.can_review_plan(request.user, plan):
        raise Http404
    return plan


@require_POST
@login_required
def plan_approve(request, pk: int):
    """Only the direct atasan or HR of the owner's instansi; anyone else gets 404."""
    plan = _plan_for_reviewer(request, pk)
    _run(request, lambda: services.plan_approve(user=request.user, plan=plan), _("Rencana disetujui."))
    return redirect(plan.get_absolute_url())


@require_POST
@login_required
def plan_return(request, pk: int):
    plan = _plan_for_reviewer(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan catatan untuk pemilik rencana."))
        return redirect(plan.get_absolute_url())
    _run(
        request,
        lambda: services.plan_return(user=request.user, plan=plan, comment=form.cleaned_data["comment"]),
        _("Rencana dikembalikan dengan catatan."),
    )
    return redirect(plan.get_absolute_url())


@require_POST
@login_required
def level_review(request, pk: int):
    """The direct atasan (or HR) records a reviewed level for the owner of plan ``pk``."""
    plan = _plan_for_reviewer(request, pk)
    form = LevelReviewForm(request.POST, instansi_id=plan.asn.instansi_id)
    if not form.is_valid():
        messages.error(request, _("Periksa isian penilaian."))
        return redirect(plan.get_absolute_url())
    data = form.cleaned_data
    _run(
        request,
        lambda: services.level_review(
            user=request.user,
            asn=plan.asn,
            competency=data["competency"],
            level=data["level"],
            note=data["note"],
        ),
        _("Penilaian atasan dicatat."),
    )
    return redirect(plan.get_absolute_url())


@role_required("atasan", "hr")
def team(request):
    """Plans waiting for the user's decision, the team's plan status and proposed levels."""
    year = _year(request.GET.get("tahun"), timezone.localdate().year)
    return render(
        request,
        "competencies/team.html",
        {
            "to_review": list(selectors.plans_to_review(user=request.user)[:100]),
            "team": _with_status_labels(selectors.team_plans(user=request.user, year=year)),
            "proposals": list(selectors.proposals_to_decide(user=request.user)),
            "year": year,
            "page_title": _("Pengembangan kompetensi tim"),
        },
    )


def _with_status_labels(members) -> list:
    labels = dict(DevelopmentPlan.Status.choices)
    members = list(members)
    for member in members:
        member.plan_status_label = labels.get(member.plan_status, "")
    return members


@require_POST
@login_required
def proposal_decide(request, pk: int):
    proposal = LevelProposal.objects.select_related("asn", "evidence", "competency").filter(pk=pk).first()
    if proposal is None or not services.can_review_asn(request.user, proposal.asn):
        raise Http404
    confirm = request.POST.get("decision") == "confirm"
    _run(
        request,
        lambda: services.proposal_decide(user=request.user, proposal=proposal, confirm=confirm),
        _("Level dikonfirmasi.") if confirm else _("Usulan level ditolak."),
    )
    return redirect("competencies:team")
