from django.http import HttpRequest

from .provider import sso_enabled


def sso(request: HttpRequest) -> dict[str, bool]:
    """``sso_enabled`` for templates: the login page shows "Masuk dengan SSO" only when it is on."""
    return {"sso_enabled": sso_enabled()}
