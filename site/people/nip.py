"""NIP (Nomor Induk Pegawai) validation.

A PNS NIP has 18 digits in four parts:

====== ======== =============================================
digits example  meaning
====== ======== =============================================
1–8    19850312 birth date, YYYYMMDD
9–14   201001   year and month of CPNS appointment, YYYYMM (at 18 or older)
15     1        sex: 1 male, 2 female
16–18  004      sequence number, 001–999
====== ======== =============================================

A PPPK number (NI PPPK) is also 18 digits; only its length and digits are checked. Each check
returns messages that name the part that is wrong, so an importer can pass them on verbatim.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

NIP_LENGTH = 18
EARLIEST_BIRTH_YEAR = 1940
#: A CPNS is appointed at 18 or older (UU 20/2023 on ASN and PP 11/2017: applicants are at least
#: 18). The NIP gives only the appointment month, so the earliest valid month is the month of the
#: 18th birthday (an appointment later in that month is on or after the birthday).
MINIMUM_CPNS_AGE = 18


def nip_errors(nip: str, *, employment_type: str = "PNS", today: dt.date | None = None) -> list[str]:
    """Return every problem with ``nip`` for the given employment type (``PNS`` or ``PPPK``)."""
    nip = (nip or "").strip()
    if not nip:
        return [_("NIP wajib diisi.")]
    if not nip.isdigit() or not nip.isascii():
        return [_("NIP hanya boleh berisi angka.")]
    if len(nip) != NIP_LENGTH:
        return [_("NIP harus tepat 18 digit (saat ini %(n)d digit).") % {"n": len(nip)}]
    if employment_type != "PNS":
        return []
    today = today or dt.date.today()
    errors: list[str] = []
    birth = _parse_date(nip[0:8])
    if birth is None:
        errors.append(
            _("Digit 1–8 NIP (%(part)s) bukan tanggal lahir yang valid (YYYYMMDD).") % {"part": nip[0:8]}
        )
    elif birth.year < EARLIEST_BIRTH_YEAR or birth > today:
        errors.append(
            _("Digit 1–8 NIP (%(part)s): tanggal lahir di luar rentang wajar.") % {"part": nip[0:8]}
        )
    year, month = int(nip[8:12]), int(nip[12:14])
    if not (1 <= month <= 12) or year < EARLIEST_BIRTH_YEAR:
        errors.append(
            _("Digit 9–14 NIP (%(part)s) bukan tahun dan bulan pengangkatan CPNS yang valid (YYYYMM).")
            % {"part": nip[8:14]}
        )
    else:
        appointed = dt.date(year, month, 1)
        if birth is not None and (year, month) <= (birth.year, birth.month):
            errors.append(
                _("Digit 9–14 NIP (%(part)s): pengangkatan CPNS harus setelah tanggal lahir.")
                % {"part": nip[8:14]}
            )
        elif birth is not None and (year, month) < (birth.year + MINIMUM_CPNS_AGE, birth.month):
            errors.append(
                _(
                    "Digit 9–14 NIP (%(part)s): pengangkatan CPNS paling cepat pada bulan ulang tahun "
                    "ke-%(age)d (%(earliest)s)."
                )
                % {
                    "part": nip[8:14],
                    "age": MINIMUM_CPNS_AGE,
                    "earliest": f"{birth.year + MINIMUM_CPNS_AGE:04d}{birth.month:02d}",
                }
            )
        elif appointed > today:
            errors.append(
                _("Digit 9–14 NIP (%(part)s): pengangkatan CPNS di masa depan.") % {"part": nip[8:14]}
            )
    if nip[14] not in "12":
        errors.append(_("Digit 15 NIP (%(part)s) harus kode jenis kelamin 1 atau 2.") % {"part": nip[14]})
    if nip[15:18] == "000":
        errors.append(_("Digit 16–18 NIP (%(part)s) harus nomor urut 001–999.") % {"part": nip[15:18]})
    return errors


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def nip_sex(nip: str) -> str | None:
    """``"L"`` or ``"P"`` for a valid PNS NIP, else ``None``."""
    if len(nip) == NIP_LENGTH and nip[14] in "12":
        return "L" if nip[14] == "1" else "P"
    return None


def nip_birth_date(nip: str) -> dt.date | None:
    return _parse_date(nip[0:8]) if len(nip) == NIP_LENGTH and nip.isdigit() else None


def nip_masked(nip: str) -> str:
    """``nip`` for a public page: the first four and last three digits, the rest as ``*``
    (``1993***********001``), enough to tell two namesakes apart without publishing the NIP."""
    nip = nip or ""
    if len(nip) <= 7:
        return "*" * len(nip)
    return nip[:4] + "*" * (len(nip) - 7) + nip[-3:]
