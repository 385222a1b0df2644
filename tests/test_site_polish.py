"""Site-wide details: page titles without repetition, a favicon, search snippets for lessons and
modules, a helpful page for an unknown feedback code, one stylesheet, print styles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse

from pamong.home.templatetags.pamong_tags import search_snippet, site_title
from tests.factories.learning import lessons_of, make_course

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("", "Pamong"),
        ("Pamong", "Pamong"),
        ("  Pamong \n", "Pamong"),
        ("Kebijakan", "Kebijakan · Pamong"),
        ("Cari: sanksi", "Cari: sanksi · Pamong"),
        ("Masuk · Pamong", "Masuk · Pamong"),
    ],
)
def test_site_title_never_repeats_the_site_name(title, expected):
    assert site_title(title) == expected


@pytest.mark.django_db
def test_home_page_title_is_not_pamong_twice(client):
    html = client.get("/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.count("Pamong") == 1, title
    assert 'rel="icon"' in html
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    assert finders.find(icon.removeprefix("/static/"))


@pytest.mark.django_db
def test_brand_link_accessible_name_contains_its_visible_text(client):
    html = client.get("/").content.decode()
    brand = re.search(r'<a class="brand"[^>]*>', html).group(0)
    assert "aria-label" not in brand  # the name comes from the visible text (label-content-name-mismatch)


@pytest.mark.django_db
def test_lessons_and_modules_carry_a_search_snippet(world):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    module = lesson.get_parent().specific
    module.intro = "Modul ini menjelaskan indikator kinerja dan cara mengukurnya."
    module.save()
    assert search_snippet(module).startswith("Modul ini menjelaskan")
    snippet = search_snippet(lesson)
    assert snippet, "a lesson's search result has no snippet"
    assert "<" not in snippet
    assert len(snippet.split()) <= 31


def test_search_template_uses_the_snippet_for_every_result():
    html = Template("{% load pamong_tags %}{{ page|search_snippet }}").render(
        Context({"page": type("P", (), {"summary": "<b>Ringkas</b> " + "kata " * 50})()})
    )
    assert html.startswith("Ringkas") and html.endswith("…")


@pytest.mark.django_db
def test_unknown_feedback_code_gets_a_helpful_page(client):
    response = client.get(reverse("performance:public_feedback", args=["kode-yang-tidak-ada"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Kode umpan balik tidak berlaku" in html
    assert "Pindai ulang" in html


def test_one_stylesheet_and_print_rules():
    """CSS lives in one file: no <style> elements in templates, no per-app stylesheets."""
    inline = [p for p in (ROOT / "templates").rglob("*.html") if "<style" in p.read_text()]
    assert not inline, inline
    app_css = [
        p
        for p in ROOT.glob("*/**/static/**/*.css")
        if ".venv" not in p.parts and "staticfiles" not in p.parts
    ]
    app_css = [p for p in app_css if p != ROOT / "static" / "css" / "pamong.css"]
    assert not app_css, app_css
    css = (ROOT / "static" / "css" / "pamong.css").read_text()
    print_rules = css.split("@media print", 1)[1]
    for selector in (".site-header", ".site-footer", ".button", "button"):
        assert selector in print_rules.split("}")[0]
