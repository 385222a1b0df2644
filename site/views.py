"""Site-wide views that belong to no app."""

from django.http import HttpResponse


def healthz(request):
    """Health check, and the bare-Django ceiling of the benchmarks: same server, settings and middleware."""
    return HttpResponse("ok", content_type="text/plain")


def language_choose(request):
    """Remember the visitor's language and go back (``GET /bahasa/?language=en&next=/``).

    A GET form, so pages carry no CSRF token for it and stay cacheable for anonymous visitors; the
    only effect is a preference cookie, which a forged link could at worst flip back and forth.
    """
    from django.conf import settings
    from django.http import HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    from pamong.middleware import language_supported

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
