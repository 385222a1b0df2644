"""The policy explained as Wagtail pages, plus read acknowledgements.

* :class:`PolicyIndexPage` (``/kebijakan/``) lists the chapters, :class:`PolicyPage` is one chapter;
* :class:`ArticleIndexPage` (``/berita/``) lists announcements, :class:`ArticlePage` is one;
* :class:`PolicyAcknowledgement`: an ASN's "Saya sudah membaca dan memahami" for one chapter.

A chapter's ``ack_valid_from`` is when acknowledgements started counting: it moves to the moment of
publishing whenever a revision is published with "minta konfirmasi ulang" ticked (see
:func:`pamong.socialization.services.policy_reconfirmation_apply`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ArticleStreamBlock, PolicyStreamBlock
from .caching import AnonymousPageCacheMixin


class PolicyIndexPage(AnonymousPageCacheMixin, Page):
    """``/kebijakan/``: the chapters of the policy, in tree order."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["socialization.PolicyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("indeks kebijakan")

    def get_context(self, request, *args, **kwargs):
        # the selectors import these models (a real cycle)
        from .selectors import acknowledged_page_ids, policy_chapters

        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "").strip()
        chapters = list(policy_chapters(index=self, tag=tag or None))
        context["chapters"] = chapters
        context["active_tag"] = tag
        context["acknowledged_ids"] = (
            acknowledged_page_ids(user=request.user, page_ids=[c.pk for c in chapters])
            if request.user.is_authenticated
            else set()
        )
        return context


class PolicyPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "socialization.PolicyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PolicyPage(AnonymousPageCacheMixin, Page):
    """One chapter of the policy explanation."""

    summary = models.CharField(
        _("ringkasan"),
        max_length=300,
        blank=True,
        help_text=_("Satu-dua kalimat untuk daftar bab dan hasil cari."),
    )
    body = StreamField(PolicyStreamBlock(), verbose_name=_("isi"), blank=True)
    tags = ClusterTaggableManager(through=PolicyPageTag, blank=True, verbose_name=_("topik"))
    require_reconfirmation = models.BooleanField(
        _("minta konfirmasi ulang"),
        default=False,
        help_text=_(
            "Centang bila perubahan ini penting: saat diterbitkan, konfirmasi baca sebelumnya tidak "
            "dihitung lagi dan setiap ASN diminta mengonfirmasi ulang. Kotak ini kosong kembali setelah terbit."
        ),
    )
    ack_valid_from = models.DateTimeField(
        _("konfirmasi berlaku sejak"), null=True, blank=True, editable=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
        MultiFieldPanel([FieldPanel("require_reconfirmation")], heading=_("Konfirmasi baca")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]
    parent_page_types = ["socialization.PolicyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bab kebijakan")
        verbose_name_plural = _("bab kebijakan")

    def with_content_json(self, content):
        """Restoring a revision never moves ``ack_valid_from`` back: it belongs to the page, not a revision."""
        obj = super().with_content_json(content)
        obj.ack_valid_from = self.ack_valid_from
        return obj

    def get_context(self, request, *args, **kwargs):
        # the selectors import these models (a real cycle)
        from .selectors import acknowledgement_for, chapter_neighbours

        context = super().get_context(request, *args, **kwargs)
        context["previous_chapter"], context["next_chapter"] = chapter_neighbours(page=self)
        context["acknowledgement"] = (
            acknowledgement_for(user=request.user, page=self) if request.user.is_authenticated else None
        )
        context["tags"] = list(self.tags.all())
        return context


class ArticleIndexPage(AnonymousPageCacheMixin, Page):
    """``/berita/``: announcements, newest first."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["socialization.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("indeks berita")

    def get_context(self, request, *args, **kwargs):
        from .selectors import articles_for  # the selectors import these models (a real cycle)

        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "").strip()
        context["articles"] = Paginator(articles_for(index=self, tag=tag or None), 10).get_page(
            request.GET.get("page")
        )
        context["active_tag"] = tag
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "socialization.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(AnonymousPageCacheMixin, Page):
    """An announcement (pengumuman) about the policy."""

    date = models.DateField(_("tanggal"), default=timezone.localdate)
    summary = models.CharField(_("ringkasan"), max_length=300)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("isi"), blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("topik"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["socialization.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tags"] = list(self.tags.all())
        return context


class PolicyAcknowledgement(models.Model):
    """An ASN's confirmation of having read and understood one chapter (one row per user and chapter).

    ``revision`` and ``acknowledged_at`` describe the latest confirmation; a confirmation counts while
    ``acknowledged_at`` is not earlier than the chapter's ``ack_valid_from``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="policy_acknowledgements",
        verbose_name=_("pengguna"),
    )
    page = models.ForeignKey(
        PolicyPage, on_delete=models.CASCADE, related_name="acknowledgements", verbose_name=_("bab")
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revisi"),
    )
    acknowledged_at = models.DateTimeField(_("waktu konfirmasi"), default=timezone.now)

    class Meta:
        verbose_name = _("konfirmasi baca")
        verbose_name_plural = _("konfirmasi baca")
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="policy_ack_one_per_user_page")]
        indexes = [models.Index(fields=["page", "acknowledged_at"], name="policy_ack_page_time")]

    def __str__(self) -> str:
        return f"{self.user} · {self.page_id} · {self.acknowledged_at:%Y-%m-%d %H:%M}"
