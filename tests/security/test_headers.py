"""Security headers on every kind of response, and templates that keep the CSP workable."""

import re
from pathlib import Path

import pytest
from django.test import Client

from pamong.security import csp_for_path

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize("path", ["/masuk/", "/cari/", "/halaman-yang-tidak-ada/", "/healthz/"])
def test_site_pages_send_the_security_headers(path):
    response = Client().get(path)
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no other host
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_only_the_wagtail_admin_may_run_inline_scripts(world):
    client = Client()
    client.force_login(world.admin)
    admin = _directives(client.get("/admin/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["object-src"] == ["'none'"] and admin["frame-ancestors"] == ["'self'"]
    for path in ("/", "/kebijakan/", "/administrasi/", "/admin", "/pelatihan/admin/"):
        assert "'unsafe-inline'" not in _directives(csp_for_path(path))["script-src"], path


def test_a_view_may_set_a_stricter_policy_of_its_own(world, tmp_path, settings):
    """The middleware keeps a policy a view already set (documents and evidence: ``sandbox``)."""
    from django.http import HttpResponse

    from pamong.security import ContentSecurityPolicyMiddleware

    def view(request):
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    from django.test import RequestFactory

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"""<[^>]*\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def test_site_templates_have_no_inline_script():
    """The site's CSP forbids inline scripts: a template with one would silently break in browsers."""
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for name, pattern in (
            ("<script>", INLINE_SCRIPT),
            ("on…= handler", INLINE_HANDLER),
            ("javascript:", JS_URL),
        ):
            for match in pattern.finditer(text):
                if name == "<script>" and 'type="application/json"' in match.group(0):
                    continue  # data, not code (json_script)
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(TEMPLATES)}:{line}: inline {name}")
    assert not offenders, "inline script in templates (move it to a file under static/):\n" + "\n".join(
        offenders
    )


#: An inline style: a <style> element or a style="…" attribute (SVG presentation attributes such as
#: font-style="…" are not CSS and are allowed).
INLINE_STYLE = re.compile(r"""<style[\s>]|\sstyle\s*=\s*["']""", re.IGNORECASE)
#: E-mails are not web pages: mail clients need their styles inline, and no CSP applies there.
EMAIL_TEMPLATES = "notifications/email"


def test_site_templates_have_no_inline_style():
    """The site's CSP allows styles from the site's own files only: an inline style would be ignored
    by browsers. CSS lives under static/css/ (loaded by base.html)."""
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES).as_posix().startswith(EMAIL_TEMPLATES):
            continue
        text = path.read_text(encoding="utf-8")
        for match in INLINE_STYLE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            offenders.append(f"{path.relative_to(TEMPLATES)}:{line}")
    assert not offenders, "inline style in templates (move it to static/css/):\n" + "\n".join(offenders)


@pytest.mark.parametrize("path", ["/", "/kebijakan/", "/pelatihan/", "/api/v1/docs/", "/masuk/"])
def test_the_site_allows_no_inline_style_only_the_admin_does(path):
    assert _directives(csp_for_path(path))["style-src"] == ["'self'"], path
    assert "'unsafe-inline'" in _directives(csp_for_path("/admin/"))["style-src"]
