"""A known HR picture on top of the shared ``world``.

Year 2025 (a closed province-wide period):

* staff_a  — predikat Sangat Baik (di atas), JPM 100 %   (tinggi)   → box 9
* staff_a2 — predikat Baik (sesuai),         JPM 71.4 %  (menengah) → box 5
* staff_b  — predikat Kurang (di bawah),     JPM 25 %    (rendah)   → box 1  (other instansi)
* atasan_a — predikat Baik, no position standard → not placed (no potential)
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from learning.models import Enrolment
from pamong.socialization.services import acknowledgement_record
from performance.models import FollowUpProposal, FollowUpRule, Period
from tests.factories.competencies import set_levels, set_standard
from tests.factories.learning import make_course
from tests.factories.people import ASNFactory
from tests.factories.performance import PeriodFactory, PlanFactory, final_evaluation
from tests.factories.socialization import chapter

YEAR = 2025
_seq = itertools.count(1)


def at(month: int, day: int = 1) -> dt.datetime:
    return dt.datetime(YEAR, month, day, 9, 0, tzinfo=timezone.get_current_timezone())


class HrWorld:
    def __init__(self, world):
        self.world = world
        w = world
        self.job = w.staff_a.jabatan
        set_standard(self.job, {"M.1": 2, "M.4": 3, "M.5": 2})
        set_standard(w.staff_b.jabatan, {"M.1": 2, "M.7": 2})
        set_levels(w.staff_a, {"M.1": 2, "M.4": 3, "M.5": 2})
        set_levels(w.staff_a2, {"M.1": 2, "M.4": 2, "M.5": 1})
        set_levels(w.staff_b, {"M.1": 1})
        self.period = PeriodFactory(year=YEAR, status=Period.Status.CLOSED)
        self.eval_a = final_evaluation(
            PlanFactory(asn=w.staff_a, period=self.period),
            hasil="di_atas",
            perilaku="di_atas",
            predikat="sangat_baik",
        )
        final_evaluation(PlanFactory(asn=w.staff_a2, period=self.period), predikat="baik")
        final_evaluation(
            PlanFactory(asn=w.staff_b, period=self.period),
            hasil="di_bawah",
            perilaku="di_bawah",
            predikat="kurang",
        )
        final_evaluation(PlanFactory(asn=w.atasan_a, period=self.period), predikat="baik")
        self.course = make_course(title="Pelatihan Pelayanan Prima", jp=20)
        Enrolment.objects.create(
            asn=w.staff_a,
            course=self.course,
            enrolled_at=at(2),
            completed_at=at(3),
            progress=100,
            jp_credited=20,
        )
        Enrolment.objects.create(asn=w.staff_a2, course=self.course, enrolled_at=at(2), progress=40)
        self.chapters = [chapter(title="Bab Satu Kinerja"), chapter(title="Bab Dua Talenta")]
        for page in self.chapters:
            acknowledgement_record(user=w.staff_a.user, page=page)
        acknowledgement_record(user=w.staff_a2.user, page=self.chapters[0])
        reward = FollowUpRule.objects.filter(kind=FollowUpRule.Kind.REWARD).first()
        if reward is None:
            reward = FollowUpRule.objects.create(
                name="Piagam", kind=FollowUpRule.Kind.REWARD, trigger_predikat="sangat_baik"
            )
        FollowUpProposal.objects.create(
            period=self.period,
            asn=w.staff_a,
            rule=reward,
            evaluation=self.eval_a,
            basis="Predikat Sangat Baik",
        )

    def grow(self, n: int) -> None:
        """``n`` more ASN in staff_a's unit and position, each with levels, a final predikat, an
        enrolment and an acknowledgement (so every figure has more rows)."""
        w = self.world
        for _ in range(n):
            i = next(_seq)
            asn = ASNFactory(jabatan=self.job, atasan=w.atasan_a, name=f"Tambahan {i:03d}")
            set_levels(asn, {"M.1": 2, "M.4": 1 + i % 3})
            final_evaluation(
                PlanFactory(asn=asn, period=self.period), predikat=("baik", "sangat_baik", "kurang")[i % 3]
            )
            Enrolment.objects.create(
                asn=asn,
                course=self.course,
                enrolled_at=at(5),
                completed_at=at(6) if i % 2 else None,
                progress=100 if i % 2 else 10,
                jp_credited=20 if i % 2 else 0,
            )
            acknowledgement_record(user=asn.user, page=self.chapters[i % 2])


@pytest.fixture
def hr_world(world) -> HrWorld:
    return HrWorld(world)
