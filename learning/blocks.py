"""StreamField blocks of a lesson.

Block templates live in ``templates/learning/blocks/``; headings inside blocks are ``h2``/``h3``
(the lesson title is the only ``h1``). A lesson holds at most one quiz block: passing that quiz
completes the lesson (see :class:`learning.models.LessonPage`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("tautan video"), help_text=_("Alamat video yang dapat disematkan (oEmbed)."))
    title = blocks.CharBlock(label=_("judul video"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("transkrip"), required=False, features=["bold", "italic", "ol", "ul"]
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "learning/blocks/video_block.html"


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
