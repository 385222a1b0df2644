"""Site-wide views that belong to no app."""

from django.http import HttpResponse


def healthz(request):
    """Health check, and the bare-Django ceiling of the benchmarks: same server, settings and middleware."""
    return HttpResponse("ok", content_type="text/plain")
