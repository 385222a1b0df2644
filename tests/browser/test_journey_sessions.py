"""A classroom session at phone width (390 px): the learner registers and shows the ticket's code,
the trainer marks them present by typing the code on the attendance page, and the completed course
and its JP show on the learner's /belajar/ page."""

from __future__ import annotations

import datetime
import re

import pytest

from learning.models import Enrolment, SessionRegistration
from tests.browser.conftest import sign_in
from tests.factories.learning import make_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Jambi2026!"
PHONE = {"width": 390, "height": 844}


def _password(user) -> str:
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user.username


def test_learner_registers_trainer_marks_present_by_code_completion_shows(journey, world):
    trainer = world.atasan_a.user
    session = make_session(trainer=trainer, jp=8, starts_in=datetime.timedelta(minutes=10))
    course_title = session.course.title
    learner_name, trainer_name = _password(world.staff_a.user), _password(trainer)
    page = journey.page
    page.set_viewport_size(PHONE)

    # the learner registers and opens the ticket
    sign_in(journey, learner_name, PASSWORD)
    journey.goto("/belajar/sesi/")
    journey.key_page("daftar sesi")
    page.get_by_role("button", name=re.compile(r"^Daftar")).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/belajar/sesi/{session.pk}/tiket/")
    assert page.locator("#status-pendaftaran").inner_text() == "Terdaftar"
    assert page.locator("figure.qr svg").count() == 1
    code = page.locator("#kode-presensi code").inner_text()
    journey.key_page("tiket dengan kode QR")
    page.context.clear_cookies()

    # the trainer types the code on the phone (the camera is not available in this browser)
    sign_in(journey, trainer_name, PASSWORD)
    journey.goto(f"/belajar/sesi/{session.pk}/presensi/")
    journey.key_page("presensi pengajar")
    page.get_by_label("Kode presensi").fill(code)
    page.get_by_role("button", name="Catat hadir").click()
    page.wait_for_load_state()
    assert f"{world.staff_a.name} tercatat hadir." in page.locator("body").inner_text()
    # the same code again: nothing changes, and the trainer is told so
    page.get_by_label("Kode presensi").fill(code)
    page.get_by_role("button", name="Catat hadir").click()
    page.wait_for_load_state()
    assert "sudah tercatat hadir sebelumnya" in page.locator("body").inner_text()
    registration = SessionRegistration.objects.get(session=session, asn=world.staff_a)
    assert registration.attended_at is not None and registration.marked_by_id == trainer.pk
    page.context.clear_cookies()

    # the learner sees the completed course and the session's JP on /belajar/
    sign_in(journey, learner_name, PASSWORD)
    journey.goto("/belajar/")
    main = page.locator("main").inner_text()
    assert Enrolment.objects.get(asn=world.staff_a, course=session.course).completed_at is not None
    assert course_title in page.locator("#selesai ~ div table").inner_text()
    assert "8 dari minimal 20 JP" in main
    assert "Sesi tatap muka" in main
    journey.key_page("belajar setelah hadir")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
    journey.assert_no_csp_violation()
