"""A classroom session at phone width (390 px): the learner registers and shows the ticket's QR code;
the trainer, on their own phone, scans it with the camera (Chromium's fake camera films a screenshot
of the ticket's QR code; the vendored jsQR reads it, as on any browser without BarcodeDetector);
scanning or typing the same code again changes nothing. The completed course then shows on the learner's /belajar/ page, in the
JP ledger and in the xAPI export."""

from __future__ import annotations

import datetime
import re
from io import BytesIO
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from competencies.selectors import jp_ledger
from learning.models import Enrolment, SessionRegistration
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, sign_in
from tests.factories.learning import make_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Jambi2026!"
PHONE = {"width": 390, "height": 844}
CAMERA = (640, 480)


def _password(user) -> str:
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user.username


def write_camera_film(qr_png: bytes, path: Path, *, frames: int = 5) -> Path:
    """A Y4M film (what Chromium's fake camera plays, in a loop) of ``qr_png`` (a screenshot of the QR
    code as the ticket shows it) held in front of the camera, in the middle of a grey frame."""
    width, height = CAMERA
    shown = Image.open(BytesIO(qr_png)).convert("L")
    side = min(width, height) * 3 // 4
    shown = shown.resize((side, side * shown.height // shown.width), Image.Resampling.NEAREST)
    frame = Image.new("L", CAMERA, 160)
    frame.paste(shown, ((width - shown.width) // 2, (height - shown.height) // 2))
    luma = bytes(16 + value * 219 // 255 for value in frame.tobytes())  # video range
    chroma = bytes([128]) * (width * height // 2)
    with path.open("wb") as film:
        film.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            film.write(b"FRAME\n" + luma + chroma)
    return path


def test_learner_registers_trainer_scans_the_qr_code_completion_shows(journey, world, chromium, tmp_path):
    trainer = world.atasan_a.user
    session = make_session(trainer=trainer, jp=8, starts_in=datetime.timedelta(minutes=10))
    course = session.course
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

    # the trainer's phone: its camera films the learner's QR code
    film = write_camera_film(page.locator("figure.qr svg").screenshot(), tmp_path / "qr.y4m")
    camera_browser = chromium.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={film}",
        ],
    )
    try:
        context = camera_browser.new_context(locale="id-ID", viewport=PHONE, has_touch=True)
        base_url = journey.base_url
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith((base_url, "data:", "blob:"))
                else route.abort()
            ),
        )
        context.grant_permissions(["camera"], origin=base_url)
        trainer_page = journey.page = context.new_page()  # screenshots and axe now of the trainer's page
        trainer_page.set_default_timeout(15_000)
        trainer_page.on("console", journey._console)
        sign_in(journey, trainer_name, PASSWORD)
        journey.goto(f"/belajar/sesi/{session.pk}/presensi/")
        scan = trainer_page.get_by_role("button", name="Pindai dengan kamera")
        expect(scan).to_be_visible()
        journey.key_page("presensi pengajar")
        scan.click()
        expect(trainer_page.locator("body")).to_contain_text(f"{world.staff_a.name} tercatat hadir.")
        journey.shot("hadir setelah dipindai")
        registration = SessionRegistration.objects.get(session=session, asn=world.staff_a)
        assert registration.attended_at is not None and registration.marked_by_id == trainer.pk

        # the same QR code again: nothing changes, and the trainer is told so
        trainer_page.get_by_role("button", name="Pindai dengan kamera").click()
        expect(trainer_page.locator("body")).to_contain_text("sudah tercatat hadir sebelumnya")
        # and the typed code (the field that works without a camera) says the same
        trainer_page.get_by_label("Kode presensi").fill(code)
        trainer_page.get_by_role("button", name="Catat hadir").click()
        trainer_page.wait_for_load_state()
        expect(trainer_page.locator("body")).to_contain_text("sudah tercatat hadir sebelumnya")
        journey.assert_no_csp_violation()
        context.close()
    finally:
        camera_browser.close()
        journey.page = page

    # the learner sees the completed course and the session's JP on /belajar/
    journey.goto("/belajar/")
    main = page.locator("main").inner_text()
    enrolment = Enrolment.objects.get(asn=world.staff_a, course=course)
    assert enrolment.completed_at is not None
    assert course.title in page.locator("#selesai ~ div table").inner_text()
    assert "8 dari minimal 20 JP" in main
    assert "Sesi tatap muka" in main
    journey.key_page("belajar setelah hadir")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0

    # the JP ledger counts the course's 8 JP once, and the xAPI export has the attendance and the
    # course's completion, both in the course's context
    ledger = jp_ledger(asn=world.staff_a, year=timezone.localdate().year)
    assert sum(entry.jp for entry in ledger.entries) == 8
    assert any(course.title in entry.title for entry in ledger.entries)
    hr = Client()
    hr.force_login(world.hr_a.user)
    statements = hr.get(reverse("learning:xapi_export")).json()["statements"]
    course_iri = f"/xapi/activities/course/{course.pk}"
    verbs = {
        s["verb"]["id"].rsplit("/", 1)[-1]
        for s in statements
        if s["actor"]["account"]["name"] == world.staff_a.nip
        and (
            s["object"]["id"].endswith(course_iri)
            or any(
                parent["id"].endswith(course_iri)
                for parent in s.get("context", {}).get("contextActivities", {}).get("grouping", [])
            )
        )
    }
    assert {"attended", "completed"} <= verbs, verbs
    journey.assert_no_csp_violation()
