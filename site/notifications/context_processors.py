from functools import cache

from .selectors import BELL_CAP, unread_count


def bell(request):
    """``notification_unread``: the signed-in person's unread count for the header bell, computed only
    when a template reads it, once per request (one indexed, bounded query); ``notification_cap`` is
    the bound ("99+")."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def notification_unread() -> int:  # templates call it; cached for the rest of the request
        return unread_count(user=user)

    return {"notification_unread": notification_unread, "notification_cap": BELL_CAP}
