"""Page types: where they may be created, how they render, tags and topic pages."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from pamong.home.models import HomePage
from pamong.socialization.models import ArticleIndexPage, ArticlePage, PolicyIndexPage, PolicyPage
from tests.factories import socialization as f


class TestPageTree(WagtailPageTestCase):
    def test_policy_pages(self):
        self.assertCanCreateAt(HomePage, PolicyIndexPage)
        self.assertCanCreateAt(PolicyIndexPage, PolicyPage)
        self.assertCanNotCreateAt(HomePage, PolicyPage)
        self.assertCanNotCreateAt(Page, PolicyIndexPage)
        self.assertCanNotCreateAt(PolicyPage, PolicyPage)
        self.assertCanNotCreateAt(PolicyIndexPage, ArticlePage)
        self.assertAllowedSubpageTypes(PolicyIndexPage, {PolicyPage})
        self.assertAllowedSubpageTypes(PolicyPage, set())
        self.assertAllowedParentPageTypes(PolicyPage, {PolicyIndexPage})
        self.assertAllowedParentPageTypes(PolicyIndexPage, {HomePage})

    def test_article_pages(self):
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticleIndexPage, PolicyPage)
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})

    def test_one_index_of_each(self):
        f.policy_index()
        f.article_index()
        home = f.home_page()
        assert not PolicyIndexPage.can_create_at(home)
        assert not ArticleIndexPage.can_create_at(home)


def _headings(html: str) -> list[int]:
    main = html[html.index("<main") : html.index("</main>")]
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]


@pytest.mark.django_db
def test_index_lists_chapters_in_order_and_filters_by_tag(section, client):
    response = client.get("/kebijakan/")
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(c.title) for c in section.chapters]
    assert positions == sorted(positions)
    response = client.get("/kebijakan/?tag=sanksi")
    html = response.content.decode()
    assert "Pemberian Penghargaan dan Sanksi" in html
    assert "Pendahuluan</a>" not in html


@pytest.mark.django_db
def test_chapter_renders_example_and_accessible_structure(section, client):
    response = client.get("/kebijakan/penghargaan-dan-sanksi/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Contoh penerapan" in html
    assert "Dinas Lingkungan Hidup" in html
    assert html.count("<h1") == 1
    levels = _headings(html)
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert 'aria-label="Navigasi utama"' in html
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "/topik/sanksi/" in html


@pytest.mark.django_db
def test_topic_page_lists_chapters_and_articles(section, client):
    f.article(title="Sanksi diumumkan", slug="sanksi-diumumkan", tags=("sanksi",))
    response = client.get("/topik/sanksi/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pemberian Penghargaan dan Sanksi" in html
    assert "Sanksi diumumkan" in html
    assert "Kesimpulan" not in html
    assert client.get("/topik/tidak-ada/").status_code == 404


@pytest.mark.django_db
def test_article_index_newest_first_and_tag_filter(section, client):
    f.article(title="Pengumuman satu", slug="satu", tags=("pelatihan",))
    f.article(title="Pengumuman dua", slug="dua")
    response = client.get("/berita/")
    assert response.status_code == 200
    assert "Pengumuman satu" in response.content.decode()
    html = client.get("/berita/?tag=pelatihan").content.decode()
    assert "Pengumuman satu" in html and "Pengumuman dua" not in html
    assert client.get("/berita/satu/").status_code == 200


@pytest.mark.django_db
def test_draft_chapter_is_not_served(section, client):
    draft = f.chapter(index=section, title="Draf", slug="draf", live=False)
    assert client.get(draft.url_path.replace("/beranda", "")).status_code == 404
    assert "Draf" not in client.get("/kebijakan/").content.decode()


@pytest.mark.django_db
def test_index_query_count_is_flat(section, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert client.get("/kebijakan/").status_code == 200
    for i in range(10):
        f.chapter(index=section, title=f"Bab tambahan {i}", slug=f"tambahan-{i}", tags=("kinerja",))
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(20):
        assert client.get("/kebijakan/").status_code == 200


@pytest.mark.django_db
def test_chapter_and_topic_query_counts_are_flat(world, section, client_for, django_assert_max_num_queries):
    client = client_for(world.staff_a.user)
    with django_assert_max_num_queries(30) as small_chapter:
        assert client.get("/kebijakan/penghargaan-dan-sanksi/").status_code == 200
    with django_assert_max_num_queries(15) as small_topic:
        assert client.get("/topik/kinerja/").status_code == 200
    for i in range(12):
        f.chapter(index=section, title=f"Bab kinerja {i}", slug=f"bab-kinerja-{i}", tags=("kinerja", f"t{i}"))
        f.article(title=f"Berita kinerja {i}", slug=f"berita-kinerja-{i}", tags=("kinerja",))
    with django_assert_max_num_queries(len(small_chapter.captured_queries)):
        assert client.get("/kebijakan/penghargaan-dan-sanksi/").status_code == 200
    with django_assert_max_num_queries(len(small_topic.captured_queries)):
        response = client.get("/topik/kinerja/")
    assert "Bab kinerja 11" in response.content.decode()
