"""Issue 13, defect 5, for learning: two HR users revoking one certificate from pages opened at the
same time: the first reason is kept, the second is told the certificate was just revoked."""

import pytest

from learning import services
from learning.models import Certificate
from tests.factories.learning import complete_lessons, lessons_of

pytestmark = pytest.mark.django_db


def test_second_revocation_is_refused_and_keeps_the_first_reason(world, course):
    complete_lessons(world.staff_a.user, lessons_of(course))
    code = Certificate.objects.get(enrolment__asn=world.staff_a).code
    seen_by_a, seen_by_b = Certificate.objects.get(code=code), Certificate.objects.get(code=code)
    services.certificate_revoke(user=world.hr_a.user, certificate=seen_by_a, reason="Kehadiran tidak sah")
    with pytest.raises(services.LearningError, match="baru saja dicabut"):
        services.certificate_revoke(user=world.bkpsdm.user, certificate=seen_by_b, reason="Alasan lain")
    cert = Certificate.objects.get(code=code)
    assert cert.revoked_reason == "Kehadiran tidak sah" and cert.revoked_by == world.hr_a.user
