"""Reading uploaded video and caption files: what they are (by content, never by name) and how long.

:func:`video_inspect` recognises MP4 (an ISO base media file: an ``ftyp`` box first) and WebM (an
EBML header whose DocType is ``webm``) from their bytes, and reads the duration from the container
(MP4: the ``mvhd`` box; WebM: ``Segment › Info › Duration`` and ``TimecodeScale``).
:func:`captions_check` checks a WebVTT file line by line. Both raise :class:`MediaRejected` with the
Indonesian reason (and the line, for captions).

:func:`watched_union` merges watched ranges; the share watched is their union over the duration.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from pamong.formats import megabytes

_HEAD = 64


class MediaRejected(Exception):
    """The file cannot be used; ``str(error)`` is the reason for the trainer (Indonesian)."""


@dataclass(frozen=True)
class InspectedVideo:
    kind: str  # "mp4" or "webm"
    duration_seconds: Decimal
    size: int


def _size_of(stream: IO[bytes]) -> int:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


# -- MP4 ---------------------------------------------------------------------------------------------


def _mp4_boxes(stream: IO[bytes], start: int, end: int):
    """(type, payload start, payload end) of the boxes between ``start`` and ``end``."""
    position = start
    while position + 8 <= end:
        stream.seek(position)
        header = stream.read(8)
        if len(header) < 8:
            return
        size, kind = struct.unpack(">I4s", header)
        offset = 8
        if size == 1:
            size = struct.unpack(">Q", stream.read(8))[0]
            offset = 16
        elif size == 0:
            size = end - position
        if size < offset:
            return
        yield kind, position + offset, min(position + size, end)
        position += size


def _mp4_duration(stream: IO[bytes], size: int) -> Decimal | None:
    for kind, start, end in _mp4_boxes(stream, 0, size):
        if kind != b"moov":
            continue
        for inner, payload, _payload_end in _mp4_boxes(stream, start, end):
            if inner != b"mvhd":
                continue
            stream.seek(payload)
            version = stream.read(1)[0]
            stream.read(3)
            if version == 1:
                stream.read(16)
                timescale, duration = struct.unpack(">IQ", stream.read(12))
            else:
                stream.read(8)
                timescale, duration = struct.unpack(">II", stream.read(8))
            if timescale:
                return Decimal(duration) / Decimal(timescale)
    return None


# -- WebM (EBML) -------------------------------------------------------------------------------------

_SEGMENT, _INFO, _DURATION, _TIMECODE_SCALE, _DOCTYPE = 0x18538067, 0x1549A966, 0x4489, 0x2AD7B1, 0x4282
_EBML = 0x1A45DFA3


def _vint(stream: IO[bytes], *, keep_marker: bool) -> tuple[int, int] | None:
    """(value, length) of an EBML variable-size integer; ``None`` at the end of the data."""
    first = stream.read(1)
    if not first:
        return None
    byte = first[0]
    length = 1
    mask = 0x80
    while length <= 8 and not byte & mask:
        mask >>= 1
        length += 1
    if length > 8:
        return None
    value = byte if keep_marker else byte & (mask - 1)
    rest = stream.read(length - 1)
    if len(rest) < length - 1:
        return None
    for b in rest:
        value = (value << 8) | b
    if not keep_marker and value == (1 << (7 * length)) - 1:
        value = -1  # unknown size
    return value, length


def _ebml_elements(stream: IO[bytes], start: int, end: int):
    position = start
    while position < end:
        stream.seek(position)
        element = _vint(stream, keep_marker=True)
        size = _vint(stream, keep_marker=False)
        if element is None or size is None:
            return
        payload = stream.tell()
        length = end - payload if size[0] < 0 else size[0]
        yield element[0], payload, min(payload + length, end)
        position = payload + length


def _webm_facts(stream: IO[bytes], size: int) -> tuple[str, Decimal | None]:
    """(DocType, duration in seconds) of an EBML file."""
    doctype, duration = "", None
    for element, start, end in _ebml_elements(stream, 0, size):
        if element == _EBML:
            for inner, payload, payload_end in _ebml_elements(stream, start, end):
                if inner == _DOCTYPE:
                    stream.seek(payload)
                    doctype = stream.read(payload_end - payload).rstrip(b"\x00").decode("ascii", "replace")
        elif element == _SEGMENT:
            for inner, payload, payload_end in _ebml_elements(stream, start, end):
                if inner != _INFO:
                    continue
                scale, raw = 1_000_000, None
                for fact, fact_start, fact_end in _ebml_elements(stream, payload, payload_end):
                    stream.seek(fact_start)
                    data = stream.read(fact_end - fact_start)
                    if fact == _TIMECODE_SCALE:
                        scale = int.from_bytes(data, "big")
                    elif fact == _DURATION and len(data) in (4, 8):
                        raw = struct.unpack(">f" if len(data) == 4 else ">d", data)[0]
                if raw is not None:
                    duration = Decimal(str(round(raw * scale / 1_000_000_000, 3)))
                break
            break
    return doctype, duration


def video_inspect(stream: IO[bytes]) -> InspectedVideo:
    """Kind and duration of an uploaded video, or :class:`MediaRejected` with the reason."""
    size = _size_of(stream)
    limit = settings.PAMONG_VIDEO_MAX_BYTES
    if size > limit:
        raise MediaRejected(
            _("Video berukuran %(size)s, melebihi batas %(max)s.")
            % {"size": megabytes(size), "max": megabytes(limit)}
        )
    head = stream.read(_HEAD)
    stream.seek(0)
    try:
        if len(head) >= 12 and head[4:8] == b"ftyp":
            kind, duration = "mp4", _mp4_duration(stream, size)
        elif head[:4] == b"\x1a\x45\xdf\xa3":
            doctype, duration = _webm_facts(stream, size)
            if doctype != "webm":
                raise MediaRejected(_("Berkas Matroske/EBML ini bukan WebM; unggah video MP4 atau WebM."))
            kind = "webm"
        else:
            raise MediaRejected(
                _(
                    "Isi berkas bukan video MP4 atau WebM (jenis berkas diperiksa dari isinya, bukan dari namanya)."
                )
            )
    except (struct.error, IndexError, OverflowError, ValueError):
        raise MediaRejected(_("Berkas video rusak: wadah videonya tidak dapat dibaca.")) from None
    finally:
        stream.seek(0)
    if duration is None or duration <= 0:
        raise MediaRejected(_("Durasi video tidak tercantum dalam berkas; ekspor ulang video dengan durasi."))
    return InspectedVideo(kind=kind, duration_seconds=duration.quantize(Decimal("0.01")), size=size)


# -- WebVTT ------------------------------------------------------------------------------------------

_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t].*)?$")


def _seconds(hours, minutes, seconds, millis) -> Decimal:
    return Decimal(int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)) + Decimal(int(millis)) / 1000


def captions_check(stream: IO[bytes]) -> int:
    """Check a WebVTT file; returns the number of cues. :class:`MediaRejected` says which line is wrong."""
    data = stream.read(settings.PAMONG_CAPTIONS_MAX_BYTES + 1)
    stream.seek(0)
    if len(data) > settings.PAMONG_CAPTIONS_MAX_BYTES:
        raise MediaRejected(
            _("Berkas teks (WebVTT) melebihi batas %(max)s.")
            % {"max": megabytes(settings.PAMONG_CAPTIONS_MAX_BYTES)}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MediaRejected(_("Berkas teks (WebVTT) harus berenkode UTF-8.")) from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise MediaRejected(_("Baris 1: berkas teks harus diawali “WEBVTT”."))
    cues = 0
    for number, line in enumerate(lines[1:], start=2):
        if "-->" not in line:
            continue
        match = _TIMING.match(line.strip())
        if match is None:
            raise MediaRejected(
                _("Baris %(line)d: waktu teks “%(text)s” tidak sesuai format jj:mm:dd.ddd --> jj:mm:dd.ddd.")
                % {"line": number, "text": line.strip()[:80]}
            )
        start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
        if end <= start:
            raise MediaRejected(
                _("Baris %(line)d: waktu selesai teks harus sesudah waktu mulainya.") % {"line": number}
            )
        cues += 1
    if not cues:
        raise MediaRejected(_("Berkas teks (WebVTT) tidak memuat satu pun teks berwaktu."))
    return cues


# -- Watched time ------------------------------------------------------------------------------------


def watched_union(ranges: list[list[float]]) -> list[list[float]]:
    """Sorted, merged ``[start, end]`` ranges (touching ranges joined)."""
    merged: list[list[float]] = []
    for start, end in sorted((float(a), float(b)) for a, b in ranges if float(b) > float(a)):
        if merged and start <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def watched_total(ranges: list[list[float]]) -> float:
    return sum(end - start for start, end in ranges)
