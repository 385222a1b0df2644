"""Assertions shared by several test modules."""

from __future__ import annotations

#: Roles whose users may enter the Wagtail admin (HR, BKPSDM, humas, administrator).
ADMIN_ROLES = {"hr_same", "hr_other", "bkpsdm", "humas", "admin"}

#: The video of the block tests; the ``media`` fixture caches its embed (tests never reach the internet).
VIDEO_URL = "https://video.example/watch?v=kinerja"


def assert_admin_refused(response, role: str) -> None:
    """Wagtail's refusal: a user who may enter the admin is sent to the admin home ("no
    permission"); anyone else to the admin login."""
    assert response.status_code == 302, (role, response.status_code)
    if role in ADMIN_ROLES:
        assert response.url == "/admin/", (role, response.url)
    else:
        assert response.url.startswith("/admin/login/"), (role, response.url)
