"""StreamField blocks of a lesson.

The image, document and video blocks are the site's one library (:mod:`pamong.home.blocks`); the
callout and the quiz belong to lessons only. Every block template lives in ``templates/blocks/``;
headings inside blocks are ``h2``/``h3`` (the lesson title is the only ``h1``). A lesson holds at
most one quiz block: passing that quiz completes the lesson (see :class:`learning.models.LessonPage`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from pamong.home.blocks import DocumentBlock, ImageBlock, VideoBlock

RICH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("judul"), max_length=200)
    text = blocks.RichTextBlock(label=_("isi"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "warning"
        label = _("Kotak penting")
        template = "blocks/callout_block.html"


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("learning.Quiz", label=_("kuis"))
    intro = blocks.CharBlock(label=_("pengantar"), max_length=300, required=False)

    class Meta:
        icon = "tasks"
        label = _("Kuis")
        template = "blocks/quiz_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("teks"), features=RICH_FEATURES)
    video = VideoBlock()
    document = DocumentBlock()
    image = ImageBlock()
    callout = CalloutBlock()
    quiz = QuizBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}
