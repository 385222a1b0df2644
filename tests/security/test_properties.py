"""Property-based tests (hypothesis): the CSV importers and the public feedback form never fail with a
server error on any input, and save nothing when the input is invalid."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamong.people.importer import COLUMNS as ASN_COLUMNS
from pamong.people.importer import asn_import_apply, asn_import_parse
from pamong.people.models import ASN
from performance.models import PublicFeedback
from tests.factories.people import make_nip
from tests.factories.performance import channel_for

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=50,
    database=None,  # no .hypothesis/ folder in the work tree
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Cells: mostly plausible values, plus CSV-hostile text (quotes, delimiters, newlines, BOM, unicode).
hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(list(',;"\n\r\ufeff ')),
    max_size=30,
)


def _csv(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


class Rollback(Exception):
    pass


def _isolated(fn):
    """Run ``fn`` inside a savepoint that is always rolled back (examples must not see each other)."""
    try:
        with transaction.atomic():
            fn()
            raise Rollback
    except Rollback:
        pass


# --- import_asn ---------------------------------------------------------------------------------


@pytest.fixture
def asn_codes(world):
    """Codes that exist, so that some generated rows are valid."""
    staff = world.staff_a
    return {
        "nip": [make_nip() for _ in range(3)] + [staff.nip, "123", "19850312 201001 1 004", ""],
        "nama": ["Siti Aminah", "Budi", ""],
        "jenis": ["PNS", "PPPK", "pns", "Honorer", ""],
        "golongan": ["III/b", "IX", "II/a", "", "Z"],
        "instansi": [staff.instansi.code, world.instansi_b.code, "TIDAKADA", ""],
        "unit": [staff.unit.code, "U-TIDAK", ""],
        "jabatan": [staff.jabatan.code, "J-TIDAK", ""],
        "atasan_nip": ["", world.atasan_a.nip, make_nip()],
        "email": ["", "siti@jambiprov.go.id", "bukan-email"],
    }


def _asn_rows(codes):
    cell = {c: st.one_of(st.sampled_from(codes[c]), hostile_text) for c in ASN_COLUMNS}
    row = st.tuples(*[cell[c] for c in ASN_COLUMNS]).map(list)
    # Some rows are short or long: the importer must say so, not crash.
    ragged = st.lists(hostile_text, max_size=12)
    return st.lists(st.one_of(row, row, ragged), max_size=6)


def _asn_snapshot():
    return sorted(
        ASN.objects.values_list("nip", "name", "employment_type", "golongan", "unit_id", "atasan_id")
    )


def test_import_asn_never_crashes_and_writes_nothing_when_invalid(asn_codes):
    @SETTINGS
    @given(
        header=st.one_of(
            st.just(list(ASN_COLUMNS)), st.permutations(ASN_COLUMNS).map(list), st.lists(hostile_text)
        ),
        rows=_asn_rows(asn_codes),
        delimiter=st.sampled_from([",", ";"]),
    )
    def check(header, rows, delimiter):
        def run():
            before = _asn_snapshot()
            plan = asn_import_parse(text=_csv(header, rows, delimiter))
            if plan.errors:
                with pytest.raises(ValueError):
                    asn_import_apply(plan=plan)
                assert _asn_snapshot() == before
                assert all(str(e) for e in plan.errors)
            else:
                asn_import_apply(plan=plan)
                again = asn_import_parse(text=_csv(header, rows, delimiter))
                assert not again.errors and not again.to_create and not again.to_update  # idempotent

        _isolated(run)

    check()


def test_import_asn_survives_any_text(world):
    @SETTINGS
    @given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
    def check(text):
        def run():
            before = ASN.objects.count()
            plan = asn_import_parse(text=text)
            if plan.errors:
                assert ASN.objects.count() == before

        _isolated(run)

    check()


# --- competency standards (import_standar_kompetensi) ---------------------------------------------


def test_import_standards_never_crashes_and_writes_nothing_when_invalid(world):
    from competencies.importer import COLUMNS, standard_import_apply, standard_import_parse
    from competencies.models import PositionStandard

    codes = {
        "instansi": [world.instansi_a.code, "TIDAKADA", ""],
        "jabatan": [world.staff_a.jabatan.code, "J-TIDAK", ""],
        "kompetensi": ["M.1", "M.4", "SK.1", "X.9", ""],
        "level": ["1", "3", "5", "0", "6", "tiga", ""],
    }
    cell = {c: st.one_of(st.sampled_from(codes[c]), hostile_text) for c in COLUMNS}
    rows = st.lists(
        st.one_of(st.tuples(*[cell[c] for c in COLUMNS]).map(list), st.lists(hostile_text, max_size=6)),
        max_size=6,
    )

    @SETTINGS
    @given(
        header=st.one_of(st.just(list(COLUMNS)), st.permutations(COLUMNS).map(list), st.lists(hostile_text)),
        rows=rows,
        delimiter=st.sampled_from([",", ";"]),
    )
    def check(header, rows, delimiter):
        def run():
            before = sorted(PositionStandard.objects.values_list("pk", "required_level"))
            plan = standard_import_parse(text=_csv(header, rows, delimiter))
            if plan.errors:
                with pytest.raises(ValueError):
                    standard_import_apply(plan=plan)
                assert sorted(PositionStandard.objects.values_list("pk", "required_level")) == before
            else:
                standard_import_apply(plan=plan)

        _isolated(run)

    check()


# --- public feedback form -----------------------------------------------------------------------

form_value = st.one_of(
    st.sampled_from(["1", "3", "5", "0", "6", "-1", "", "lima", "5.0", "9" * 30]),
    hostile_text,
    st.text(max_size=2100),
)


def test_public_feedback_form_never_fails_and_saves_only_valid_input(world):
    channel = channel_for(world.staff_a.unit)
    url = channel.get_absolute_url()
    staff_ids = [str(world.staff_a.pk), str(world.staff_b.pk), "999999", "x"]

    @SETTINGS
    @given(
        data=st.fixed_dictionaries(
            {},
            optional={
                "rating": form_value,
                "comment": form_value,
                "asn": st.one_of(st.sampled_from(staff_ids), hostile_text),
                "website": st.sampled_from(["", "http://spam.example"]),
            },
        ).map(lambda d: {k: v.replace("\x00", "") for k, v in d.items()})
    )
    def check(data):
        def run():
            cache.clear()  # the form is rate-limited per client
            before = PublicFeedback.objects.count()
            response = Client().post(url, data)
            created = PublicFeedback.objects.count() - before
            valid = (
                data.get("rating", "") in {"1", "2", "3", "4", "5"}
                and len(data.get("comment", "").strip()) <= 2000
                and data.get("asn", "") in {"", str(world.staff_a.pk)}
                and not data.get("website")
            )
            # A filled honeypot pretends success (302); any other refusal shows the form again (200).
            assert response.status_code == (302 if valid or data.get("website") else 200), data
            if not valid:
                assert created == 0, data
            else:
                assert response.status_code == 302 and created == 1, data
                feedback = PublicFeedback.objects.latest("pk")
                assert 1 <= feedback.rating <= 5
                assert feedback.status == PublicFeedback.Status.PENDING

        _isolated(run)

    check()
