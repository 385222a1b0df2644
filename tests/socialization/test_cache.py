"""Anonymous section pages are served from the one front cache and change on publish; logged-in users never."""

from __future__ import annotations

import pytest
from django.test import Client

from pamong.frontcache import HEADER as CACHE_HEADER
from pamong.socialization.models import PolicyPage
from tests.factories import socialization as f


def _republish(page: PolicyPage, user, **changes) -> None:
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision(user=user).publish(user=user)


@pytest.mark.django_db
def test_anonymous_chapter_is_cached_and_invalidated_on_publish(
    world, section, django_assert_max_num_queries
):
    client = Client()
    first = client.get("/kebijakan/pendahuluan/")
    assert first[CACHE_HEADER] == "miss"
    second = client.get("/kebijakan/pendahuluan/")
    assert second[CACHE_HEADER] == "hit"
    assert second.content.decode().count("Pendahuluan") == first.content.decode().count("Pendahuluan")
    page = PolicyPage.objects.get(slug="pendahuluan")
    _republish(page, world.humas_moderator, title="Pendahuluan baru")
    third = client.get("/kebijakan/pendahuluan/")
    assert third[CACHE_HEADER] == "miss"
    assert "Pendahuluan baru" in third.content.decode()


@pytest.mark.django_db
def test_index_is_invalidated_when_a_chapter_is_published_or_unpublished(world, section):
    client = Client()
    client.get("/kebijakan/")
    assert client.get("/kebijakan/")[CACHE_HEADER] == "hit"
    f.chapter(index=section, title="Bab baru", slug="bab-baru")
    response = client.get("/kebijakan/")
    assert response[CACHE_HEADER] == "miss"
    assert "Bab baru" in response.content.decode()
    PolicyPage.objects.get(slug="bab-baru").unpublish()
    response = client.get("/kebijakan/")
    assert "Bab baru" not in response.content.decode()


@pytest.mark.django_db
def test_query_string_variants_are_cached_separately(section):
    client = Client()
    client.get("/kebijakan/")
    response = client.get("/kebijakan/?tag=sanksi")
    assert response[CACHE_HEADER] == "miss"
    assert "Pendahuluan</a>" not in response.content.decode()


@pytest.mark.django_db
def test_logged_in_users_are_never_served_from_cache(world, section, client_for):
    anonymous = Client()
    anonymous.get("/kebijakan/pendahuluan/")
    anonymous.get("/kebijakan/pendahuluan/")
    client = client_for(world.staff_a.user)
    response = client.get("/kebijakan/pendahuluan/")
    assert CACHE_HEADER not in response
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Saya sudah membaca dan memahami" in html
    assert "Masuk untuk mengonfirmasi" not in html
    client.post(f"/konfirmasi-baca/{PolicyPage.objects.get(slug='pendahuluan').pk}/")
    assert "sudah mengonfirmasi" in client.get("/kebijakan/pendahuluan/").content.decode()
    # ... and anonymous visitors still get the anonymous version.
    assert "Masuk untuk mengonfirmasi" in anonymous.get("/kebijakan/pendahuluan/").content.decode()


@pytest.mark.django_db
def test_cached_page_carries_no_csrf_token_and_the_language_form_still_works(section):
    """The footer's language form is a GET form: nothing per-visitor ends up in a cached page."""
    Client().get("/kebijakan/")
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get("/kebijakan/").content.decode()
    assert "csrfmiddlewaretoken" not in html
    chosen = visitor.get("/bahasa/", {"language": "en", "next": "/kebijakan/"})
    assert chosen.status_code == 302 and chosen["Location"] == "/kebijakan/"
    assert '<html lang="en">' in visitor.get("/kebijakan/").content.decode()


@pytest.mark.django_db
def test_cache_hit_costs_few_queries(section, django_assert_max_num_queries):
    """A hit is answered in front of Wagtail's routing (site, page path, aliases, restrictions): no query."""
    client = Client()
    with django_assert_max_num_queries(20):
        assert client.get("/kebijakan/pendahuluan/")[CACHE_HEADER] == "miss"
    with django_assert_max_num_queries(0):
        assert client.get("/kebijakan/pendahuluan/")[CACHE_HEADER] == "hit"
