"""The Wagtail page editor of each of our page types, with each of our StreamField blocks in it,
has no serious or critical axe-core violation (issue 15, item 11).

For every page type an editor can create, the "add" form is checked; for the page types with a
StreamField (policy chapter, article, lesson) the edit form of a page holding one of every block is
checked too, so every block's form (its labels, help texts, list items, choosers) is on the page.
Screenshots of each form land in ``test-results/screenshots/editor_accessibility/``.
"""

from __future__ import annotations

import json

import pytest

from learning.blocks import LessonStreamBlock
from learning.models import CoursePage, LessonPage, ModulePage
from pamong.socialization.blocks import ArticleStreamBlock, PolicyStreamBlock
from pamong.socialization.models import ArticlePage, PolicyPage
from tests.factories import learning as lrn
from tests.factories import socialization as soc

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

#: One raw value per block name, covering every block of our three StreamBlocks.
BLOCK_VALUES = {
    "heading": {"text": "Dasar hukum", "level": "h2"},
    "paragraph": "<p>Isi paragraf.</p>",
    "text": "<p>Isi pelajaran.</p>",
    "example": {"instansi": "Dinas Kesehatan", "title": "Contoh", "body": "<p>Isi contoh.</p>"},
    "key_points": {"title": "Poin penting", "points": ["Poin pertama", "Poin kedua"]},
    "faq": {"title": "Tanya jawab", "items": [{"question": "Apa itu SKP?", "answer": "<p>Sasaran.</p>"}]},
    "image": {"image": None, "alt_text": "", "decorative": True, "caption": ""},
    "document": {"document": None, "title": "", "description": ""},
    "video": {"video": None, "caption": "Video", "transcript": ""},
    "related_course": {"page": None, "text": ""},
    "callout": {"title": "Penting", "text": "<p>Perhatikan.</p>"},
    "quiz": {"quiz": None, "intro": ""},
}


def _stream(block_class) -> str:
    """Every child block of ``block_class`` once, with a value shaped for that block."""
    rows = []
    for name, child in block_class.base_blocks.items():
        value = BLOCK_VALUES[name]
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if k in child.child_blocks}
        rows.append({"type": name, "value": value})
    return json.dumps(rows)


def _check(journey, path: str, step: str):
    """The page form of the editor (our fields and blocks), not Wagtail's own chrome around it."""
    journey.goto(path)
    journey.page.wait_for_selector("#page-edit-form")
    journey.shot(step)
    journey.check_accessibility("#page-edit-form")


def test_every_block_of_ours_is_known_to_the_test():
    names = {*PolicyStreamBlock.base_blocks, *ArticleStreamBlock.base_blocks, *LessonStreamBlock.base_blocks}
    assert names <= set(BLOCK_VALUES), names - set(BLOCK_VALUES)


def test_page_editor_forms_have_no_serious_axe_violation(journey, world):
    from tests.browser.conftest import sign_in

    admin = world.admin
    admin.set_password("Jambi2026!")
    admin.save()
    home = soc.home_page()
    policy_index = soc.policy_index()
    chapter = soc.chapter(
        index=policy_index, title="Bab Semua Blok", blocks=json.loads(_stream(PolicyStreamBlock))
    )
    article_index = soc.article_index()
    article = soc.article(title="Berita Semua Blok")
    article.body = _stream(ArticleStreamBlock)
    soc.publish(article)
    course = lrn.make_course(modules=1, lessons=1)
    module = ModulePage.objects.child_of(course).first()
    lesson = LessonPage.objects.child_of(module).first()
    lesson.body = _stream(LessonStreamBlock)
    soc.publish(lesson)

    sign_in(journey, admin.username, "Jambi2026!", path="/admin/login/")
    # The index pages exist already (one each is allowed): their form is checked when edited below.
    adds = [
        (PolicyPage, policy_index),
        (ArticlePage, article_index),
        (CoursePage, lrn.course_index()),
        (ModulePage, course),
        (LessonPage, module),
    ]
    for model, parent in adds:
        meta = model._meta
        _check(
            journey,
            f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{parent.pk}/",
            f"tambah {meta.model_name}",
        )
    for page in (chapter, article, lesson, course, module, home, policy_index, article_index):
        _check(journey, f"/admin/pages/{page.pk}/edit/", f"sunting {type(page.specific).__name__}")
    journey.assert_no_csp_violation()
