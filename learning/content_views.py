"""Views of packaged lesson content: the files of a SCORM package and its tracking API, the video
file, its captions and the watched-time API.

Only the learner enrolled on the lesson's course reaches any of them (``role_required("asn")`` and
:func:`learning.selectors.lesson_content_access`; anyone else gets 404). Files are served from the
site's own origin: package files under ``settings.PAMONG_CSP_SCORM`` (a sandboxed frame that only
this site may embed), videos with HTTP range requests so the player can seek.

The tracking APIs take JSON, are CSRF-protected (the ``X-CSRFToken`` header) and answer JSON; a
refused report is a 400 whose ``message`` says why, never a 500.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from pamong.people.access import role_required
from pamong.security import CSP_HEADER, csp_header_value

from . import lesson_content, selectors
from .models import ScormPackage

# Types the standard library may not know, or guesses differently on some systems.
_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".vtt": "text/vtt; charset=utf-8",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 64 * 1024


def _content_type(name: str) -> str:
    extension = posixpath.splitext(name)[1].lower()
    return _TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _lesson_or_404(request, lesson_id: int):
    found = selectors.lesson_content_access(user=request.user, lesson_id=lesson_id)
    if found is None:
        raise Http404
    return found


def _json_body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise lesson_content.ContentRejected("JSON tidak sah.") from None
    if not isinstance(data, dict):
        raise lesson_content.ContentRejected("JSON tidak sah.")
    return data


# --------------------------------------------------------------------------------------------------
# SCORM
# --------------------------------------------------------------------------------------------------


@require_GET
@role_required("asn")
@xframe_options_sameorigin
def scorm_file(request, lesson_id: int, path: str):
    """One file of the lesson's SCORM package, framed by the lesson page."""
    lesson, _enrolment = _lesson_or_404(request, lesson_id)
    package = ScormPackage.objects.filter(pk=lesson.scorm_package_id).only("key", "files").first()
    clean = posixpath.normpath(path)
    if package is None or clean.startswith(("../", "/")) or clean == "..":
        raise Http404
    name = package.folder + clean
    if name not in set(package.files):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type=_content_type(name))
    response[CSP_HEADER] = csp_header_value(settings.PAMONG_CSP_SCORM)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@role_required("asn")
def scorm_commit(request, lesson_id: int):
    """The runtime's commit: ``{"cmi.…": value}`` (scorm-again's flattened format); ``?sesi=`` names
    the player session. Answers ``{"result": true, "errorCode": 0, "completed": …}``."""
    lesson, _enrolment = _lesson_or_404(request, lesson_id)
    try:
        attempt = lesson_content.scorm_commit(
            user=request.user,
            lesson=lesson,
            data=_json_body(request),
            session_key=request.GET.get("sesi", ""),
        )
    except lesson_content.LearningError as error:
        return JsonResponse({"result": False, "errorCode": 101, "message": str(error)}, status=400)
    return JsonResponse({"result": True, "errorCode": 0, "completed": attempt.completed_at is not None})


# --------------------------------------------------------------------------------------------------
# Video
# --------------------------------------------------------------------------------------------------


def _ranged(request, name: str, content_type: str, size: int):
    """The file, or the byte range the player asked for (206), or 416 for a range outside it."""
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if match is None or not any(match.groups()):
        response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last) if last else size - 1, size - 1)
    else:
        start, end = max(0, size - int(last)), size - 1
    if start > end or start >= size:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response

    def chunks():
        with default_storage.open(name, "rb") as stream:
            stream.seek(start)
            left = end - start + 1
            while left > 0:
                data = stream.read(min(_CHUNK, left))
                if not data:
                    break
                left -= len(data)
                yield data

    response = StreamingHttpResponse(chunks(), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def _lesson_video_or_404(request, lesson_id: int):
    lesson, _enrolment = _lesson_or_404(request, lesson_id)
    progress = selectors.video_progress_for(lesson=lesson, enrolment=None)
    if progress is None:
        raise Http404
    return progress["video"]


@require_GET
@role_required("asn")
def video_file(request, lesson_id: int):
    lesson_video = _lesson_video_or_404(request, lesson_id)
    response = _ranged(request, lesson_video.file.name, lesson_video.mime_type, lesson_video.size)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@role_required("asn")
def video_captions(request, lesson_id: int):
    lesson_video = _lesson_video_or_404(request, lesson_id)
    response = FileResponse(
        default_storage.open(lesson_video.captions.name, "rb"), content_type="text/vtt; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@role_required("asn")
def video_start(request, lesson_id: int):
    lesson, _enrolment = _lesson_or_404(request, lesson_id)
    try:
        lesson_content.video_watch_start(user=request.user, lesson=lesson)
    except lesson_content.LearningError as error:
        return JsonResponse({"message": str(error)}, status=400)
    return JsonResponse({"started": True})


@require_POST
@role_required("asn")
def video_progress(request, lesson_id: int):
    """``{"ranges": [[start, end], …]}`` watched since the last report; answers the share watched."""
    lesson, enrolment = _lesson_or_404(request, lesson_id)
    try:
        data = _json_body(request)
        lesson_content.video_watch_report(user=request.user, lesson=lesson, ranges=data.get("ranges"))
    except lesson_content.LearningError as error:
        return JsonResponse({"message": str(error)}, status=400)
    progress = selectors.video_progress_for(lesson=lesson, enrolment=enrolment)
    watch = progress["watch"]
    return JsonResponse(
        {"percent": progress["percent"], "completed": bool(watch and watch.completed_at)},
    )
