"""A new password ends every API token of the user (the holder of a leaked token loses it too)."""

from __future__ import annotations

from rest_framework.authtoken.models import Token


def tokens_delete_on_password_change(sender, instance, created: bool, **kwargs) -> None:
    # ``set_password()`` keeps the raw password in ``_password`` until the save has finished: it is
    # Django's own marker of "the password changed in this save" (it drives the validators'
    # ``password_changed`` hook), so no extra query is needed on any other save.
    if created or getattr(instance, "_password", None) is None:
        return
    Token.objects.filter(user=instance).delete()
