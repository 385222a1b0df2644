"""Every kind of notification Pamong sends: one explicit table, kept as data (CONVENTIONS.md).

A kind says who it is for in words, its title (with ``%(name)s`` placeholders filled from the event's
``params``), the email mode a person gets until they choose another, and whether it is *locked*: a
kind with consequences for the person (a result, a decision on an objection, a reward or sanction)
always goes out immediately and cannot be switched off or moved to the daily digest.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

IMMEDIATE = "immediate"
DIGEST = "digest"
OFF = "off"
MODE_CHOICES = [
    (IMMEDIATE, _("Segera")),
    (DIGEST, _("Ringkasan harian")),
    (OFF, _("Tidak dikirim lewat email")),
]


@dataclass(frozen=True)
class Kind:
    code: str
    label: object  # lazy translation: what the preference row is called
    title: object  # lazy translation with %(…)s placeholders filled from params
    default_mode: str = IMMEDIATE
    locked: bool = False

    def render_title(self, params: dict | None) -> str:
        text = str(self.title)
        try:
            return text % (params or {})
        except (KeyError, TypeError, ValueError):
            return str(self.label)


_KINDS = [
    # learning
    Kind("course_assigned", _("Pelatihan ditugaskan"), _("Anda ditugaskan mengikuti pelatihan %(course)s")),
    Kind(
        "course_due_7",
        _("Tenggat pelatihan 7 hari lagi"),
        _("Pelatihan %(course)s harus selesai 7 hari lagi (%(due)s)"),
    ),
    Kind(
        "course_due_1", _("Tenggat pelatihan besok"), _("Pelatihan %(course)s harus selesai besok (%(due)s)")
    ),
    Kind(
        "session_registered",
        _("Pendaftaran sesi pelatihan"),
        _("Pendaftaran Anda pada sesi %(session)s (%(start)s): %(status)s"),
    ),
    Kind(
        "session_promoted",
        _("Naik dari daftar tunggu sesi"),
        _("Kursi tersedia: Anda kini terdaftar pada sesi %(session)s (%(start)s)"),
    ),
    Kind("session_reminder", _("Pengingat sesi besok"), _("Besok: sesi %(session)s dimulai %(start)s")),
    Kind(
        "outside_decided",
        _("Pembelajaran di luar Pamong diputuskan"),
        _("Catatan pembelajaran %(title)s Anda %(decision)s"),
    ),
    # socialization
    Kind(
        "chapter_confirm",
        _("Bab kebijakan perlu dikonfirmasi"),
        _("Bab kebijakan %(chapter)s terbit: mohon baca dan konfirmasi"),
    ),
    Kind(
        "feedback_moderation",
        _("Umpan balik publik menunggu moderasi"),
        _("Umpan balik publik untuk %(unit)s menunggu moderasi"),
        default_mode=DIGEST,
    ),
    # competencies
    Kind(
        "devplan_submitted",
        _("Rencana pengembangan diajukan"),
        _("%(asn)s mengajukan rencana pengembangan %(year)s untuk disetujui"),
    ),
    Kind(
        "devplan_approved",
        _("Rencana pengembangan disetujui"),
        _("Rencana pengembangan %(year)s Anda disetujui"),
    ),
    Kind(
        "devplan_returned",
        _("Rencana pengembangan dikembalikan"),
        _("Rencana pengembangan %(year)s Anda dikembalikan untuk diperbaiki"),
    ),
    Kind(
        "level_proposal",
        _("Usulan level kompetensi menunggu konfirmasi"),
        _("Usulan level %(competency)s untuk %(asn)s menunggu konfirmasi Anda"),
    ),
    # performance
    Kind(
        "rating_requested", _("Permintaan penilaian 360°"), _("Anda diminta menilai perilaku kerja %(asn)s")
    ),
    Kind(
        "rating_reminder",
        _("Pengingat penilaian 360°"),
        _("Penilaian 360° %(period)s yang menunggu Anda ditutup %(closes)s"),
    ),
    Kind(
        "checkin_due",
        _("Pemantauan (check-in) SKP jatuh tempo"),
        _("Pemantauan (check-in) SKP %(period)s jatuh tempo %(due)s"),
    ),
    Kind(
        "performance_reminder",
        _("Pengingat kinerja harian"),
        _("Pengingat kinerja: %(count)s hal menunggu Anda"),
    ),
    Kind(
        "result_finalised",
        _("Hasil evaluasi kinerja ditetapkan"),
        _("Hasil evaluasi kinerja %(period)s Anda telah ditetapkan"),
        locked=True,
    ),
    Kind(
        "periodic_assessed",
        _("Penilaian kinerja periodik ditetapkan"),
        _("Penilaian kinerja periodik %(checkin)s (%(period)s) Anda telah ditetapkan: %(predikat)s"),
        locked=True,
    ),
    Kind("objection_filed", _("Keberatan diajukan"), _("%(asn)s mengajukan keberatan atas hasil %(period)s")),
    Kind(
        "objection_decided",
        _("Keberatan diputuskan"),
        _("Keberatan Anda atas hasil %(period)s telah diputuskan"),
        locked=True,
    ),
    Kind(
        "reward_sanction",
        _("Keputusan penghargaan atau sanksi"),
        _("Keputusan tindak lanjut: %(action)s"),
        locked=True,
    ),
    # Wagtail moderation (the humas workflow)
    Kind(
        "page_submitted", _("Halaman diajukan untuk moderasi"), _("Halaman %(page)s diajukan untuk %(task)s")
    ),
    Kind("page_approved", _("Halaman disetujui"), _("Halaman %(page)s disetujui pada tahap %(task)s")),
    Kind("page_rejected", _("Halaman ditolak"), _("Halaman %(page)s dikembalikan pada tahap %(task)s")),
]

ALL_KINDS: tuple[Kind, ...] = tuple(_KINDS)
KINDS: dict[str, Kind] = {kind.code: kind for kind in _KINDS}
KIND_CHOICES = [(kind.code, kind.label) for kind in _KINDS]


def kind_for(code: str) -> Kind:
    try:
        return KINDS[code]
    except KeyError:
        raise ValueError(f"unknown notification kind {code!r}") from None
