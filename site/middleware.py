"""Site-wide middleware."""

from django.conf import settings
from django.db import OperationalError
from django.utils import translation

from pamong.views import database_unavailable


def language_supported(code: str | None) -> bool:
    return code in {known for known, _name in settings.LANGUAGES}


def language_for(request) -> str:
    """The language a request is answered in: the visitor's explicit choice, else Indonesian."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if language_supported(chosen) else settings.LANGUAGE_CODE


class LanguageCookieMiddleware:
    """Indonesian unless the user chose another language (the footer's language form sets a cookie).

    Django's ``LocaleMiddleware`` follows the browser's ``Accept-Language``, which would give most
    office computers (set up in English) an English page shell around Indonesian content. Pamong
    is an Indonesian government site: the choice is the user's, made explicitly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class DatabaseUnavailableMiddleware:
    """A locked or unreachable database answers "try again" (503 with ``Retry-After``), not a
    traceback: :func:`pamong.views.database_unavailable` for exceptions raised by views; the
    ``handler500`` in ``pamong.urls`` uses it for those raised anywhere else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError):
            return database_unavailable(request, exception)
        return None
