"""Search at /cari/: Wagtail search over every live page type, indexed by signals (no update_index)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pamong.socialization.models import PolicyPage
from pamong.socialization.selectors import search_pages
from tests.factories import socialization as f


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
