"""Demo data of the competencies app, telling the policy's story of development that closes gaps.

* technical competencies for the four agencies the policy names (education, health, environment,
  social services), two each, with five levels;
* position standards for **every** jabatan (set-based: one bulk insert, existing rows kept):
  the nine PermenPANRB competencies at the level of the jabatan kind
  (:data:`~competencies.rules.STANDARD_LEVEL_BY_KIND`) and the instansi's technical ones;
* course links for the learning demo courses: "Memahami Kebijakan Pengelolaan Kinerja ASN" →
  Orientasi pada Hasil (raise to 2), "Pelayanan Publik Prima" → Pelayanan Publik (raise to 2),
  "Inovasi dalam Pelayanan Publik" → Mengelola Perubahan (propose level 3 to the atasan);
* assessed levels (source "asesmen") for the demo logins, the team of ``atasan.dinkes`` and a
  reproducible sample of at most :data:`SAMPLE` other ASN — bounded, whatever the size;
* plans: ``asn.dinkes`` has a **submitted** plan (pre-filled from the gaps: Orientasi pada Hasil
  with the policy course, Mengelola Perubahan with the innovation course) that ``atasan.dinkes``
  can approve in the browser; the rest of that team has one draft, one approved, one returned
  with a comment, and one completed plan of last year (coaching and mentoring JP).

Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from competencies import rules, services
from competencies.models import (
    Activity,
    Competency,
    CompetencyLevel,
    CompletionRule,
    CourseCompetency,
    CurrentLevel,
    DevelopmentPlan,
    LevelRecord,
    LevelSource,
    PositionStandard,
)
from learning.models import CoursePage
from pamong.people.models import ASN, Instansi, Jabatan

#: ASN assessed beyond the demo logins and the demo team.
SAMPLE = 300

LEVEL_PATTERN = [
    ("Memahami konsep dasar {t} dan menjalankan tugas rutin dengan arahan",
     ["Menjelaskan istilah dan ketentuan pokok {t}.", "Menjalankan prosedur {t} sesuai petunjuk atasan."]),
    ("Menerapkan {t} secara mandiri sesuai pedoman",
     ["Menerapkan standar operasional {t} tanpa arahan.", "Mengenali masalah umum {t} dan melaporkannya."]),
    ("Menganalisis dan memecahkan masalah {t} di lingkup unit kerja",
     ["Menganalisis data {t} untuk menemukan akar masalah.", "Membimbing rekan kerja dalam pelaksanaan {t}."]),
    ("Mengembangkan metode dan program {t} di tingkat instansi",
     ["Menyusun program {t} lintas unit kerja.", "Mengevaluasi efektivitas program {t}."]),
    ("Merumuskan kebijakan {t} yang berdampak luas",
     ["Merumuskan kebijakan dan standar {t} tingkat provinsi.", "Menjadi rujukan {t} bagi instansi lain."]),
]  # fmt: skip

TECHNICAL = {
    "DISDIK": [
        ("T.DISDIK.1", "Pengembangan Kurikulum dan Pembelajaran", "pengembangan kurikulum dan pembelajaran"),
        ("T.DISDIK.2", "Penjaminan Mutu Pendidikan", "penjaminan mutu pendidikan"),
    ],
    "DINKES": [
        ("T.DINKES.1", "Pelayanan Kesehatan Primer", "pelayanan kesehatan primer"),
        ("T.DINKES.2", "Surveilans dan Pengendalian Penyakit", "surveilans dan pengendalian penyakit"),
    ],
    "DLH": [
        ("T.DLH.1", "Pengelolaan Sampah dan Limbah B3", "pengelolaan sampah dan limbah B3"),
        ("T.DLH.2", "Pemantauan Kualitas Lingkungan", "pemantauan kualitas lingkungan"),
    ],
    "DINSOS": [
        ("T.DINSOS.1", "Perlindungan dan Jaminan Sosial", "perlindungan dan jaminan sosial"),
        ("T.DINSOS.2", "Rehabilitasi Sosial", "rehabilitasi sosial"),
    ],
}

COURSE_LINKS = [
    ("Memahami Kebijakan Pengelolaan Kinerja ASN", "M.4", 2, CompletionRule.RAISE),
    ("Pelayanan Publik Prima", "M.5", 2, CompletionRule.RAISE),
    ("Inovasi dalam Pelayanan Publik", "M.7", 3, CompletionRule.PROPOSE),
]

#: The demo learner's assessed levels: gaps in Orientasi pada Hasil and Mengelola Perubahan.
DEMO_LEARNER_LEVELS = {"M.4": 1, "M.7": 1}
DEMO_LOGINS = (
    "asn.dinkes",
    "atasan.dinkes",
    "kabid.dinkes",
    "kadis.dinkes",
    "asn.dlh",
    "hr.dinkes",
    "hr.dlh",
)


class Command(BaseCommand):
    help = "Isi data demo kompetensi: kompetensi teknis, standar jabatan, level asesmen, tautan pelatihan, rencana."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, seed: int, **options):
        rng = random.Random(seed)
        today = timezone.localdate()
        with transaction.atomic():
            technical = self._technical()
            standards = self._standards(technical)
            links = self._course_links()
            assessed = self._assessments(rng, today)
            services.fit_refresh()  # every ASN's stored JPM, one set-based statement
        plans = self._plans(today)
        self.stdout.write(
            f"Kompetensi: {technical} kompetensi teknis baru, {standards} standar jabatan baru, "
            f"{links} tautan pelatihan baru, {assessed} ASN dinilai, {plans} rencana baru."
        )

    # --- dictionary and standards -------------------------------------------------------------

    def _technical(self) -> int:
        created = 0
        instansi = {i.code: i for i in Instansi.objects.filter(code__in=TECHNICAL)}
        for code, entries in TECHNICAL.items():
            if code not in instansi:
                continue
            for n, (comp_code, name, topic) in enumerate(entries, start=1):
                competency, was_created = Competency.objects.get_or_create(
                    code=comp_code,
                    defaults={
                        "name": name,
                        "kind": Competency.Kind.TEKNIS,
                        "instansi": instansi[code],
                        "definition": f"Kemampuan dalam {topic} sesuai ketentuan peraturan perundang-undangan.",
                        "sort_order": 100 + n,
                    },
                )
                if was_created:
                    created += 1
                    CompetencyLevel.objects.bulk_create(
                        CompetencyLevel(
                            competency=competency,
                            level=level,
                            description=desc.format(t=topic),
                            indicators="\n".join(i.format(t=topic) for i in indicators),
                        )
                        for level, (desc, indicators) in enumerate(LEVEL_PATTERN, start=1)
                    )
        return created

    def _standards(self, _technical: int) -> int:
        general = list(
            Competency.objects.filter(instansi__isnull=True, is_active=True).values_list("pk", flat=True)
        )
        technical: dict[int, list[int]] = {}
        for pk, instansi_id in Competency.objects.filter(kind=Competency.Kind.TEKNIS).values_list(
            "pk", "instansi_id"
        ):
            technical.setdefault(instansi_id, []).append(pk)
        before = PositionStandard.objects.count()
        batch: list[PositionStandard] = []
        for job_id, kind, instansi_id in Jabatan.objects.values_list("pk", "kind", "instansi_id").iterator(
            chunk_size=5000
        ):
            level = rules.STANDARD_LEVEL_BY_KIND.get(kind, 2)
            batch += [
                PositionStandard(jabatan_id=job_id, competency_id=c, required_level=level) for c in general
            ]
            tech_level = rules.TECHNICAL_LEVEL_BY_KIND.get(kind, 2)
            batch += [
                PositionStandard(jabatan_id=job_id, competency_id=c, required_level=tech_level)
                for c in technical.get(instansi_id, [])
            ]
            if len(batch) >= 20000:
                PositionStandard.objects.bulk_create(batch, batch_size=2000, ignore_conflicts=True)
                batch = []
        PositionStandard.objects.bulk_create(batch, batch_size=2000, ignore_conflicts=True)
        return PositionStandard.objects.count() - before

    def _course_links(self) -> int:
        created = 0
        for title, code, level, rule in COURSE_LINKS:
            course = CoursePage.objects.filter(title=title).first()
            competency = Competency.objects.filter(code=code).first()
            if course is None or competency is None:
                continue
            _link, was_created = CourseCompetency.objects.get_or_create(
                page_id=course.pk, competency=competency, defaults={"level": level, "rule": rule}
            )
            created += was_created
        return created

    # --- assessed levels -----------------------------------------------------------------------

    def _assessments(self, rng: random.Random, today: datetime.date) -> int:
        users = get_user_model().objects.filter(username__in=DEMO_LOGINS)
        demo_ids = set(ASN.objects.filter(user__in=users).values_list("pk", flat=True))
        atasan = ASN.objects.filter(user__username="atasan.dinkes").values_list("pk", flat=True).first()
        if atasan:
            demo_ids |= set(ASN.objects.filter(atasan_id=atasan).values_list("pk", flat=True))
        all_ids = list(ASN.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
        others = [pk for pk in all_ids if pk not in demo_ids]
        sample = set(rng.sample(others, min(SAMPLE, len(others)))) | demo_ids
        already = set(
            CurrentLevel.objects.filter(asn_id__in=sample).values_list("asn_id", flat=True).distinct()
        )
        todo = sorted(sample - already)
        if not todo:
            return 0
        learner = ASN.objects.filter(user__username="asn.dinkes").values_list("pk", flat=True).first()
        codes = dict(Competency.objects.values_list("pk", "code"))
        standards: dict[int, list[tuple[int, int]]] = {}
        for job_id, comp_id, level in (
            PositionStandard.objects.filter(jabatan__asn_set__pk__in=todo)
            .values_list("jabatan_id", "competency_id", "required_level")
            .distinct()
        ):
            standards.setdefault(job_id, []).append((comp_id, level))
        assessed_on = datetime.date(today.year, 2, 16) if today >= datetime.date(today.year, 2, 16) else today
        records, currents = [], []
        for asn_id, job_id in ASN.objects.filter(pk__in=todo).values_list("pk", "jabatan_id").order_by("pk"):
            for comp_id, required in sorted(standards.get(job_id, [])):
                if asn_id == learner:
                    level = DEMO_LEARNER_LEVELS.get(codes[comp_id], required)
                else:
                    level = max(1, min(5, required - rng.choice([-1, 0, 0, 0, 1, 1, 2])))
                records.append(
                    LevelRecord(
                        asn_id=asn_id,
                        competency_id=comp_id,
                        level=level,
                        source=LevelSource.ASSESSMENT,
                        assessed_on=assessed_on,
                        note="Asesmen kompetensi BKPSDM",
                    )  # fmt: skip
                )
                currents.append(
                    CurrentLevel(
                        asn_id=asn_id,
                        competency_id=comp_id,
                        level=level,
                        source=LevelSource.ASSESSMENT,
                        assessed_on=assessed_on,
                    )  # fmt: skip
                )
        LevelRecord.objects.bulk_create(records, batch_size=2000)
        CurrentLevel.objects.bulk_create(currents, batch_size=2000, ignore_conflicts=True)
        return len(todo)

    # --- plans ---------------------------------------------------------------------------------

    def _plans(self, today: datetime.date) -> int:
        year = today.year
        learner = ASN.objects.select_related("user").filter(user__username="asn.dinkes").first()
        atasan = ASN.objects.select_related("user").filter(user__username="atasan.dinkes").first()
        if learner is None or atasan is None:
            return 0
        created = 0
        if not DevelopmentPlan.objects.filter(asn=learner, year=year).exists():
            plan = services.plan_create(asn=learner, year=year)
            try:
                services.plan_submit(user=learner.user, plan=plan)
            except ValidationError:
                goal = services.goal_add(user=learner.user, plan=plan, competency=None, target_level=None,
                                         title="Memperdalam kebijakan pengelolaan kinerja")  # fmt: skip
                services.activity_add(user=learner.user, goal=goal, kind=Activity.Kind.SELF_STUDY,
                                      title="Belajar mandiri dokumen kebijakan", jp=4)  # fmt: skip
                services.plan_submit(user=learner.user, plan=plan)
            created += 1
        team = list(
            ASN.objects.select_related("user")
            .filter(atasan=atasan, is_active=True)
            .exclude(pk=learner.pk)
            .order_by("nip")[:4]
        )
        steps = ["draft", "approved", "returned", "completed"]
        for member, step in zip(team, steps, strict=False):
            plan_year = year - 1 if step == "completed" else year
            if DevelopmentPlan.objects.filter(asn=member, year=plan_year).exists():
                continue
            created += 1
            self._plan_in_state(member=member, atasan=atasan, year=plan_year, state=step)
        return created

    def _plan_in_state(self, *, member: ASN, atasan: ASN, year: int, state: str) -> None:
        user = member.user
        plan = services.plan_create(asn=member, year=year, suggest=state != "completed")
        if state == "completed":
            goal = services.goal_add(
                user=user, plan=plan, competency=Competency.objects.get(code="M.6"), target_level=None
            )
            coaching = services.activity_add(user=user, goal=goal, kind=Activity.Kind.COACHING,
                                             title="Coaching dengan atasan langsung", jp=8)  # fmt: skip
            mentoring = services.activity_add(user=user, goal=goal, kind=Activity.Kind.MENTORING,
                                              title="Mentoring oleh pejabat fungsional senior", jp=12)  # fmt: skip
        if not plan.goals.exists():
            goal = services.goal_add(
                user=user, plan=plan, competency=Competency.objects.get(code="M.2"), target_level=None
            )
            services.activity_add(user=user, goal=goal, kind=Activity.Kind.JOB_SHADOWING,
                                  title="Job shadowing di unit layanan", jp=6)  # fmt: skip
        if state == "draft":
            return
        services.plan_submit(user=user, plan=plan)
        if state == "returned":
            services.plan_return(user=atasan.user, plan=plan,
                                 comment="Tambahkan kegiatan mentoring untuk Pelayanan Publik sebelum diajukan kembali.")  # fmt: skip
            return
        services.plan_approve(user=atasan.user, plan=plan)
        if state == "completed":
            for activity, day in (
                (coaching, datetime.date(year, 5, 20)),
                (mentoring, datetime.date(year, 10, 8)),
            ):
                services.activity_mark_done(user=user, activity=activity, done_on=day)
