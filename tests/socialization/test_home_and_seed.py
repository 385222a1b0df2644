"""The home page section and the demo content command."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from wagtail.models import WorkflowPage

from pamong.home.editorial import WORKFLOW_NAME
from pamong.socialization.models import ArticlePage, PolicyAcknowledgement, PolicyIndexPage, PolicyPage

CHAPTER_TITLES = [
    "Pendahuluan",
    "Tujuan Kebijakan",
    "Ruang Lingkup Kebijakan",
    "Indikator Kinerja",
    "Mekanisme Evaluasi",
    "Pemberian Penghargaan dan Sanksi",
    "Kendala dan Solusi",
    "Kesimpulan",
]
EXAMPLES = {
    "ruang-lingkup": ("Dinas Pendidikan", "ujian nasional"),
    "indikator-kinerja": ("Dinas Kesehatan", "aduan"),
    "mekanisme-evaluasi": ("Dinas Sosial", "umpan balik"),
    "penghargaan-dan-sanksi": ("Dinas Lingkungan Hidup", "sampah plastik"),
}


@pytest.mark.slow
@pytest.mark.django_db
def test_seed_creates_the_policy_story_and_is_idempotent(world, client):
    call_command("seed_socialization", seed=2026, verbosity=0)
    index = PolicyIndexPage.objects.get()
    assert index.url_path.endswith("/kebijakan/")
    chapters = list(PolicyPage.objects.live().child_of(index).order_by("path"))
    assert [c.title for c in chapters] == CHAPTER_TITLES
    assert all(c.live_revision_id and c.tags.exists() for c in chapters)
    for slug, (instansi, words) in EXAMPLES.items():
        page = PolicyPage.objects.get(slug=slug)
        examples = [b.value for b in page.body if b.block_type == "example"]
        assert examples and examples[0]["instansi"] == instansi
        assert words in str(examples[0]["body"]).lower()
    for chapter in chapters[:-1]:
        assert any(b.block_type == "key_points" for b in chapter.body)
    assert ArticlePage.objects.live().count() == 2
    for section in (index, ArticlePage.objects.first().get_parent()):
        assert WorkflowPage.objects.get(page=section).workflow.name == WORKFLOW_NAME
    html = client.get("/kebijakan/").content.decode()
    assert all(title in html for title in CHAPTER_TITLES)

    counts = (PolicyPage.objects.count(), ArticlePage.objects.count(), PolicyAcknowledgement.objects.count())
    revisions = sum(p.revisions.count() for p in chapters)
    call_command("seed_socialization", seed=2026, verbosity=0)
    assert (
        PolicyPage.objects.count(),
        ArticlePage.objects.count(),
        PolicyAcknowledgement.objects.count(),
    ) == counts
    assert sum(p.revisions.count() for p in PolicyPage.objects.all()) == revisions


@pytest.mark.slow
@pytest.mark.django_db
def test_seed_acknowledgements_are_a_bounded_sample(world):
    call_command("seed_socialization", seed=2026, verbosity=0)
    users = set(PolicyAcknowledgement.objects.values_list("user_id", flat=True))
    assert 0 < len(users) < 9  # the world has 9 ASN; at most 60 % are sampled


@pytest.mark.django_db
def test_home_shows_chapters_and_latest_news(world, client, django_assert_max_num_queries):
    call_command("seed_socialization", seed=2026, verbosity=0)
    with django_assert_max_num_queries(15):
        response = client.get("/")
    html = response.content.decode()
    assert "Kebijakan dan berita terbaru" in html
    assert "Pemberian Penghargaan dan Sanksi" in html
    assert "Pelatihan daring penyusunan SKP" in html
    assert html.count("<h1") == 1
