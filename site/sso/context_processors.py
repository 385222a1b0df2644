from django.http import HttpRequest

from .provider import sso_enabled


def sso(request: HttpRequest) -> dict:
    """``sso_enabled`` for templates: the login page shows "Masuk dengan SSO" only when it is on.
    Lazy (the template calls it): only the login page reads it."""
    return {"sso_enabled": sso_enabled}
