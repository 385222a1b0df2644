"""Site-wide views that belong to no app."""

import logging
import sys

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import server_error

logger = logging.getLogger("pamong.database")

#: Seconds a client is asked to wait before trying again when the database is busy.
RETRY_AFTER_SECONDS = 5


def healthz(request):
    """Health check, and the bare-Django ceiling of the benchmarks: same server, settings and middleware."""
    return HttpResponse("ok", content_type="text/plain")


def database_unavailable(request, exception: Exception | None = None) -> HttpResponse:
    """503 "coba lagi" with ``Retry-After``: the database is locked or out of reach for a moment.

    The page (``templates/503.html``) is rendered without the request's context processors, which
    would ask the database again (the user, their roles)."""
    logger.warning("database unavailable for %s %s: %s", request.method, request.path, exception)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def error_500(request) -> HttpResponse:
    """``handler500``: a database error raised outside a view (a middleware saving the session)
    still gets the "coba lagi" page; anything else the usual 500 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError):
        return database_unavailable(request, exception)
    return server_error(request)


def language_choose(request):
    """Remember the visitor's language and go back (``GET /bahasa/?language=en&next=/``).

    A GET form, so pages carry no CSRF token for it and stay cacheable for anonymous visitors; the
    only effect is a preference cookie, which a forged link could at worst flip back and forth.
    """
    from pamong.middleware import language_supported  # the middleware imports this module (a real cycle)

    language = request.GET.get("language", "")
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language_supported(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
