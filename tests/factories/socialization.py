"""Builders for the socialization pages: a policy section and a news section under the home page.

Pages are created and published through revisions, the way editors do, so ``live_revision`` and
``last_published_at`` are real.
"""

from __future__ import annotations

import json

from wagtail.models import Page, Site

from pamong.home.models import HomePage
from pamong.socialization.models import ArticleIndexPage, ArticlePage, PolicyIndexPage, PolicyPage
from tests.factories import unindexed


def home_page() -> HomePage:
    site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


@unindexed
def publish(page: Page, *, user=None) -> Page:
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return page


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def example(instansi: str, title: str, text: str) -> dict:
    return {"type": "example", "value": {"instansi": instansi, "title": title, "body": f"<p>{text}</p>"}}


@unindexed
def policy_index(*, title: str = "Kebijakan", slug: str = "kebijakan") -> PolicyIndexPage:
    existing = PolicyIndexPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    page = PolicyIndexPage(title=title, slug=slug, intro="<p>Pengantar kebijakan.</p>")
    home_page().add_child(instance=page)
    return publish(page)


@unindexed
def chapter(
    *,
    index: PolicyIndexPage | None = None,
    title: str,
    slug: str | None = None,
    text: str = "Isi bab.",
    tags: tuple[str, ...] = (),
    blocks: list[dict] | None = None,
    live: bool = True,
    summary: str = "",
) -> PolicyPage:
    index = index or policy_index()
    page = PolicyPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        summary=summary,
        body=json.dumps(blocks if blocks is not None else [paragraph(text)]),
        live=live,
    )
    if tags:
        page.tags.add(*tags)
    index.add_child(instance=page)
    if live:
        return publish(page)
    page.save_revision()
    return page


@unindexed
def article_index(*, title: str = "Berita", slug: str = "berita") -> ArticleIndexPage:
    existing = ArticleIndexPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    page = ArticleIndexPage(title=title, slug=slug)
    home_page().add_child(instance=page)
    return publish(page)


@unindexed
def article(*, title: str, slug: str | None = None, summary: str = "Ringkasan.", tags: tuple[str, ...] = ()):
    index = article_index()
    page = ArticlePage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        summary=summary,
        body=json.dumps([paragraph(summary)]),
    )
    if tags:
        page.tags.add(*tags)
    index.add_child(instance=page)
    return publish(page)
