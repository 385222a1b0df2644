"""NIP validation: every rule, and a message that names the part that is wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pamong.people.models import ASN
from pamong.people.nip import nip_birth_date, nip_errors, nip_sex

TODAY = dt.date(2026, 11, 30)
VALID = "198503122010011004"  # born 12 March 1985, CPNS January 2010, male, number 004


def errors(nip: str, employment_type: str = "PNS") -> list[str]:
    return nip_errors(nip, employment_type=employment_type, today=TODAY)


@pytest.mark.parametrize(
    "nip",
    [
        VALID,
        "199212312019032001",  # female, born on the last day of a year
        "200002292024121999",  # a leap day, sequence 999
        "198503122026111004",  # appointed in the current month
        "198501312010021001",  # born on the 31st, a month that has one
        " 198503122010011004 ",  # surrounding spaces are ignored
    ],
)
def test_valid_pns_numbers_pass(nip):
    assert errors(nip) == []


def test_empty():
    assert errors("") == ["NIP wajib diisi."]
    assert errors("   ") == ["NIP wajib diisi."]
    assert nip_errors(None) == ["NIP wajib diisi."]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "nip", ["19850312201001100A", "1985-03-12-2010011004", "19850312 201001 1 004", "١٩٨٥٠٣١٢٢٠١٠٠١١٠٠٤"]
)
def test_only_ascii_digits(nip):
    assert errors(nip) == ["NIP hanya boleh berisi angka."]


@pytest.mark.parametrize(("nip", "n"), [(VALID[:-1], 17), (VALID + "1", 19), ("1", 1)])
def test_exactly_18_digits(nip, n):
    assert errors(nip) == [f"NIP harus tepat 18 digit (saat ini {n} digit)."]
    assert errors(nip, "PPPK") == [f"NIP harus tepat 18 digit (saat ini {n} digit)."]


@pytest.mark.parametrize("birth", ["19851332", "19850230", "19850012", "19850300", "00000000"])
def test_birth_date_must_be_a_real_date(birth):
    assert errors(birth + "2010011004") == [
        f"Digit 1–8 NIP ({birth}) bukan tanggal lahir yang valid (YYYYMMDD)."
    ]


@pytest.mark.parametrize("birth", ["19390101", "20270101"])  # before 1940, in the future
def test_birth_date_must_be_plausible(birth):
    found = errors(birth + "2010011004")
    assert found[0] == f"Digit 1–8 NIP ({birth}): tanggal lahir di luar rentang wajar."


@pytest.mark.parametrize("cpns", ["201000", "201013", "193912", "000001"])
def test_cpns_part_must_be_year_and_month(cpns):
    assert errors(f"19850312{cpns}1004") == [
        f"Digit 9–14 NIP ({cpns}) bukan tahun dan bulan pengangkatan CPNS yang valid (YYYYMM)."
    ]


@pytest.mark.parametrize("cpns", ["198502", "198503", "198001"])  # before, equal to the birth month
def test_cpns_appointment_after_birth(cpns):
    assert errors(f"19850312{cpns}1004") == [
        f"Digit 9–14 NIP ({cpns}): pengangkatan CPNS harus setelah tanggal lahir."
    ]


def test_cpns_appointment_not_in_the_future():
    assert errors("198503122026121004") == ["Digit 9–14 NIP (202612): pengangkatan CPNS di masa depan."]
    assert errors("198503122030011004") == ["Digit 9–14 NIP (203001): pengangkatan CPNS di masa depan."]


@pytest.mark.parametrize("sex", ["0", "3", "9"])
def test_sex_code(sex):
    assert errors(f"19850312201001{sex}004") == [f"Digit 15 NIP ({sex}) harus kode jenis kelamin 1 atau 2."]


def test_sequence_000():
    assert errors("198503122010011000") == ["Digit 16–18 NIP (000) harus nomor urut 001–999."]


def test_every_wrong_part_is_reported():
    assert errors("198513321985003000") == [
        "Digit 1–8 NIP (19851332) bukan tanggal lahir yang valid (YYYYMMDD).",
        "Digit 9–14 NIP (198500) bukan tahun dan bulan pengangkatan CPNS yang valid (YYYYMM).",
        "Digit 15 NIP (3) harus kode jenis kelamin 1 atau 2.",
        "Digit 16–18 NIP (000) harus nomor urut 001–999.",
    ]


def test_pppk_number_gets_only_length_and_digit_checks():
    assert errors("199513322099990000", "PPPK") == []  # no date, sex or sequence rules
    assert errors("19951332209999000X", "PPPK") == ["NIP hanya boleh berisi angka."]


def test_default_today_is_the_real_date():
    assert nip_errors(VALID) == []
    future = dt.date.today().replace(day=1) + dt.timedelta(days=40)
    assert nip_errors(f"19850312{future:%Y%m}1004") == [
        f"Digit 9–14 NIP ({future:%Y%m}): pengangkatan CPNS di masa depan."
    ]


def test_sex_and_birth_date_helpers():
    assert nip_sex(VALID) == "L"
    assert nip_sex("199212312019032001") == "P"
    assert nip_sex("199212312019033001") is None
    assert nip_sex("123") is None
    assert nip_birth_date(VALID) == dt.date(1985, 3, 12)
    assert nip_birth_date("198513322010011004") is None
    assert nip_birth_date("abc") is None


def test_asn_clean_uses_the_nip_rules():
    asn = ASN(nip="198503122010013000", employment_type="PNS")
    with pytest.raises(ValidationError) as excinfo:
        asn.clean()
    assert excinfo.value.message_dict["nip"] == [
        "Digit 15 NIP (3) harus kode jenis kelamin 1 atau 2.",
        "Digit 16–18 NIP (000) harus nomor urut 001–999.",
    ]
    ASN(nip="199513322099990000", employment_type="PPPK").clean()  # a PPPK number passes
    assert ASN(nip=VALID).sex == "L"
    assert ASN(nip=VALID, employment_type="PPPK").sex is None


@pytest.mark.parametrize(
    ("nip", "ok"),
    [
        ("199003152008031001", True),  # born 15 March 1990, appointed March 2008: the 18th-birthday month
        ("199003152008021001", False),  # February 2008: one month short of 18
        ("199003152007121001", False),
        ("199003012008031001", True),  # born on the 1st: the month starts on the birthday
        ("200002292018021001", True),  # a leap-day birth: February of the 18th year
        ("200002292018011001", False),
        ("198503122003031004", True),
    ],
)
def test_cpns_appointment_at_18_or_older(nip, ok):
    found = errors(nip)
    if ok:
        assert found == []
    else:
        birth = nip[0:8]
        earliest = f"{int(birth[0:4]) + 18}{birth[4:6]}"
        assert found == [
            f"Digit 9–14 NIP ({nip[8:14]}): pengangkatan CPNS paling cepat pada bulan ulang tahun ke-18 ({earliest})."
        ]
