"""Every StreamField block renders with its template (no network: the embed is pre-cached)."""

from __future__ import annotations

import pytest
from wagtail import blocks

from learning.blocks import LessonStreamBlock
from pamong.socialization.blocks import ArticleStreamBlock, PolicyStreamBlock
from tests.factories import socialization as f
from tests.helpers import VIDEO_URL


@pytest.mark.django_db
def test_all_blocks_render(world, section, media, client, settings):
    settings.PAMONG_EMBED_HOSTS = ["video.example"]  # the embed shows only for an allowed host
    image, document = media
    course = f.article(title="Pelatihan SKP", slug="pelatihan-skp")
    blocks = [
        {"type": "heading", "value": {"text": "Bagian satu", "level": "h2"}},
        {"type": "heading", "value": {"text": "Sub bagian", "level": "h3"}},
        f.paragraph("Paragraf biasa."),
        f.example("Dinas Sosial", "Umpan balik", "Survei kepuasan."),
        {"type": "key_points", "value": {"title": "Poin penting", "points": ["Satu", "Dua"]}},
        {
            "type": "faq",
            "value": {
                "title": "Tanya jawab",
                "items": [{"question": "Apa itu SKP?", "answer": "<p>Sasaran.</p>"}],
            },
        },
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "Peserta apel pagi",
                "decorative": False,
                "caption": "Apel",
            },
        },
        {"type": "document", "value": {"document": document.pk, "title": "", "description": "Salinan resmi"}},
        {
            "type": "video",
            "value": {
                "video": VIDEO_URL,
                "caption": "Video sosialisasi",
                "transcript": "<p>Selamat pagi.</p>",
            },
        },
        {"type": "related_course", "value": {"page": course.pk, "text": "Ikuti pelatihannya"}},
    ]
    f.chapter(index=section, title="Semua blok", slug="semua-blok", blocks=blocks)
    html = client.get("/kebijakan/semua-blok/").content.decode()
    assert "<h2>Bagian satu</h2>" in html and "<h3>Sub bagian</h3>" in html
    assert "Contoh penerapan" in html and "Dinas Sosial" in html
    assert "<li>Satu</li>" in html
    assert "<summary>Apa itu SKP?</summary>" in html
    assert 'alt="Peserta apel pagi"' in html
    assert "Naskah kebijakan" in html and "PDF" in html and "Salinan resmi" in html
    assert 'title="Video sosialisasi"' in html and "Transkrip video" in html and "Selamat pagi." in html
    assert "Ikuti pelatihannya" in html and course.url in html


def _list_blocks(block):
    """Every ListBlock inside ``block`` (a StreamBlock, StructBlock or ListBlock), recursively."""
    if isinstance(block, blocks.ListBlock):
        yield block
        yield from _list_blocks(block.child_block)
    for child in getattr(block, "child_blocks", {}).values():
        yield from _list_blocks(child)


def test_every_list_item_field_has_an_accessible_name():
    """A ListBlock draws no <label> for its items: an item that is a plain field must carry its
    label as aria-label, or the Wagtail editor has unnamed inputs (axe ``label``, critical)."""
    checked = 0
    for stream in (PolicyStreamBlock(), ArticleStreamBlock(), LessonStreamBlock()):
        for list_block in _list_blocks(stream):
            item = list_block.child_block
            if isinstance(item, blocks.FieldBlock):
                html = item.field.widget.render("x", "", attrs={"id": "x"})
                assert 'aria-label="' in html, f"{list_block.name}: {html}"
                checked += 1
    assert checked >= 2  # the key points of chapters and of articles
