"""``seed_competencies`` on the test organisation: the demo story, bounded writes, idempotent."""

import io

import pytest
from django.core.management import call_command

from competencies.models import (
    CourseCompetency,
    CurrentLevel,
    DevelopmentPlan,
    LevelRecord,
    PositionStandard,
)
from pamong.people.models import Jabatan
from tests.factories.learning import make_course
from tests.factories.people import ASNFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo(world):
    """The world fixture with the demo usernames and enough of atasan_a's team for each plan state."""
    for asn, name in ((world.staff_a, "asn.dinkes"), (world.atasan_a, "atasan.dinkes")):
        asn.user.username = name
        asn.user.save()
    for _ in range(4):
        ASNFactory(jabatan=world.staff_a2.jabatan, atasan=world.atasan_a)
    make_course(title="Memahami Kebijakan Pengelolaan Kinerja ASN", jp=8, modules=1, lessons=1)
    make_course(title="Inovasi dalam Pelayanan Publik", jp=6, modules=1, lessons=1)
    return world


def _counts():
    return (
        PositionStandard.objects.count(),
        CurrentLevel.objects.count(),
        LevelRecord.objects.count(),
        DevelopmentPlan.objects.count(),
        CourseCompetency.objects.count(),
    )


def test_seed_story_and_idempotence(demo):
    call_command("seed_competencies", seed=7, stdout=io.StringIO())
    # Every jabatan has the nine PermenPANRB standards (the DINKES/DLH ones also technical ones).
    assert PositionStandard.objects.values("jabatan").distinct().count() == Jabatan.objects.count()
    assert PositionStandard.objects.filter(jabatan=demo.staff_a.jabatan).count() == 9 + 2
    learner_plan = DevelopmentPlan.objects.get(asn=demo.staff_a)
    assert learner_plan.status == "submitted"
    goal_codes = [g.competency.code for g in learner_plan.goals.all()]
    assert goal_codes[:2] == ["M.4", "M.7"]
    assert learner_plan.goals.get(competency__code="M.4").activities.get().course.title.startswith("Memahami")
    statuses = set(DevelopmentPlan.objects.exclude(asn=demo.staff_a).values_list("status", flat=True))
    assert statuses == {"draft", "approved", "returned", "completed"}
    before = _counts()
    call_command("seed_competencies", seed=7, stdout=io.StringIO())
    assert _counts() == before


def test_atasan_can_approve_the_demo_plan_in_the_browser(demo, client_for):
    call_command("seed_competencies", seed=7, stdout=io.StringIO())
    plan = DevelopmentPlan.objects.get(asn=demo.staff_a)
    client = client_for(demo.atasan_a.user)
    page = client.get(f"/kompetensi/rencana/{plan.pk}/")
    assert "Setujui rencana" in page.content.decode()
    client.post(f"/kompetensi/rencana/{plan.pk}/setujui/")
    plan.refresh_from_db()
    assert plan.status == "approved"
