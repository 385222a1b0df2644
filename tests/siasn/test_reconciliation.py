"""HR's reconciliation page: what Pamong holds, what was sent, what SIASN has, what differs."""

import pytest
from django.urls import reverse

from pamong.siasn.models import SiasnOutbox
from pamong.siasn.outbox import outbox_send_due
from pamong.siasn.pull import siasn_pull
from pamong.siasn.reconcile import reconcile_instansi, reconciliation_summary

from .test_outbox import completed_course, finalised_result  # noqa: F401  (fixtures)


def _counts(instansi) -> dict:
    return {key: count for key, _label, count in reconciliation_summary(instansi=instansi)["counts"]}


def test_agreement_after_the_run(mapped, completed_course, finalised_result, client, client_for):  # noqa: F811
    siasn_pull(instansi=mapped.instansi_a, client=client)
    assert _counts(mapped.instansi_a)["waiting"] == 2
    outbox_send_due(client=client)
    assert _counts(mapped.instansi_a)["unconfirmed"] == 2  # sent; not yet seen in SIASN's riwayat
    assert reconcile_instansi(instansi=mapped.instansi_a, client=client) == {"confirmed": 2, "missing": 0}
    summary = reconciliation_summary(instansi=mapped.instansi_a)
    assert summary["in_agreement"] and summary["total"] == 2 and summary["items"] == []

    page = client_for(mapped.hr_a.user).get(reverse("siasn:reconciliation", args=[mapped.instansi_a.code]))
    assert page.status_code == 200
    assert "Semua catatan Pamong sesuai dengan SIASN." in page.content.decode()


def test_a_record_deleted_in_siasn_shows_as_a_difference(mapped, completed_course, standin, client):  # noqa: F811
    outbox_send_due(client=client)
    standin.riwayat["kursus"].clear()
    assert reconcile_instansi(instansi=mapped.instansi_a, client=client) == {"confirmed": 0, "missing": 1}
    summary = reconciliation_summary(instansi=mapped.instansi_a)
    assert not summary["in_agreement"]
    assert [(i.state, i.nip) for i in summary["items"]] == [("unconfirmed", mapped.staff_a.nip)]


def test_hr_sees_the_validation_error_and_resends(mapped, finalised_result, standin, client, client_for):  # noqa: F811
    standin.fail("/api/skp22/save", ("reject", "tahun", "tahun penilaian sudah ditutup"))
    outbox_send_due(client=client)
    hr = client_for(mapped.hr_a.user)
    page = hr.get(reverse("siasn:reconciliation", args=[mapped.instansi_a.code])).content.decode()
    assert "Ditolak SIASN" in page and "tahun penilaian sudah ditutup (tahun)" in page
    row = SiasnOutbox.objects.get()
    response = hr.post(reverse("siasn:outbox_resend", args=[row.pk]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == SiasnOutbox.Status.PENDING
    again = hr.post(reverse("siasn:outbox_resend", args=[row.pk]), follow=True)
    assert "tidak dalam status ditolak" in again.content.decode()  # a second click: a clear answer


def test_completions_before_the_link_are_listed_as_not_queued(mapped, completed_course, client):  # noqa: F811
    SiasnOutbox.objects.all().delete()
    summary = reconciliation_summary(instansi=mapped.instansi_a)
    assert _counts(mapped.instansi_a)["missing"] == 1
    assert summary["items"][0].summary == completed_course.course.title


def test_other_instansi_hr_gets_404(mapped, client_for):
    url = reverse("siasn:reconciliation", args=[mapped.instansi_a.code])
    assert client_for(mapped.hr_b.user).get(url).status_code == 404


@pytest.mark.parametrize("outboxes", [2, 12])
def test_page_queries_are_bounded(mapped, client_for, django_assert_max_num_queries, outboxes):
    for i in range(outboxes):
        SiasnOutbox.objects.create(
            key=f"uji:{i}", kind="skp22", asn=mapped.staff_a, instansi=mapped.instansi_a, summary=f"SKP {i}",
            status=SiasnOutbox.Status.REJECTED, last_error="ditolak", next_attempt_at="2026-01-01T00:00Z",
        )  # fmt: skip
    hr = client_for(mapped.hr_a.user)
    url = reverse("siasn:reconciliation", args=[mapped.instansi_a.code])
    with django_assert_max_num_queries(20):
        assert hr.get(url).status_code == 200
