"""``/saya/notifikasi/``: the inbox, marking read (POST with CSRF), email preferences per kind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import PreferenceForm
from .selectors import inbox as inbox_selector
from .selectors import preference_rows
from .services import notification_mark_all_read, notification_mark_read, preference_set

PAGE_SIZE = 25


@login_required
def inbox(request):
    page = Paginator(inbox_selector(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page_obj": page, "notifications": page.object_list, "page_title": _("Notifikasi")},
    )


def _safe_link(request, link: str) -> str:
    if url_has_allowed_host_and_scheme(
        link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return link
    return "notifications:inbox"


@login_required
@require_POST
def open_notification(request, pk: int):
    """Mark read and go to what the notification is about."""
    notification = notification_mark_read(user=request.user, notification_id=pk)
    if notification is None:
        raise Http404
    return redirect(_safe_link(request, notification.link))


@login_required
@require_POST
def mark_read(request, pk: int):
    if notification_mark_read(user=request.user, notification_id=pk) is None:
        raise Http404
    messages.success(request, _("Notifikasi ditandai sudah dibaca."))
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = notification_mark_all_read(user=request.user)
    messages.success(request, _("%(count)s notifikasi ditandai sudah dibaca.") % {"count": count})
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    rows = preference_rows(user=request.user)
    form = PreferenceForm(request.POST or None, rows=rows)
    if request.method == "POST":
        if form.is_valid():
            preference_set(user=request.user, modes=form.modes())
            messages.success(request, _("Preferensi notifikasi disimpan."))
            return redirect("notifications:preferences")
        messages.error(request, _("Preferensi belum disimpan: periksa pilihan yang ditandai."))
    return render(
        request, "notifications/preferences.html", {"form": form, "page_title": _("Preferensi notifikasi")}
    )
