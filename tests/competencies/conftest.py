import pytest
from django.utils import timezone

from competencies import services
from tests.factories.competencies import set_levels, set_standard


@pytest.fixture
def standards(world):
    """Standards for staff_a's position (DINKES) and staff_b's (DLH); a few assessed levels."""
    set_standard(world.staff_a.jabatan, {"M.1": 2, "M.4": 3, "M.5": 2})
    set_standard(world.staff_b.jabatan, {"M.1": 2, "M.7": 2})
    set_levels(world.staff_a, {"M.1": 2, "M.4": 1})
    set_levels(world.staff_b, {"M.1": 1})
    return world


@pytest.fixture
def submitted_plans(standards):
    """A submitted plan for staff_a (DINKES) and one for staff_b (DLH), this year."""
    world = standards
    year = timezone.localdate().year
    plans = {}
    for key, asn in (("a", world.staff_a), ("b", world.staff_b)):
        plan = services.plan_create(asn=asn, year=year)
        services.plan_submit(user=asn.user, plan=plan)
        plan.refresh_from_db()
        plans[key] = plan
    return plans
