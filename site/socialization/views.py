"""Public views of the socialization app: search, topic (tag) pages and read acknowledgement.

The chapter and index pages themselves are served by Wagtail (see :mod:`.models`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from taggit.models import Tag

from pamong.people.access import role_required

from .models import PolicyPage
from .selectors import search_pages, tagged_content
from .services import acknowledgement_record

SEARCH_MAX_QUERY = 200


def search(request):
    """``/cari/?q=``: Wagtail search over every live, public page (open to everyone)."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_QUERY]
    results = None
    if query:
        results = Paginator(search_pages(query=query), 10).get_page(request.GET.get("page"))
    return render(
        request,
        "socialization/search.html",
        {"query": query, "results": results, "page_title": _("Cari") + (f": {query}" if query else "")},
    )


def topic(request, slug: str):
    """``/topik/<slug>/``: every live chapter and announcement with this tag (open to everyone)."""
    tag = get_object_or_404(Tag, slug=slug)
    chapters, articles = tagged_content(tag_slug=tag.slug)
    if not chapters and not articles:
        raise Http404
    return render(
        request,
        "socialization/topic.html",
        {"tag": tag, "chapters": chapters, "articles": articles, "page_title": _("Topik: %s") % tag.name},
    )


@require_POST
@role_required("asn")
def acknowledge(request, page_id: int):
    """POST "Saya sudah membaca dan memahami" for a live chapter (ASN only; idempotent)."""
    page = get_object_or_404(PolicyPage.objects.live().public(), pk=page_id)
    _ack, changed = acknowledgement_record(user=request.user, page=page)
    if changed:
        messages.success(request, _("Terima kasih, konfirmasi baca Anda untuk bab ini sudah tercatat."))
    else:
        messages.info(request, _("Anda sudah mengonfirmasi bab ini sebelumnya."))
    return redirect(page.url + "#konfirmasi")
