"""The one block library of the site's media: the image, document and video blocks that lessons
(``learning``) and policy pages (``pamong.socialization``) both use.

It lives in ``pamong.home``, the layer below both content apps (which know nothing of each other).
Blocks that belong to one app stay in that app: the quiz and callout of a lesson in
``learning/blocks.py``; the heading, example, key points, FAQ and related course of a policy page in
``pamong/socialization/blocks.py``. Every block renders with its template in ``templates/blocks/``;
headings inside blocks are ``h2``/``h3`` (the page title is the only ``h1``).

The fields are the union of the two libraries these replaced (migrations ``learning`` 0004 and
``socialization`` 0002 moved the stored data, pages and revisions, to this shape):

* image: image, alt text, *decorative* (an empty ``alt`` on purpose, said explicitly), caption;
* document: document, link text (the document's title when empty), description;
* video: an oEmbed link — only from a host an administrator allowed (``PAMONG_EMBED_HOSTS``, which
  the CSP's ``frame-src`` lists too); an embed whose host is no longer allowed shows as a link —
  caption, transcript. Videos on the intranet are uploaded as ``learning.LessonVideo`` instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    """An image with its text alternative; a decorative image says so and gets ``alt=""``."""

    image = ImageChooserBlock(label=_("gambar"))
    alt_text = blocks.CharBlock(
        label=_("teks alternatif"),
        max_length=250,
        required=False,
        help_text=_("Jelaskan isi gambar untuk pembaca layar. Wajib diisi, kecuali gambar dekoratif."),
    )
    decorative = blocks.BooleanBlock(
        label=_("gambar dekoratif"),
        required=False,
        help_text=_("Centang bila gambar hanya hiasan: pembaca layar akan melewatinya."),
    )
    caption = blocks.CharBlock(label=_("keterangan"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Gambar")
        template = "blocks/image_block.html"

    def clean(self, value):
        value = super().clean(value)
        alt_text = (value.get("alt_text") or "").strip()
        if value.get("decorative") and alt_text:
            message = _(
                "Gambar dekoratif tidak memakai teks alternatif: kosongkan teksnya atau hapus centang."
            )
            raise StructBlockValidationError(block_errors={"alt_text": ValidationError(message)})
        if not value.get("decorative") and not alt_text:
            message = _(
                "Isi teks alternatif, atau centang \u201cgambar dekoratif\u201d bila gambar hanya hiasan."
            )
            raise StructBlockValidationError(block_errors={"alt_text": ValidationError(message)})
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokumen"))
    title = blocks.CharBlock(
        label=_("judul tautan"),
        max_length=200,
        required=False,
        help_text=_("Kosongkan untuk memakai judul dokumen."),
    )
    description = blocks.CharBlock(label=_("deskripsi"), max_length=300, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Dokumen")
        template = "blocks/document_block.html"


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
    video = AllowedEmbedBlock(
        label=_("tautan video"), help_text=_("Alamat video dari situs yang diizinkan administrator (oEmbed).")
    )
    caption = blocks.CharBlock(label=_("keterangan"), max_length=250, required=False)
    transcript = blocks.RichTextBlock(
        label=_("transkrip"), required=False, features=["bold", "italic", "ol", "ul"]
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        embed = value.get("video")
        context["embed_allowed"] = embed_host_allowed(getattr(embed, "url", "") or "")
        return context
