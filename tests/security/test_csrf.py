"""CSRF is enforced on every URL of the project: a POST without the token is refused before the view
runs, for anonymous and signed-in users alike; with the token the same POST reaches the view."""

import pytest
from django.test import Client

from tests.security.targets import url_for
from tests.security.test_permission_matrix import MATRIX

pytestmark = pytest.mark.django_db

CSRF_REFUSAL = b"CSRF"

# The REST API (Django REST framework) is CSRF-exempt at Django's level: DRF checks the token itself
# for session-authenticated requests, and the token endpoint takes no session at all. The API is
# read-only, so there a POST need only be refused (4xx), not refused *for CSRF*.
SESSIONLESS_EXEMPT_PREFIXES = ("api/",)

# The POST views people use most, with a form that the view accepts.
KEY_POSTS = [
    "login",
    "logout",
    "socialization:acknowledge",
    "learning:attempt",
    "performance:public_feedback",
]

# What each of them answers once the token is there: the login form shows the wrong password again,
# the others do their work and redirect.
ACCEPTED_STATUS = {
    "login": 200,
    "logout": 302,
    "socialization:acknowledge": 302,
    "learning:attempt": 302,
    "performance:public_feedback": 302,
}


def _csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def test_every_url_refuses_a_post_without_the_token(world, objects):
    anonymous, admin = _csrf_client(), _csrf_client(world.admin)
    accepted = []
    for key in sorted(MATRIX):
        url = url_for(key, objects, world)
        for who, client in (("anonymous", anonymous), ("admin", admin)):
            response = client.post(url, {"username": "x", "password": "y"})
            if url.lstrip("/").startswith(SESSIONLESS_EXEMPT_PREFIXES):
                refused = response.status_code >= 400
            else:
                refused = response.status_code == 403 and CSRF_REFUSAL in response.content
            if not refused:
                accepted.append(f"{who} POST {url} [{key}] → {response.status_code}")
    assert not accepted, "POST without a CSRF token was not refused:\n" + "\n".join(accepted)


def _with_token(client, signed_in: bool) -> str:
    """Fetch a page with a form to get the CSRF cookie; return the token to post back."""
    client.get("/akun/" if signed_in else "/masuk/")
    return client.cookies["csrftoken"].value


@pytest.mark.parametrize("key", KEY_POSTS)
def test_key_posts_pass_with_the_token_and_fail_without(key, world, objects):
    user = {
        "login": None,
        "logout": world.staff_a.user,
        "socialization:acknowledge": world.staff_a.user,
        "learning:attempt": world.staff_a.user,
        "performance:public_feedback": None,
    }[key]
    url = url_for(key, objects, world)
    data = {"username": world.staff_a.user.username, "password": "salah", "rating": "5", "comment": ""}
    refused = _csrf_client(user).post(url, data)
    assert refused.status_code == 403 and CSRF_REFUSAL in refused.content
    client = _csrf_client(user)
    token = _with_token(client, user is not None)
    allowed = client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert CSRF_REFUSAL not in allowed.content or allowed.status_code != 403, key
    assert allowed.status_code == ACCEPTED_STATUS[key], (key, allowed.status_code)
