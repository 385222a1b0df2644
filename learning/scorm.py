"""Reading SCORM packages (1.2 and 2004): the checks an uploaded zip must pass before anything is saved.

:func:`package_inspect` reads a zip without writing anything and returns :class:`InspectedPackage`
(version, launch file, mastery score, the entries to extract) or raises :class:`PackageRejected`
whose text is the Indonesian reason shown to the trainer:

* not a zip, or an encrypted one;
* no ``imsmanifest.xml`` at the root, or one that is not well-formed XML (DTDs and entities refused);
* a SCORM version other than 1.2 or 2004 (``<schemaversion>`` or the ADL namespace);
* no launchable SCO (a ``sco`` resource with an ``href`` that exists, reached from an organisation);
* an unsafe path: absolute, with ``..``, a drive letter or backslash, or a symbolic link;
* too many files or too many bytes once unpacked (``PAMONG_SCORM_MAX_FILES``,
  ``PAMONG_SCORM_MAX_UNPACKED_BYTES``), counted while actually decompressing, not trusted from the
  zip's directory (a zip bomb lies there).

Runtime rules (what counts as done) are in :func:`attempt_is_complete`.
"""

from __future__ import annotations

import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _

from pamong.formats import megabytes

VERSION_12 = "1.2"
VERSION_2004 = "2004"
MANIFEST = "imsmanifest.xml"
_CHUNK = 64 * 1024


class PackageRejected(Exception):
    """The package cannot be used; ``str(error)`` is the reason for the trainer (Indonesian)."""


@dataclass
class InspectedPackage:
    version: str
    launch_path: str
    title: str
    mastery_score: Decimal | None
    entries: list[zipfile.ZipInfo] = field(default_factory=list)
    unpacked_bytes: int = 0


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element, name: str) -> str:
    """An attribute by local name, whatever its namespace prefix (``adlcp:scormtype`` etc.)."""
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return value.strip()
    return ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _safe_path(name: str) -> str:
    """The entry name as a relative POSIX path, or :class:`PackageRejected` when it could escape."""
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":") or "\x00" in name:
        raise PackageRejected(_("Paket memuat jalur berkas yang tidak aman: “%(name)s”.") % {"name": name})
    parts = name.split("/")
    if any(part == ".." for part in parts):
        raise PackageRejected(_("Paket memuat jalur berkas yang tidak aman: “%(name)s”.") % {"name": name})
    return posixpath.normpath(name)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _version_of(root) -> str:
    schema = ""
    for metadata in _children(root, "metadata"):
        for element in _children(metadata, "schemaversion"):
            schema = (element.text or "").strip()
    namespaces = " ".join([root.tag, *(str(k) for k in root.attrib)] + [child.tag for child in root.iter()])
    if schema:
        if schema == "1.2":
            return VERSION_12
        if schema.startswith("2004") or schema == "CAM 1.3":
            return VERSION_2004
        raise PackageRejected(
            _("Versi SCORM “%(version)s” tidak didukung; gunakan SCORM 1.2 atau SCORM 2004.")
            % {"version": schema}
        )
    if "adlcp_rootv1p2" in namespaces:
        return VERSION_12
    if "adlcp_v1p3" in namespaces or "imscp_v1p1" in namespaces and "adlseq" in namespaces:
        return VERSION_2004
    raise PackageRejected(
        _("Versi SCORM paket tidak dikenali (tidak ada <schemaversion>); gunakan SCORM 1.2 atau SCORM 2004.")
    )


def _launch_of(root, names: set[str]) -> tuple[str, str, Decimal | None]:
    """(launch path, title, mastery score) of the first SCO item of the default organisation."""
    resources = {}
    for container in _children(root, "resources"):
        for resource in _children(container, "resource"):
            resources[_attr(resource, "identifier")] = resource
    organisations = [
        org for container in _children(root, "organizations") for org in _children(container, "organization")
    ]
    default_id = next((_attr(c, "default") for c in _children(root, "organizations")), "")
    organisations.sort(key=lambda org: _attr(org, "identifier") != default_id)
    for organisation in organisations:
        title = next(((t.text or "").strip() for t in _children(organisation, "title")), "")
        for item in organisation.iter():
            if _local(item.tag) != "item":
                continue
            resource = resources.get(_attr(item, "identifierref"))
            if resource is None or _attr(resource, "scormtype").lower() != "sco":
                continue
            href = _attr(resource, "href")
            base = _attr(resource, "base")
            path = href.split("?", 1)[0].split("#", 1)[0]
            path = posixpath.normpath(posixpath.join(base, path)) if path else ""
            if not path or path not in names:
                continue
            mastery = None
            for element in item:
                if _local(element.tag) == "masteryscore" and (element.text or "").strip():
                    try:
                        mastery = Decimal(element.text.strip())
                    except InvalidOperation:
                        raise PackageRejected(
                            _("Nilai kelulusan (masteryscore) “%(value)s” bukan angka.")
                            % {"value": element.text.strip()}
                        ) from None
            launch = path + (href[len(href.split("?", 1)[0]) :] if "?" in href else "")
            return launch, title, mastery
    raise PackageRejected(
        _(
            "Paket tidak memiliki SCO yang dapat dijalankan: tidak ada resource bertipe “sco” dengan href "
            "ke berkas yang ada di dalam paket."
        )
    )


def package_inspect(upload: IO[bytes]) -> InspectedPackage:
    """Check an uploaded zip (see the module docstring); nothing is written."""
    max_files = settings.PAMONG_SCORM_MAX_FILES
    max_bytes = settings.PAMONG_SCORM_MAX_UNPACKED_BYTES
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PackageRejected(_("Berkas bukan arsip zip yang sah.")) from None
    with archive:
        infos = archive.infolist()
        files = [info for info in infos if not info.is_dir()]
        if len(files) > max_files:
            raise PackageRejected(
                _("Paket berisi %(n)d berkas; batasnya %(max)d.") % {"n": len(files), "max": max_files}
            )
        names: set[str] = set()
        for info in infos:
            path = _safe_path(info.filename)
            if _is_symlink(info):
                raise PackageRejected(
                    _("Paket memuat tautan simbolik “%(name)s”; tautan tidak diizinkan.")
                    % {"name": info.filename}
                )
            if info.flag_bits & 0x1:
                raise PackageRejected(_("Paket terenkripsi; unggah arsip tanpa kata sandi."))
            if not info.is_dir():
                names.add(path)
        if MANIFEST not in names:
            raise PackageRejected(
                _("Berkas imsmanifest.xml tidak ditemukan di akar paket. Ekspor ulang sebagai paket SCORM.")
            )
        # Count the real bytes while decompressing: the sizes in the zip's directory may lie.
        total = 0
        for info in files:
            try:
                with archive.open(info) as stream:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > max_bytes:
                            raise PackageRejected(
                                _("Isi paket setelah dibuka melebihi batas %(max)s.")
                                % {"max": megabytes(max_bytes)}
                            )
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                raise PackageRejected(
                    _("Berkas “%(name)s” di dalam paket rusak atau tidak dapat dibuka.")
                    % {"name": info.filename}
                ) from None
        try:
            root = ElementTree.fromstring(archive.read(MANIFEST), forbid_dtd=True)
        except (ElementTree.ParseError, DefusedXmlException) as error:
            line = getattr(error, "position", (None,))[0]
            if line:
                raise PackageRejected(
                    _("imsmanifest.xml tidak dapat dibaca (baris %(line)d): bukan XML yang sah.")
                    % {"line": line}
                ) from None
            raise PackageRejected(_("imsmanifest.xml tidak dapat dibaca: bukan XML yang sah.")) from None
    if _local(root.tag) != "manifest":
        raise PackageRejected(_("imsmanifest.xml tidak berisi elemen <manifest>."))
    version = _version_of(root)
    launch, title, mastery = _launch_of(root, names)
    return InspectedPackage(
        version=version,
        launch_path=launch,
        title=title,
        mastery_score=mastery,
        entries=files,
        unpacked_bytes=total,
    )


def attempt_is_complete(
    *,
    version: str,
    lesson_status: str,
    completion_status: str,
    success_status: str,
    score_raw: Decimal | None,
    mastery_score: Decimal | None,
) -> bool:
    """Whether a SCO's reported state completes the lesson, by the package's rules.

    SCORM 1.2: ``cmi.core.lesson_status`` is ``passed`` or ``completed``; when the manifest sets a
    ``masteryscore`` and the SCO reports a raw score, that score must reach it (the LMS decides, as
    the SCORM 1.2 run-time environment describes). SCORM 2004: ``cmi.completion_status`` is
    ``completed`` and ``cmi.success_status`` is not ``failed``.
    """
    if version == VERSION_12:
        if lesson_status not in ("passed", "completed"):
            return False
        if mastery_score is not None and score_raw is not None:
            return score_raw >= mastery_score
        return True
    return completion_status == "completed" and success_status != "failed"


_ISO_DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_TIMESPAN_12 = re.compile(r"^(?P<h>\d{2,4}):(?P<mi>\d{2}):(?P<s>\d{2}(?:\.\d{1,2})?)$")


def session_seconds(value: str) -> int | None:
    """Seconds of a SCORM session time: ``HHHH:MM:SS.SS`` (1.2) or an ISO 8601 duration (2004);
    ``None`` when ``value`` is neither."""
    value = (value or "").strip()
    match = _TIMESPAN_12.match(value)
    if match is None:
        match = _ISO_DURATION.match(value)
        if match is None or value in ("P", "PT") or value.endswith("T"):
            return None
    parts = {k: float(v) for k, v in match.groupdict().items() if v}
    seconds = (
        parts.get("y", 0) * 365 * 86400
        + parts.get("mo", 0) * 30 * 86400
        + parts.get("d", 0) * 86400
        + parts.get("h", 0) * 3600
        + parts.get("mi", 0) * 60
        + parts.get("s", 0)
    )
    return round(seconds)


def iso_duration(seconds: int) -> str:
    """``3725`` → ``"PT1H2M5S"`` (xAPI ``result.duration``)."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"
