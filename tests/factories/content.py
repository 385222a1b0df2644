"""Real SCORM packages and lesson videos for the tests.

:func:`scorm_zip` builds a SCORM 1.2 or 2004 package as an authoring tool exports it: an
``imsmanifest.xml`` (with the ADL schema version and namespaces), a launch page and the SCO's
script. The SCO finds the runtime by the standard API discovery (walking ``window.parent`` for
``API`` / ``API_1484_11``), initialises, shows what it was resumed with (entry, location, suspend
data), and has two buttons: "Simpan" (location and suspend data, incomplete, commit) and "Selesai"
(score, passed/completed, session time, commit, finish).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from learning import lesson_content
from learning.models import LessonPage

FIXTURES = Path(__file__).resolve().parents[1] / "learning" / "fixtures"

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="pamong.uji.sco12" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org1">
    <organization identifier="org1">
      <title>Etika ASN (SCORM 1.2)</title>
      <item identifier="item1" identifierref="res1">
        <title>Etika ASN</title>
        {mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormtype="sco" href="sco/index.html">
      <file href="sco/index.html"/><file href="sco/sco.js"/>
    </resource>
  </resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="pamong.uji.sco2004" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org1">
    <organization identifier="org1">
      <title>Keamanan Informasi (SCORM 2004)</title>
      <item identifier="item1" identifierref="res1"><title>Keamanan Informasi</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormType="sco" href="sco/index.html">
      <file href="sco/index.html"/><file href="sco/sco.js"/>
    </resource>
  </resources>
</manifest>
"""

INDEX = """<!DOCTYPE html>
<html lang="id">
<head><meta charset="utf-8"><title>Materi uji</title><link rel="stylesheet" href="style.css"></head>
<body>
<h1>Materi uji</h1>
<p id="resume">memuat</p>
<p id="state">belum</p>
<button type="button" id="simpan">Simpan</button>
<button type="button" id="selesai">Selesai</button>
<script src="sco.js"></script>
</body>
</html>
"""

SCO_12 = """(function () {
  function findAPI(win) {
    var hops = 0;
    while (!win.API && win.parent && win.parent !== win && hops < 10) { win = win.parent; hops++; }
    return win.API || null;
  }
  var api = findAPI(window);
  var show = function (id, text) { document.getElementById(id).textContent = text; };
  if (!api) { show("resume", "API tidak ditemukan"); return; }
  if (api.LMSInitialize("") !== "true") { show("resume", "gagal: " + api.LMSGetLastError()); return; }
  show("resume", "entry=" + api.LMSGetValue("cmi.core.entry") +
    ";location=" + api.LMSGetValue("cmi.core.lesson_location") +
    ";suspend=" + api.LMSGetValue("cmi.suspend_data") +
    ";student=" + api.LMSGetValue("cmi.core.student_id"));
  document.getElementById("simpan").addEventListener("click", function () {
    api.LMSSetValue("cmi.core.lesson_location", "halaman-3");
    api.LMSSetValue("cmi.suspend_data", "langkah=3;jawaban=a,b");
    api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    api.LMSSetValue("cmi.core.exit", "suspend");
    api.LMSSetValue("cmi.core.session_time", "0000:00:40.00");
    show("state", api.LMSCommit("") === "true" ? "disimpan" : "gagal " + api.LMSGetLastError());
  });
  document.getElementById("selesai").addEventListener("click", function () {
    api.LMSSetValue("cmi.core.score.min", "0");
    api.LMSSetValue("cmi.core.score.max", "100");
    api.LMSSetValue("cmi.core.score.raw", "85");
    api.LMSSetValue("cmi.core.lesson_status", "passed");
    api.LMSSetValue("cmi.core.session_time", "0000:01:30.00");
    var ok = api.LMSCommit("") === "true";
    show("state", ok && api.LMSFinish("") === "true" ? "selesai" : "gagal " + api.LMSGetLastError());
  });
}());
"""

SCO_2004 = """(function () {
  function findAPI(win) {
    var hops = 0;
    while (!win.API_1484_11 && win.parent && win.parent !== win && hops < 10) { win = win.parent; hops++; }
    return win.API_1484_11 || null;
  }
  var api = findAPI(window);
  var show = function (id, text) { document.getElementById(id).textContent = text; };
  if (!api) { show("resume", "API tidak ditemukan"); return; }
  if (api.Initialize("") !== "true") { show("resume", "gagal: " + api.GetLastError()); return; }
  show("resume", "entry=" + api.GetValue("cmi.entry") +
    ";location=" + api.GetValue("cmi.location") +
    ";suspend=" + api.GetValue("cmi.suspend_data") +
    ";student=" + api.GetValue("cmi.learner_id"));
  document.getElementById("simpan").addEventListener("click", function () {
    api.SetValue("cmi.location", "halaman-3");
    api.SetValue("cmi.suspend_data", "langkah=3;jawaban=a,b");
    api.SetValue("cmi.completion_status", "incomplete");
    api.SetValue("cmi.exit", "suspend");
    api.SetValue("cmi.session_time", "PT40S");
    show("state", api.Commit("") === "true" ? "disimpan" : "gagal " + api.GetLastError());
  });
  document.getElementById("selesai").addEventListener("click", function () {
    api.SetValue("cmi.score.min", "0");
    api.SetValue("cmi.score.max", "100");
    api.SetValue("cmi.score.raw", "90");
    api.SetValue("cmi.score.scaled", "0.9");
    api.SetValue("cmi.completion_status", "completed");
    api.SetValue("cmi.success_status", "passed");
    api.SetValue("cmi.session_time", "PT1M30S");
    api.SetValue("cmi.exit", "normal");
    var ok = api.Commit("") === "true";
    show("state", ok && api.Terminate("") === "true" ? "selesai" : "gagal " + api.GetLastError());
  });
}());
"""


def scorm_zip(
    version: str = "1.2",
    *,
    mastery: int | None = None,
    extra: dict[str, bytes] | None = None,
    manifest: str | None = None,
    drop: tuple[str, ...] = (),
) -> bytes:
    """The bytes of a real SCORM package (``version`` "1.2" or "2004"); ``extra`` adds entries,
    ``manifest`` replaces the manifest text, ``drop`` leaves entries out."""
    if manifest is None:
        if version == "1.2":
            mastery_xml = f"<adlcp:masteryscore>{mastery}</adlcp:masteryscore>" if mastery is not None else ""
            manifest = MANIFEST_12.replace("{mastery}", mastery_xml)
        else:
            manifest = MANIFEST_2004
    entries = {
        "imsmanifest.xml": manifest.encode(),
        "sco/index.html": INDEX.encode(),
        "sco/sco.js": (SCO_12 if version == "1.2" else SCO_2004).encode(),
        "sco/style.css": b"body { font-family: sans-serif; }\n",
    }
    entries.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            if name not in drop:
                archive.writestr(name, data)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_scorm_package(
    *, user=None, version: str = "1.2", mastery: int | None = None, title: str = "Paket uji"
):
    return lesson_content.scorm_package_create(
        user=user, title=title, upload=upload("paket.zip", scorm_zip(version, mastery=mastery))
    )


CAPTIONS = """WEBVTT

00:00.000 --> 00:02.000
Selamat datang di pelajaran video.

00:02.000 --> 00:04.000
Video ini memiliki teks.
"""


def video_bytes(kind: str = "webm") -> bytes:
    return (FIXTURES / f"lesson.{kind}").read_bytes()


def make_lesson_video(*, user=None, kind: str = "webm", title: str = "Video uji"):
    return lesson_content.video_create(
        user=user,
        title=title,
        transcript="Selamat datang di pelajaran video.\nVideo ini memiliki teks.",
        video_upload=upload(f"video.{kind}", video_bytes(kind)),
        captions_upload=upload("teks.vtt", CAPTIONS.encode()),
    )


def attach(lesson: LessonPage, *, scorm_package=None, video=None) -> LessonPage:
    """Put a package or a video on a lesson (as the trainer does in the page editor)."""
    lesson.scorm_package = scorm_package
    lesson.video = video
    lesson.save()
    return LessonPage.objects.get(pk=lesson.pk)
