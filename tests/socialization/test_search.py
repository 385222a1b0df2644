"""Search at /cari/: Wagtail search over every live page type, indexed by signals (no update_index)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamong.socialization.models import PolicyPage
from pamong.socialization.selectors import search_pages
from tests.factories import socialization as f

pytestmark = pytest.mark.usefixtures("indexed_search")


@pytest.mark.django_db
def test_sanksi_finds_the_rewards_and_sanctions_chapter_first(section, client):
    f.article(title="Pengumuman pelatihan", slug="pelatihan", summary="Sanksi dan pelatihan daring.")
    results = search_pages(query="sanksi")
    assert results[0].title == "Pemberian Penghargaan dan Sanksi"
    assert isinstance(results[0], PolicyPage)  # specific objects
    titles = [r.title for r in results]
    assert "Kesimpulan" in titles and "Pengumuman pelatihan" in titles
    html = client.get(reverse("socialization:search"), {"q": "sanksi"}).content.decode()
    assert html.index("Pemberian Penghargaan dan Sanksi") < html.index("Kesimpulan")


@pytest.mark.django_db
def test_search_body_text_and_example_blocks(section):
    assert [r.title for r in search_pages(query="plastik")] == ["Pemberian Penghargaan dan Sanksi"]


@pytest.mark.django_db
def test_drafts_and_unpublished_pages_are_not_found(section):
    f.chapter(index=section, title="Rahasia draf", slug="rahasia", live=False)
    assert search_pages(query="Rahasia") == []
    page = PolicyPage.objects.get(slug="kesimpulan")
    page.unpublish()
    assert "Kesimpulan" not in [r.title for r in search_pages(query="sanksi")]


@pytest.mark.django_db
def test_edits_are_indexed_on_publish(section, world):
    page = PolicyPage.objects.get(slug="pendahuluan")
    draft = page.get_latest_revision_as_object()
    draft.summary = "Zonasi keberlanjutan"
    draft.save_revision(user=world.humas_moderator).publish(user=world.humas_moderator)
    assert [r.title for r in search_pages(query="keberlanjutan")] == ["Pendahuluan"]


@pytest.mark.django_db
def test_search_page_for_everyone(world, section, client_for, django_assert_max_num_queries):
    for _role, user in world.users().items():
        response = client_for(user).get("/cari/", {"q": "sanksi"})
        assert response.status_code == 200
    client = client_for(None)
    assert client.get("/cari/").status_code == 200
    assert "Tidak ada halaman" in client.get("/cari/", {"q": "xyzzy"}).content.decode()
    with django_assert_max_num_queries(15):
        client.get("/cari/", {"q": "kinerja"})
    for i in range(15):
        f.chapter(index=section, title=f"Kinerja tambahan {i}", slug=f"kinerja-{i}")
    with django_assert_max_num_queries(15):
        response = client.get("/cari/", {"q": "kinerja"})
    assert "Halaman 1 dari 2" in response.content.decode()


PUNCTUATION = "\"'*()[]{}:^~-+!?.,;/\\|&<>=@#$%`\x00\t\n"


@pytest.mark.django_db
def test_query_syntax_is_never_an_error(section, client, django_user_model):
    """FTS5 and PostgreSQL full text read some punctuation as syntax; an unbalanced quote was a 500.
    Any mix of punctuation and words answers 200, on the site and in the admin's page search."""
    admin = django_user_model.objects.create_superuser("cari.admin", password="x")
    admin_client = Client()
    admin_client.force_login(admin)

    pieces = st.sampled_from([*PUNCTUATION, "sanksi", " ", "AND", "OR", "NEAR", "NOT", "é"])

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(pieces, max_size=12).map("".join))
    def check(query):
        assert client.get(reverse("socialization:search"), {"q": query}).status_code == 200
        assert admin_client.get("/admin/pages/search/", {"q": query}).status_code == 200

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"', '"sanksi', "sanksi*", "(sanksi", "sanksi:", "-sanksi", "'sanksi'"])
def test_words_next_to_punctuation_are_still_found(section, client, query):
    html = client.get(reverse("socialization:search"), {"q": query}).content.decode()
    if query == '"':
        assert "Pemberian Penghargaan dan Sanksi" not in html
    else:
        assert "Pemberian Penghargaan dan Sanksi" in html
    assert [r.title for r in search_pages(query=query)][:1] == (
        [] if query == '"' else ["Pemberian Penghargaan dan Sanksi"]
    )
