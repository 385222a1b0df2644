"""The one block library (pamong.home.blocks): its validation, and the data migrations that moved
lessons and policy pages, with their revisions, from the two old libraries to it."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedValue
from wagtail.rich_text import RichText

from learning.blocks import LessonStreamBlock
from learning.cache import lesson_body_parts
from learning.models import LessonPage
from pamong.home.blocks import DocumentBlock, ImageBlock, VideoBlock
from pamong.socialization.blocks import ArticleStreamBlock, PolicyStreamBlock
from pamong.socialization.models import PolicyPage
from tests.factories import socialization as f
from tests.factories.learning import lessons_of, make_course
from tests.helpers import VIDEO_URL


def test_lessons_and_policy_pages_use_the_same_media_blocks():
    for stream in (LessonStreamBlock(), PolicyStreamBlock(), ArticleStreamBlock()):
        children = stream.child_blocks
        assert type(children["image"]) is ImageBlock
        assert type(children["document"]) is DocumentBlock
        assert type(children["video"]) is VideoBlock


@pytest.mark.parametrize(
    ("alt_text", "decorative", "error"),
    [
        ("", False, "Isi teks alternatif"),
        ("Peserta apel pagi", True, "tidak memakai teks alternatif"),
        ("   ", False, "Isi teks alternatif"),
    ],
)
@pytest.mark.django_db
def test_an_image_needs_alt_text_or_says_it_is_decorative(media, alt_text, decorative, error):
    image, _ = media
    block = ImageBlock()
    value = block.to_python(
        {"image": image.pk, "alt_text": alt_text, "decorative": decorative, "caption": ""}
    )
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    assert error in str(raised.value.block_errors["alt_text"])


@pytest.mark.django_db
def test_an_image_with_alt_text_or_marked_decorative_is_valid(media):
    image, _ = media
    block = ImageBlock()
    for alt_text, decorative in (("Peserta apel pagi", False), ("", True)):
        value = block.to_python(
            {"image": image.pk, "alt_text": alt_text, "decorative": decorative, "caption": ""}
        )
        assert block.clean(value)["decorative"] is decorative


def _run_stream_migrations(module: str) -> None:
    """Run the StreamField data operations of one migration module against today's models."""
    migration = importlib.import_module(module).Migration
    operations = [op for op in migration.operations if isinstance(op, MigrateStreamData)]
    assert operations
    for operation in operations:
        operation.code(apps, None)


def _store_old_body(page, old_body: list[dict]) -> None:
    """Write ``old_body`` as the page's stored body and as its latest revision's, the way the old
    block libraries saved them (the ORM would re-serialise through today's blocks)."""
    page.save_revision()
    type(page).objects.filter(pk=page.pk).update(body=old_body)
    revision = page.latest_revision
    revision.content["body"] = json.dumps(old_body)
    revision.save(update_fields=["content"])


def _stored(page) -> tuple[list[dict], list[dict]]:
    """The raw stored body of ``page`` and of its latest revision."""
    page = type(page).objects.get(pk=page.pk)
    return page.body.raw_data, json.loads(page.latest_revision.content["body"])


@pytest.mark.django_db
def test_old_lessons_and_their_revisions_move_to_the_shared_blocks(world, media):
    image, document = media
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    old_body = [
        {"type": "text", "value": "<p>Pengantar.</p>", "id": "t1"},
        {
            "type": "video",
            "value": {"video": VIDEO_URL, "title": "Cara mengisi SKP", "transcript": "<p>Halo.</p>"},
            "id": "v1",
        },
        {"type": "document", "value": {"document": document.pk, "description": "Lampiran"}, "id": "d1"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": "Hiasan"}, "id": "i1"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Apel pagi", "caption": ""}, "id": "i2"},
    ]
    _store_old_body(lesson, old_body)

    _run_stream_migrations("learning.migrations.0005_lesson_body_shared_media_blocks")

    for body in _stored(lesson):
        by_id = {block["id"]: block["value"] for block in body}
        assert by_id["v1"] == {
            "video": VIDEO_URL,
            "caption": "Cara mengisi SKP",
            "transcript": "<p>Halo.</p>",
        }
        assert by_id["i1"]["decorative"] is True
        assert by_id["i2"]["decorative"] is False
        assert by_id["d1"] == {"document": document.pk, "description": "Lampiran"}
    lesson = LessonPage.objects.get(pk=lesson.pk)
    html = "".join(str(part["html"]) for part in lesson_body_parts(lesson, preview=True))
    assert "<figcaption>Cara mengisi SKP</figcaption>" in html
    assert "Transkrip video" in html and "Halo." in html
    assert "Naskah kebijakan" in html and "Lampiran" in html
    assert 'alt=""' in html and 'alt="Apel pagi"' in html
    revised = lesson.latest_revision.as_object()
    assert "Cara mengisi SKP" in "".join(str(p["html"]) for p in lesson_body_parts(revised, preview=True))


@pytest.mark.django_db
def test_old_policy_pages_and_their_revisions_move_to_the_shared_blocks(world, media, client):
    image, document = media
    page = f.chapter(title="Bab gambar", slug="bab-gambar")
    old_body = [
        {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": ""}, "id": "i1"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Rapat", "caption": "Rapat"}, "id": "i2"},
        {"type": "document", "value": {"document": document.pk, "title": "Unduh naskah"}, "id": "d1"},
        {"type": "video", "value": {"video": VIDEO_URL, "caption": "Sosialisasi"}, "id": "v1"},
    ]
    _store_old_body(page, old_body)

    _run_stream_migrations("pamong.socialization.migrations.0002_body_shared_media_blocks")
    _run_stream_migrations(
        "pamong.socialization.migrations.0002_body_shared_media_blocks"
    )  # twice: no change

    for body in _stored(page):
        by_id = {block["id"]: block["value"] for block in body}
        assert by_id["i1"]["decorative"] is True
        assert by_id["i2"]["decorative"] is False
    html = client.get("/kebijakan/bab-gambar/").content.decode()
    assert 'alt=""' in html and 'alt="Rapat"' in html
    assert "Unduh naskah" in html and "<figcaption>Sosialisasi</figcaption>" in html
    revised = PolicyPage.objects.get(pk=page.pk).latest_revision.as_object()
    assert [block.value["decorative"] for block in revised.body if block.block_type == "image"] == [
        True,
        False,
    ]


@pytest.mark.django_db
def test_a_new_lesson_body_saves_in_the_shared_shape(world, media):
    """What editors and the seed commands write is already the new shape (nothing to migrate)."""
    image, document = media
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    lesson.body = [
        ("text", RichText("<p>Isi.</p>")),
        ("image", {"image": image, "alt_text": "", "decorative": True, "caption": ""}),
        ("video", {"video": EmbedValue(VIDEO_URL), "caption": "Video", "transcript": RichText("")}),
    ]
    lesson.save()
    raw = LessonPage.objects.get(pk=lesson.pk).body.raw_data
    assert raw[1]["value"]["decorative"] is True
    assert raw[2]["value"]["caption"] == "Video" and "title" not in raw[2]["value"]
