import pytest
from django.core.cache import cache

from pamong.home.editorial import editorial_section_setup
from tests.factories import socialization as f


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def section(db):
    """A policy index with three chapters (the second about sanctions) and a news index, under workflow."""
    index = f.policy_index()
    chapters = [
        f.chapter(
            index=index, title="Pendahuluan", text="Kinerja ASN dan pelayanan publik.", tags=("kinerja",)
        ),
        f.chapter(
            index=index,
            title="Pemberian Penghargaan dan Sanksi",
            slug="penghargaan-dan-sanksi",
            blocks=[
                f.paragraph("Penghargaan bagi ASN berprestasi, sanksi bagi yang tidak memenuhi standar."),
                f.example("Dinas Lingkungan Hidup", "Sampah plastik", "Pengurangan sampah plastik."),
            ],
            tags=("sanksi", "penghargaan"),
        ),
        f.chapter(
            index=index, title="Kesimpulan", text="Penghargaan dan sanksi yang tepat.", tags=("kinerja",)
        ),
    ]
    news = f.article_index()
    editorial_section_setup(page=index)
    editorial_section_setup(page=news)
    index.chapters = chapters
    index.news = news
    return index
