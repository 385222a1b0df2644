"""StreamField blocks of the policy chapters and announcements.

The image, document and video blocks are the site's one library (:mod:`pamong.home.blocks`); the
others belong to policy pages only. Every block renders with its own template in
``templates/blocks/``. Headings inside blocks are ``h2`` (the page title is the only ``h1``), so a
chapter's heading order never skips a level.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from pamong.home.blocks import DocumentBlock, ImageBlock, VideoBlock


def labelled_list_item(block: blocks.FieldBlock) -> blocks.FieldBlock:
    """``block`` whose input carries its label as ``aria-label``: a ``ListBlock`` draws no
    ``<label>`` for its items, so a list of plain text fields had inputs without a name (axe
    ``label``, critical). Only the widget changes: the block's definition, and so the migrations,
    stay the same. Every ``ListBlock`` of a field block goes through this (tests/socialization)."""
    block.field.widget.attrs["aria-label"] = block.label
    return block


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("teks"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("tingkat"),
        choices=[("h2", _("Judul bagian (h2)")), ("h3", _("Sub-judul (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Judul")
        template = "blocks/heading_block.html"


class ExampleBlock(blocks.StructBlock):
    """ "Contoh penerapan": how the policy plays out in one instansi."""

    instansi = blocks.CharBlock(
        label=_("instansi"), max_length=200, help_text=_("Nama instansi, mis. Dinas Pendidikan.")
    )
    title = blocks.CharBlock(label=_("judul"), max_length=200)
    body = blocks.RichTextBlock(label=_("isi"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "site"
        label = _("Contoh penerapan")
        template = "blocks/example_block.html"


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("judul"), max_length=200, default=_("Poin penting"))
    points = blocks.ListBlock(
        labelled_list_item(blocks.CharBlock(label=_("poin"), max_length=400)), label=_("poin")
    )

    class Meta:
        icon = "list-ul"
        label = _("Poin penting")
        template = "blocks/key_points_block.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("pertanyaan"), max_length=300)
    answer = blocks.RichTextBlock(label=_("jawaban"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Tanya jawab")


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("judul"), max_length=200, default=_("Pertanyaan yang sering diajukan"))
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("pertanyaan"))

    class Meta:
        icon = "help"
        label = _("Tanya jawab (FAQ)")
        template = "blocks/faq_block.html"


class RelatedCourseBlock(blocks.StructBlock):
    """A link to a training course: a page chooser (socialization does not import the learning app)."""

    page = blocks.PageChooserBlock(label=_("pelatihan"))
    text = blocks.CharBlock(label=_("ajakan"), max_length=200, required=False)

    class Meta:
        icon = "link"
        label = _("Pelatihan terkait")
        template = "blocks/related_course_block.html"


def paragraph_block() -> blocks.RichTextBlock:
    """The rich-text paragraph of policy chapters and articles (a new block each call: a block
    belongs to one stream)."""
    return blocks.RichTextBlock(
        label=_("Paragraf"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/paragraph_block.html",
    )


class PolicyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = paragraph_block()
    example = ExampleBlock()
    key_points = KeyPointsBlock()
    faq = FAQBlock()
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    related_course = RelatedCourseBlock()


class ArticleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = paragraph_block()
    key_points = KeyPointsBlock()
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    related_course = RelatedCourseBlock()
