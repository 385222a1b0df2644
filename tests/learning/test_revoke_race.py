"""Issue 13, defect 5, for learning: two HR users revoking one certificate from pages opened at the
same time: the first reason is kept, the second is told the certificate was just revoked."""

import pytest

from learning import services
from learning.models import Certificate
from tests.factories.learning import correct_answers, lessons_of

pytestmark = pytest.mark.django_db


def test_second_revocation_is_refused_and_keeps_the_first_reason(world, course):
    user = world.staff_a.user
    for lesson in lessons_of(course):
        if lesson.quiz_id:
            attempt = services.attempt_start(user=user, page=lesson)
            services.attempt_submit(user=user, attempt=attempt, answers=correct_answers(lesson.quiz))
        else:
            services.lesson_mark_complete(user=user, lesson=lesson)
    code = Certificate.objects.get(enrolment__asn=world.staff_a).code
    seen_by_a, seen_by_b = Certificate.objects.get(code=code), Certificate.objects.get(code=code)
    services.certificate_revoke(user=world.hr_a.user, certificate=seen_by_a, reason="Kehadiran tidak sah")
    with pytest.raises(services.LearningError, match="baru saja dicabut"):
        services.certificate_revoke(user=world.bkpsdm.user, certificate=seen_by_b, reason="Alasan lain")
    cert = Certificate.objects.get(code=code)
    assert cert.revoked_reason == "Kehadiran tidak sah" and cert.revoked_by == world.hr_a.user
