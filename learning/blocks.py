"""StreamField blocks of a lesson.

Block templates live in ``templates/learning/blocks/``; headings inside blocks are ``h2``/``h3``
(the lesson title is the only ``h1``). A lesson holds at most one quiz block: passing that quiz
completes the lesson (see :class:`learning.models.LessonPage`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


def embed_host_allowed(url: str) -> bool:
    """Whether ``url``'s host is in ``settings.PAMONG_EMBED_HOSTS`` (which the CSP's frame-src lists)."""
    host = (urlsplit(url or "").hostname or "").lower()
    return bool(host) and host in {h.lower() for h in settings.PAMONG_EMBED_HOSTS}


class AllowedEmbedBlock(EmbedBlock):
    """An external video link, accepted only for a host an administrator allowed
    (``PAMONG_EMBED_HOSTS``); checked before Wagtail asks the host for the embed."""

    def clean(self, value):
        url = getattr(value, "url", value) or ""
        if url and not embed_host_allowed(url):
            raise ValidationError(
                _(
                    "Video dari %(host)s tidak dapat disematkan: hanya situs yang diizinkan administrator "
                    "(%(hosts)s). Unggah videonya sebagai “Video pelajaran” agar diputar dari situs ini."
                )
                % {
                    "host": urlsplit(url).hostname or url,
                    "hosts": ", ".join(settings.PAMONG_EMBED_HOSTS) or _("belum ada"),
                }
            )
        return super().clean(value)


class VideoBlock(blocks.StructBlock):
    """An external video (embed). Videos on the intranet are uploaded as :class:`LessonVideo` and
    shown by the lesson itself; an embed whose host is no longer allowed is shown as a link."""

    video = AllowedEmbedBlock(
        label=_("tautan video"), help_text=_("Alamat video dari situs yang diizinkan administrator (oEmbed).")
    )
    title = blocks.CharBlock(label=_("judul video"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("transkrip"), required=False, features=["bold", "italic", "ol", "ul"]
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "learning/blocks/video_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        embed = value.get("video")
        context["embed_allowed"] = embed_host_allowed(getattr(embed, "url", "") or "")
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokumen"))
    description = blocks.CharBlock(label=_("keterangan"), max_length=300, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Dokumen")
        template = "learning/blocks/document_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("gambar"))
    alt_text = blocks.CharBlock(
        label=_("teks alternatif"),
        max_length=250,
        required=False,
        help_text=_("Jelaskan isi gambar untuk pembaca layar; kosongkan hanya bila gambar dekoratif."),
    )
    caption = blocks.CharBlock(label=_("keterangan"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Gambar")
        template = "learning/blocks/image_block.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("judul"), max_length=200)
    text = blocks.RichTextBlock(label=_("isi"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "warning"
        label = _("Kotak penting")
        template = "learning/blocks/callout_block.html"


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("learning.Quiz", label=_("kuis"))
    intro = blocks.CharBlock(label=_("pengantar"), max_length=300, required=False)

    class Meta:
        icon = "tasks"
        label = _("Kuis")
        template = "learning/blocks/quiz_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("teks"), features=RICH_FEATURES)
    video = VideoBlock()
    document = DocumentBlock()
    image = ImageBlock()
    callout = CalloutBlock()
    quiz = QuizBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}
