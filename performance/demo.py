"""The performance part of the demo: the policy's own story in data.

* the indicator catalogue of the four agencies the policy names (DISDIK national exam results,
  DINKES hours to respond to complaints — lower is better —, DLH plastic-waste reduction, DINSOS
  community satisfaction) and attendance for everyone;
* DLH's own rule: reaching the plastic-waste target earns a piagam; missing it refers the case to
  the disciplinary process (a written warning is decided under PP 94/2021, never automatically);
* last year's period, closed, with results, public feedback and proposed rewards and sanctions;
* this year's period, running, in which ``atasan.dinkes`` can rate ``asn.dinkes``.

Scale: plans for both years and final results for the closed year, for every active ASN, are bulk
writes; detailed data (indicators, realisations, 360° ratings, explained results) is written for
a bounded sample: the demo users' units plus :data:`SAMPLE_PER_INSTANSI` ASN per agency.
Idempotent: existing rows are kept and only missing rows are written.

Why one module of ~550 lines rather than a package: it is one story told in order —
:func:`seed_performance` calls each step once, top to bottom, and about a hundred lines are the
story's data tables. Split by concept, a reader would jump between files to follow a single
narrative, and nothing else imports its parts (the seed tests aside).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from pamong.bulk import insert_select
from pamong.people.models import ASN, Instansi, UnitKerja
from pamong.people.regulation import INSTANSI_POLICY, RuleKind

from . import selectors, services
from .models import (
    BehaviourRating,
    BerakhlakValue,
    CheckIn,
    Evaluation,
    FeedbackComment,
    FollowUpProposal,
    FollowUpRule,
    Indicator,
    OrganisationPredikat,
    Period,
    Plan,
    PlanIndicator,
    PlannedResult,
    PublicFeedback,
    PublicFeedbackChannel,
    RaterAssignment,
    RaterGroup,
    Realisation,
)
from .scoring import predikat_matrix

DEMO_AGENCIES = ["DISDIK", "DINKES", "DLH", "DINSOS"]
STORY_NOTE = "Data demo: laporan aduan triwulanan"
SAMPLE_PER_INSTANSI = 40
BATCH = 2000

ATTENDANCE = (
    "kehadiran",
    "Persentase kehadiran",
    "%",
    "higher",
    "kehadiran",
    "Hari hadir dibagi hari kerja.",
    "95",
)
#: instansi code → (code, name, unit, direction, category, how measured, typical target)
AGENCY_INDICATORS = {
    "DISDIK": (
        "nilai-ujian-nasional",
        "Rata-rata nilai ujian nasional sekolah binaan",
        "poin",
        "higher",
        "hasil_layanan",
        "Rata-rata nilai ujian nasional siswa di sekolah yang dibina.",
        "75",
    ),
    "DINKES": (
        "waktu-respons-aduan",
        "Rata-rata waktu merespons aduan masyarakat",
        "jam",
        "lower",
        "responsivitas_aduan",
        "Jam sejak aduan pelayanan kesehatan diterima sampai dijawab; makin cepat makin baik.",
        "24",
    ),
    "DLH": (
        "pengurangan-sampah-plastik",
        "Persentase pengurangan sampah plastik di masyarakat",
        "%",
        "higher",
        "lingkungan",
        "Penurunan timbulan sampah plastik di wilayah binaan dibanding tahun dasar.",
        "20",
    ),
    "DINSOS": (
        "skor-kepuasan-masyarakat",
        "Skor kepuasan masyarakat atas layanan sosial",
        "skala 1–5",
        "higher",
        "kualitas_pelayanan",
        "Rata-rata skor survei kepuasan masyarakat yang dilayani.",
        "4",
    ),
}
RESULT_TEXT = {
    "DISDIK": "Meningkatnya mutu pembelajaran di sekolah binaan",
    "DINKES": "Aduan masyarakat atas layanan kesehatan ditanggapi dengan cepat",
    "DLH": "Berkurangnya sampah plastik di masyarakat",
    "DINSOS": "Layanan sosial yang memuaskan masyarakat",
}
#: (hasil kerja, perilaku kerja) with their weight in the bulk-generated closed year
CELL_WEIGHTS = [
    (("di_atas", "di_atas"), 14),
    (("di_atas", "sesuai"), 8),
    (("sesuai", "sesuai"), 50),
    (("sesuai", "di_atas"), 10),
    (("di_bawah", "sesuai"), 9),
    (("di_bawah", "di_atas"), 2),
    (("sesuai", "di_bawah"), 4),
    (("di_atas", "di_bawah"), 1),
    (("di_bawah", "di_bawah"), 2),
]


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def _asn(username: str) -> ASN | None:
    return ASN.objects.filter(user__username=username).select_related("unit", "atasan").first()


def seed_performance(*, seed: int = 2026, today: dt.date | None = None, log=print) -> dict:
    today = today or timezone.localdate()
    rnd = random.Random(seed)
    agencies = {i.code: i for i in Instansi.objects.filter(code__in=DEMO_AGENCIES)}
    admin = _user("admin")
    counts: dict[str, int] = {}
    with transaction.atomic():
        indicators = _indicators(agencies)
        _dlh_rules(agencies, indicators)
        closed = _period(today.year - 1, Period.Status.EVALUATION)
        running = _period(today.year, Period.Status.RUNNING)
        for period in (closed, running):
            counts[f"plans {period.year}"] = _plans(period, agencies)
        sample = _sample(agencies)
        for period in (closed, running):
            _details(period, sample, indicators, agencies, rnd, today)
        channels = _channels(agencies)
        counts["public feedback"] = _public_feedback(channels, closed, running, rnd, today)
        if closed.status != Period.Status.CLOSED:
            counts["explained results"] = _evaluate_sample(closed, sample, admin)
            counts["bulk results"] = _bulk_results(closed, rnd)
            for instansi in agencies.values():
                OrganisationPredikat.objects.get_or_create(
                    period=closed, instansi=instansi, defaults={"predikat": "baik"}
                )
            services.period_close(period=closed, actor=admin)
            _approve_demo_award(closed)
        _running_story(running, indicators, today)
        counts["proposals"] = FollowUpProposal.objects.filter(period=closed).count()
    return counts


def _indicators(agencies) -> dict[str, Indicator]:
    out = {"*": _indicator(None, ATTENDANCE)}
    for icode, instansi in agencies.items():
        out[icode] = _indicator(instansi, AGENCY_INDICATORS[icode])
    return out


def _indicator(instansi, row) -> Indicator:
    """The demo indicator of ``row`` (``ATTENDANCE`` or one of ``AGENCY_INDICATORS``) for ``instansi``."""
    code, name, unit, direction, category, desc, _t = row
    indicator, _created = Indicator.objects.get_or_create(
        instansi=instansi,
        code=code,
        defaults={
            "name": name,
            "unit_of_measure": unit,
            "direction": direction,
            "category": category,
            "description": desc,
        },
    )
    return indicator


def _dlh_rules(agencies, indicators) -> None:
    if "DLH" not in agencies:
        return
    plastic = indicators["DLH"]
    for name, kind, comparison, consequence in (
        ("Piagam: target pengurangan sampah plastik tercapai", "reward", "gte", "certificate"),
        (
            "Pemeriksaan disiplin (PP 94/2021): target pengurangan sampah plastik tidak tercapai",
            "sanction",
            "lt",
            "warning",
        ),
    ):
        FollowUpRule.objects.get_or_create(
            instansi=agencies["DLH"],
            name=name,
            defaults={
                "kind": kind,
                "trigger_indicator": plastic,
                "trigger_comparison": comparison,
                "trigger_achievement_pct": Decimal("100"),
                "consequence": consequence,
                "source": INSTANSI_POLICY,
                "source_kind": RuleKind.LOCAL,
            },
        )


def _period(year: int, status: str) -> Period:
    period = Period.objects.filter(year=year, instansi__isnull=True).first()
    if period is None:
        period = services.period_create(
            name=f"Penilaian Kinerja {year}",
            year=year,
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
        )
        period.status = status
        period.save(update_fields=["status"])
    return period


def _plans(period: Period, agencies) -> int:
    """One agreed SKP per active ASN — everyone, not only the demo agencies (one ``INSERT … SELECT``,
    existing plans kept)."""
    return insert_select(
        Plan,
        columns={"asn": "a.id", "atasan": "a.atasan_id"},
        constants={"period": period.pk, "status": Plan.Status.AGREED, "agreed_at": timezone.now()},
        source=f"FROM {ASN._meta.db_table} a WHERE a.is_active = %s",
        params=[True],
    )


def _sample(agencies) -> list[int]:
    """The demo users' units, plus the first ASN of each agency (bounded)."""
    ids: set[int] = set()
    for username in ("asn.dinkes", "asn.dlh", "atasan.dinkes"):
        a = _asn(username)
        if a:
            ids |= set(ASN.objects.filter(unit_id=a.unit_id, is_active=True).values_list("pk", flat=True))
    for instansi in agencies.values():
        ids |= set(
            ASN.objects.filter(instansi=instansi, is_active=True, atasan__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)[:SAMPLE_PER_INSTANSI]
        )
    return sorted(ids)


def _details(
    period: Period, sample: list[int], indicators, agencies, rnd: random.Random, today: dt.date
) -> None:
    """Attendance + the agency indicator with realisations, and 360° ratings, for the sample."""
    code_by_instansi = {i.pk: code for code, i in agencies.items()}
    plans = list(
        Plan.objects.filter(period=period, asn_id__in=sample, results__isnull=True).values_list(
            "pk", "asn_id", "asn__instansi_id", "asn__unit_id", "atasan_id"
        )
    )
    if not plans:
        return
    results, pis_spec = [], []
    for pk, _asn_id, instansi_id, _u, _a in plans:
        code = code_by_instansi[instansi_id]
        results.append(PlannedResult(plan_id=pk, kind="utama", description=RESULT_TEXT[code], order=1))
        results.append(PlannedResult(plan_id=pk, kind="tambahan", description="Disiplin kehadiran", order=2))
        pis_spec.append((code, AGENCY_INDICATORS[code][6]))
        pis_spec.append(("*", ATTENDANCE[6]))
    created = PlannedResult.objects.bulk_create(results, batch_size=BATCH)
    pis = [
        PlanIndicator(
            plan_id=r.plan_id,
            result_id=r.pk,
            indicator=indicators[code],
            target=Decimal(target),
            weight=Decimal(2 if code != "*" else 1),
        )
        for r, (code, target) in zip(created, pis_spec, strict=True)
    ]
    pis = PlanIndicator.objects.bulk_create(pis, batch_size=BATCH)
    checkins = list(CheckIn.objects.filter(period=period).order_by("number"))
    due = [c for c in checkins if period.status != Period.Status.RUNNING or c.due_on <= today] or checkins[:1]
    reals = []
    for pi in pis:
        target = pi.target
        lower = pi.indicator.direction == Indicator.Direction.LOWER
        quality = Decimal(str(rnd.uniform(0.75, 1.25)))
        for c in due:
            ramp = Decimal(c.number) / Decimal(len(checkins))
            if pi.indicator.code == ATTENDANCE[0]:
                value = min(Decimal(100), target * quality)
            elif lower:
                value = target / quality * (Decimal("1.3") - Decimal("0.3") * ramp)
            else:
                value = target * quality * ramp
            reals.append(Realisation(plan_indicator=pi, checkin=c, value=value.quantize(Decimal("0.01"))))
    Realisation.objects.bulk_create(reals, batch_size=BATCH, ignore_conflicts=True)
    # 360°: atasan, self and up to four peers of the same unit, all answered in the closed year
    by_unit: dict[int, list[int]] = {}
    for _pk, asn_id, _i, unit_id, _a in plans:
        by_unit.setdefault(unit_id, []).append(asn_id)
    values = list(BerakhlakValue.objects.values_list("pk", flat=True))
    assignments = []
    for pk, asn_id, _i, unit_id, atasan_id in plans:
        raters = [(asn_id, RaterGroup.SELF)]
        if atasan_id:
            raters.append((atasan_id, RaterGroup.ATASAN))
        raters += [
            (p, RaterGroup.PEER) for p in [x for x in by_unit[unit_id] if x not in (asn_id, atasan_id)][:4]
        ]
        for rater, group in raters:
            assignments.append(RaterAssignment(plan_id=pk, rater_id=rater, group=group))
    RaterAssignment.objects.bulk_create(assignments, batch_size=BATCH, ignore_conflicts=True)
    if period.status == Period.Status.RUNNING:
        return  # this year's 360° stays open: the demo atasan answers it
    submitted = list(
        RaterAssignment.objects.filter(
            plan_id__in=[p[0] for p in plans], submitted_at__isnull=True
        ).values_list("pk", flat=True)
    )
    ratings = [
        BehaviourRating(assignment_id=a, value_id=v, score=rnd.choices([2, 3, 4, 5], weights=[1, 4, 8, 4])[0])
        for a in submitted
        for v in values
    ]
    BehaviourRating.objects.bulk_create(ratings, batch_size=BATCH, ignore_conflicts=True)
    RaterAssignment.objects.filter(pk__in=submitted).update(
        submitted_at=timezone.make_aware(dt.datetime(period.year, 11, 30, 10))
    )


def _channels(agencies) -> list[PublicFeedbackChannel]:
    units = UnitKerja.objects.filter(instansi__in=agencies.values(), serves_public=True)
    have = set(PublicFeedbackChannel.objects.values_list("unit_id", flat=True))
    PublicFeedbackChannel.objects.bulk_create(
        [PublicFeedbackChannel(unit=u) for u in units if u.pk not in have], ignore_conflicts=True
    )
    return list(PublicFeedbackChannel.objects.filter(unit__in=units).select_related("unit"))


COMMENTS = [
    "Petugas ramah dan cepat menjawab pertanyaan saya.",
    "Antrean tertib, pelayanan jelas.",
    "Aduan saya ditanggapi hari itu juga.",
    "Mohon ruang tunggu diperbaiki.",
    "Informasi persyaratan mudah dipahami.",
]


def _public_feedback(channels, closed: Period, running: Period, rnd: random.Random, today: dt.date) -> int:
    """Per service unit: approved feedback in both years (naming staff) and a few awaiting moderation."""
    if PublicFeedback.objects.filter(channel__in=channels).exists():
        return 0
    staff: dict[int, list[int]] = {}
    for pk, unit_id in ASN.objects.filter(unit__in=[c.unit for c in channels], is_active=True).values_list(
        "pk", "unit_id"
    ):
        staff.setdefault(unit_id, []).append(pk)
    demo = _asn("asn.dinkes")
    rows, dates = [], []
    for ch in channels:
        people = staff.get(ch.unit_id, [])
        for year_period, n, status in (
            (closed, 8, "approved"),
            (running, 6, "approved"),
            (running, 3, "pending"),
        ):
            for i in range(n):
                named = (
                    demo.pk
                    if demo and demo.unit_id == ch.unit_id and i < 4
                    else (rnd.choice(people) if people and i % 2 else None)
                )
                rows.append(
                    PublicFeedback(
                        channel=ch,
                        asn_id=named,
                        rating=rnd.choices([3, 4, 5], weights=[1, 3, 3])[0],
                        comment=rnd.choice(COMMENTS),
                        status=status,
                    )
                )
                day = min(today, year_period.ends_on) - dt.timedelta(days=rnd.randint(1, 60))
                dates.append(max(day, year_period.starts_on))
    created = PublicFeedback.objects.bulk_create(rows, batch_size=BATCH)
    for fb, day in zip(created, dates, strict=True):
        fb.created_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        if fb.status == "approved":
            fb.moderated_at = fb.created_at
    PublicFeedback.objects.bulk_update(created, ["created_at", "moderated_at"], batch_size=BATCH)
    return len(created)


def _evaluate_sample(period: Period, sample: list[int], actor) -> int:
    """Explained, finalised results for the sample (through the services, audited)."""
    n = 0
    plans = Plan.objects.filter(period=period, asn_id__in=sample, evaluation__isnull=True).select_related(
        "asn__instansi", "period", "atasan"
    )
    for plan in plans:
        proposal = selectors.evaluation_proposal(plan=plan)
        if not proposal.hasil_kerja or not proposal.perilaku_kerja:
            continue
        evaluator = plan.atasan.user if plan.atasan_id else actor
        ev = services.evaluation_save(
            plan=plan,
            hasil_kerja=proposal.hasil_kerja,
            perilaku_kerja=proposal.perilaku_kerja,
            actor=evaluator,
        )
        services.evaluation_finalise(evaluation=ev, actor=evaluator)
        n += 1
    return n


def _bulk_results(period: Period, rnd: random.Random) -> int:
    """Final results for everyone else in the closed year: one ``INSERT … SELECT`` per cell of the
    predikat matrix. A plan's cell is picked by its ASN's id (times a number prime to 100, plus an
    offset from the seed, modulo 100): every hundred ASN in a row are spread exactly like
    :data:`CELL_WEIGHTS` (percent)."""
    matrix = predikat_matrix()
    offset = rnd.randrange(100)
    now = timezone.now()
    plan, ev = Plan._meta.db_table, Evaluation._meta.db_table
    inserted, low = 0, 0
    for (hasil, perilaku), weight in CELL_WEIGHTS:
        predikat = matrix[(hasil, perilaku)]
        inserted += insert_select(
            Evaluation,
            columns={"plan": "pl.id"},
            constants={
                "status": Evaluation.Status.FINAL,
                "hasil_kerja": hasil,
                "perilaku_kerja": perilaku,
                "proposed_hasil_kerja": hasil,
                "proposed_perilaku_kerja": perilaku,
                "predikat": predikat,
                "explanation": {
                    "summary_only": True,
                    "cell": {"hasil_kerja": hasil, "perilaku_kerja": perilaku, "predikat": predikat},
                },
                "evaluated_at": now,
                "finalised_at": now,
            },
            source=(
                f"FROM {plan} pl WHERE pl.period_id = %s "
                "AND (pl.asn_id * 7919 + %s) %% 100 >= %s "
                "AND (pl.asn_id * 7919 + %s) %% 100 < %s "
                f"AND NOT EXISTS (SELECT 1 FROM {ev} x WHERE x.plan_id = pl.id)"
            ),
            params=[period.pk, offset, low, offset, low + weight],
        )
        low += weight
    return inserted


def _approve_demo_award(period: Period) -> None:
    """asn.dinkes gets last year's piagam approved, so the demo shows the PDF and its verification."""
    demo = _asn("asn.dinkes")
    hr = _user("hr.dinkes")
    if demo is None:
        return
    ev = Evaluation.objects.filter(plan__period=period, plan__asn=demo).first()
    if ev is None:
        return
    if ev.predikat != "sangat_baik":
        before = ev.predikat
        ev.hasil_kerja, ev.perilaku_kerja, ev.predikat = "di_atas", "di_atas", "sangat_baik"
        ev.explanation = {
            **ev.explanation,
            "cell": {"hasil_kerja": "di_atas", "perilaku_kerja": "di_atas", "predikat": "sangat_baik"},
        }
        ev.hasil_kerja_reason = ev.perilaku_kerja_reason = (
            "Data demo: capaian dan umpan balik masyarakat sangat baik."
        )
        ev.save()
        del before
        services.followup_propose_for_period(period=period)
    award = FollowUpProposal.objects.filter(
        period=period, asn=demo, rule__consequence="certificate", status="proposed"
    ).first()
    if award:
        services.proposal_decide(proposal=award, approve=True, note="Data demo", actor=hr)


def _running_story(period: Period, indicators, today: dt.date) -> None:
    """asn.dinkes: an agreed SKP with realisations, feedback from the atasan, three peers who answered."""
    demo = _asn("asn.dinkes")
    if demo is None or demo.atasan is None:
        return
    plan = Plan.objects.filter(period=period, asn=demo).first()
    if plan is None:
        return
    story = (
        {indicators["DINKES"].pk: ["30", "22", "18"], indicators["*"].pk: ["96", "97", "97"]}
        if "DINKES" in indicators
        else {}
    )
    checkins = list(CheckIn.objects.filter(period=period, due_on__lte=today).order_by("number"))
    for pi in PlanIndicator.objects.filter(plan=plan, indicator_id__in=list(story)):
        for checkin, value in zip(checkins, story[pi.indicator_id], strict=False):
            # the bulk sample wrote generated values first; the story's own values replace them once
            updated = (
                Realisation.objects.filter(plan_indicator=pi, checkin=checkin)
                .exclude(notes=STORY_NOTE)
                .update(value=Decimal(value), notes=STORY_NOTE)
            )
            if not updated:
                Realisation.objects.get_or_create(
                    plan_indicator=pi,
                    checkin=checkin,
                    defaults={"value": Decimal(value), "notes": STORY_NOTE},
                )
    if not plan.comments.exists():
        FeedbackComment.objects.create(
            plan=plan,
            author=demo.atasan.user,
            text="Waktu respons aduan membaik sejak triwulan kedua; pertahankan pencatatan bukti tiap aduan.",
        )
    answered = RaterAssignment.objects.filter(
        plan=plan, group=RaterGroup.PEER, submitted_at__isnull=False
    ).count()
    peers = RaterAssignment.objects.filter(plan=plan, group=RaterGroup.PEER, submitted_at__isnull=True)[
        : max(0, 3 - answered)
    ]
    values = list(BerakhlakValue.objects.values_list("pk", flat=True))
    for i, a in enumerate(peers):
        BehaviourRating.objects.bulk_create(
            [BehaviourRating(assignment=a, value_id=v, score=4 + (i + j) % 2) for j, v in enumerate(values)],
            ignore_conflicts=True,
        )
        a.submitted_at = timezone.now()
        a.save(update_fields=["submitted_at"])
