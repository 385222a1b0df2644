from functools import cache

from .bell import bell_html, unread_count_cached
from .selectors import BELL_CAP


def bell(request):
    """``notification_unread``: the signed-in person's unread count for the header bell, read only
    when a template reads it, once per request, from the shared cache (:mod:`.bell`; one indexed,
    bounded query when it changed); ``notification_cap`` is the bound ("99+"); ``notification_bell``
    the header's bell link for that count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def notification_unread() -> int:  # templates call it; cached for the rest of the request
        return unread_count_cached(user=user)

    def notification_bell():
        return bell_html(count=notification_unread())

    return {
        "notification_unread": notification_unread,
        "notification_cap": BELL_CAP,
        "notification_bell": notification_bell,
    }
