"""The anonymous page cache in front of the site."""

import pytest
from django.test import Client
from wagtail.models import Page

from pamong.frontcache import HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return Page.objects.get(depth=2).specific


def test_second_anonymous_visit_is_a_hit_without_queries(home, django_assert_num_queries):
    client = Client()
    first = client.get("/")
    assert first.status_code == 200 and first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second  # outer middleware still adds its headers


def test_publishing_any_page_invalidates(home):
    client = Client()
    client.get("/")
    home.intro = "Pengantar baru setelah terbit"
    home.save_revision().publish()
    response = client.get("/")
    assert response[HEADER] == "miss"
    assert "Pengantar baru setelah terbit" in response.content.decode()


def test_signed_in_users_are_never_served_from_the_cache(home, world, client_for):
    Client().get("/")
    response = client_for(world.staff_a.user).get("/")
    assert HEADER not in response
    assert "Akun saya" in response.content.decode()


def test_each_language_has_its_own_entry(home):
    client = Client()
    client.get("/")
    client.cookies["django_language"] = "en"
    response = client.get("/")
    assert response[HEADER] == "miss" and '<html lang="en">' in response.content.decode()


def test_pages_that_are_not_listed_are_not_stored(world, client_for):
    client = Client()
    client.get("/healthz/")
    assert HEADER not in client.get("/healthz/")
    assert HEADER not in client.get("/masuk/")


def test_post_is_never_answered_from_the_cache(home):
    client = Client()
    client.get("/")
    assert HEADER not in client.post("/")


def test_unknown_query_parameters_bypass_the_cache(home):
    """Random ``?x=`` values used to create one entry each and fill the cache."""
    client = Client()
    for i in range(5):
        response = client.get("/", {"x": f"acak{i}"})
        assert response.status_code == 200 and HEADER not in response
    assert HEADER not in client.get("/", {"page": "1' OR 1=1"})
    assert HEADER not in client.get("/?tag=a&tag=b")


def test_known_parameters_share_one_entry_whatever_their_order(home):
    client = Client()
    assert client.get("/?tag=kinerja&page=2")[HEADER] == "miss"
    assert client.get("/?page=2&tag=kinerja")[HEADER] == "hit"
