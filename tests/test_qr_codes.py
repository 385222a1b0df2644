"""Every QR code Pamong draws is a full QR code, never a Micro QR code.

``segno.make`` picks a Micro QR code (one finder pattern) whenever the text fits one: the session
attendance codes (``42-1A2B3C4D5E``) did. Phone cameras, Android's BarcodeDetector and the vendored
jsQR of the trainer's scanner do not read Micro QR codes, so the tickets and the printed participant
list could not be scanned. ``segno.make_qr`` always draws a full QR code; the browser journey of a
session (tests/browser/test_journey_sessions.py) scans a ticket's code with the camera.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import segno

from learning.sessions import attendance_code, attendance_qr_svg, session_register
from tests.factories.learning import make_session

REPO = Path(__file__).resolve().parent.parent
ROOTS = ("site", "learning", "competencies", "performance")
MICRO_CAPABLE = re.compile(r"\bsegno\.make\(|\bmake_micro\(|micro\s*=\s*True")


def test_no_qr_code_of_ours_may_become_a_micro_qr_code():
    files = sorted(p for root in ROOTS for p in (REPO / root).rglob("*.py") if "migrations" not in p.parts)
    found = [
        f"{file.relative_to(REPO)}:{number}: {line.strip()}"
        for file in files
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1)
        if MICRO_CAPABLE.search(line)
    ]
    assert not found, "draw QR codes with segno.make_qr (never a Micro QR code):\n" + "\n".join(found)


@pytest.mark.django_db
def test_a_short_attendance_code_is_a_full_qr_code(world):
    session = make_session(trainer=world.kepala_a.user)
    registration = session_register(user=world.staff_a.user, session=session)
    code = attendance_code(registration)
    assert segno.make(code, error="m").is_micro  # what the ticket drew before
    svg = attendance_qr_svg(registration)
    assert svg == segno.make_qr(code, error="m").svg_inline(scale=6, border=2)
    assert not segno.make_qr(code, error="m").is_micro
