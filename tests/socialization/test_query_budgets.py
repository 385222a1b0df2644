"""Query budgets for the public socialization views: home, topic and news index at two data sizes.

Anonymous pages come from the front cache; the cache is cleared before every measurement so the
numbers are those of a real render. Budgets are the count measured at the large size plus slack,
and the count must not grow with the data (the ``flat`` tests compare both sizes directly).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pamong.home.editorial import editorial_section_setup
from tests.factories import socialization as f

SMALL, LARGE = 2, 12
# Measured on SQLite + 2 slack (PostgreSQL passes the same). Logged-in pages cost more: session, user, ASN.
HOME_BUDGET = {"anonymous": 9 + 2, "asn": 14 + 2}
TOPIC_BUDGET = {"anonymous": 7 + 2, "asn": 10 + 2}
NEWS_BUDGET = {"anonymous": 11 + 2, "asn": 15 + 2}


def _get(client, url):
    """Clear the front cache, then GET ``url``; return (response, number of queries)."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)


def _chapters(index, start, stop):
    for i in range(start, stop):
        f.chapter(index=index, title=f"Bab uji {i}", slug=f"bab-uji-{i}", tags=("kinerja", f"t{i}"))


def _articles(start, stop):
    for i in range(start, stop):
        f.article(title=f"Berita uji {i}", slug=f"berita-uji-{i}", tags=("kinerja",))


@pytest.fixture
def sections(db):
    index = f.policy_index()
    news = f.article_index()
    editorial_section_setup(page=index)
    editorial_section_setup(page=news)
    return index


def _grow(index, start, stop):
    _chapters(index, start, stop)
    _articles(start, stop)


def _client(world, client_for, who):
    return client_for(world.staff_a.user if who == "asn" else None)


@pytest.mark.parametrize("who", ["anonymous", "asn"])
@pytest.mark.parametrize("extra", [SMALL, LARGE])
def test_home_query_budget(world, sections, client_for, who, extra, django_assert_max_num_queries):
    _grow(sections, 0, extra)
    client = _client(world, client_for, who)
    cache.clear()
    with django_assert_max_num_queries(HOME_BUDGET[who]):
        response = client.get("/")
    assert response.status_code == 200
    assert "Bab uji 0" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "asn"])
def test_home_query_count_is_flat(world, sections, client_for, who):
    client = _client(world, client_for, who)
    _grow(sections, 0, SMALL)
    small = _get(client, "/")
    _grow(sections, SMALL, LARGE)
    large = _get(client, "/")
    assert small[0].status_code == large[0].status_code == 200
    assert small[1] == large[1] <= HOME_BUDGET[who]


@pytest.mark.parametrize("who", ["anonymous", "asn"])
@pytest.mark.parametrize("extra", [SMALL, LARGE])
def test_topic_query_budget(world, sections, client_for, who, extra, django_assert_max_num_queries):
    _grow(sections, 0, extra)
    client = _client(world, client_for, who)
    cache.clear()
    with django_assert_max_num_queries(TOPIC_BUDGET[who]):
        response = client.get("/topik/kinerja/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Bab uji {extra - 1}" in html
    assert "Berita uji 0" in html


@pytest.mark.parametrize("who", ["anonymous", "asn"])
def test_topic_query_count_is_flat(world, sections, client_for, who):
    client = _client(world, client_for, who)
    _grow(sections, 0, SMALL)
    small = _get(client, "/topik/kinerja/")
    _grow(sections, SMALL, LARGE)
    large = _get(client, "/topik/kinerja/")
    assert small[0].status_code == large[0].status_code == 200
    assert small[1] == large[1] <= TOPIC_BUDGET[who]


@pytest.mark.parametrize("who", ["anonymous", "asn"])
@pytest.mark.parametrize("extra", [SMALL, LARGE])
def test_news_index_query_budget(world, sections, client_for, who, extra, django_assert_max_num_queries):
    _articles(0, extra)
    client = _client(world, client_for, who)
    cache.clear()
    with django_assert_max_num_queries(NEWS_BUDGET[who]):
        response = client.get("/berita/")
    assert response.status_code == 200
    assert f"Berita uji {extra - 1}" in response.content.decode()  # newest first, 10 a page


@pytest.mark.parametrize("who", ["anonymous", "asn"])
def test_news_index_query_count_is_flat(world, sections, client_for, who):
    client = _client(world, client_for, who)
    _articles(0, SMALL)
    small = _get(client, "/berita/")
    _articles(SMALL, LARGE)
    large = _get(client, "/berita/")
    assert small[0].status_code == large[0].status_code == 200
    assert small[1] == large[1] <= NEWS_BUDGET[who]
