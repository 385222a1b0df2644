"""Factories for organisation and people. NIPs are valid PNS numbers, unique per factory run."""

from __future__ import annotations

import itertools

import factory
from django.contrib.auth import get_user_model

from pamong.people.models import ASN, Instansi, Jabatan, UnitKerja

_nip_seq = itertools.count(1)


def make_nip(*, birth: str = "19850312", cpns: str = "201001", sex: str = "1") -> str:
    """A valid PNS NIP; the sequence part cycles through 001–999 and the birth day varies beyond."""
    n = next(_nip_seq)
    seq = (n - 1) % 999 + 1
    day = int(birth[6:8])
    if n > 999:  # keep NIPs unique past 999 by moving the birth year
        birth = f"{int(birth[0:4]) - (n - 1) // 999:04d}{birth[4:6]}{day:02d}"
    return f"{birth}{cpns}{sex}{seq:03d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.go.id")
    password = factory.django.Password("rahasia-uji-123")


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"INS{n:03d}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    short_name = factory.LazyAttribute(lambda o: o.code)


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    instansi = factory.SubFactory(InstansiFactory)
    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Bidang Uji {n}")


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    unit = factory.SubFactory(UnitKerjaFactory)
    instansi = factory.SelfAttribute("unit.instansi")
    code = factory.Sequence(lambda n: f"J{n:04d}")
    name = factory.Sequence(lambda n: f"Analis Uji {n}")
    kind = Jabatan.Kind.PELAKSANA


class ASNFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ASN

    nip = factory.LazyFunction(make_nip)
    user = factory.SubFactory(UserFactory, username=factory.SelfAttribute("..nip"))
    name = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    employment_type = ASN.EmploymentType.PNS
    golongan = "III/a"
    jabatan = factory.SubFactory(JabatanFactory)
    unit = factory.SelfAttribute("jabatan.unit")
    instansi = factory.SelfAttribute("jabatan.instansi")
    atasan = None
