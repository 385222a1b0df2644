"""The worker's entry points: a new outbox row is sent by the task it enqueues; the nightly job
pulls, backfills, sends and reconciles."""

from pamong.siasn import receivers
from pamong.siasn.models import SiasnOutbox, SiasnPullRun
from pamong.siasn.reconcile import reconciliation_summary
from pamong.siasn.tasks import siasn_nightly

from .test_outbox import completed_course, finalise_result  # noqa: F401  (completed_course: a fixture)

REAL_SEND_SOON = receivers._send_soon  # the standin fixture replaces it; these tests want it


def test_a_finalised_result_enqueues_its_sending(
    mapped, standin, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(receivers, "_send_soon", REAL_SEND_SOON)
    with django_capture_on_commit_callbacks(execute=True):
        finalise_result(mapped)
    # the test settings run background tasks at once (ImmediateBackend)
    assert SiasnOutbox.objects.get().status == SiasnOutbox.Status.SENT
    assert len(standin.riwayat["skp22"]) == 1


def test_nightly_job_pulls_backfills_sends_and_reconciles(mapped, completed_course, standin):  # noqa: F811
    SiasnOutbox.objects.all().delete()  # as if the announcement had been lost
    standin.pns[mapped.staff_a.nip]["golRuangAkhir"] = "III/b"
    result = siasn_nightly.call()
    assert result["pulls"] == {"DINKES": SiasnPullRun.Status.APPLIED}
    assert result["recorded"] == 1 and result["sent"]["sent"] == 1
    mapped.staff_a.refresh_from_db()
    assert mapped.staff_a.golongan == "III/b"
    assert reconciliation_summary(instansi=mapped.instansi_a)["in_agreement"]
    again = siasn_nightly.call()
    assert again["pulls"] == {"DINKES": SiasnPullRun.Status.UNCHANGED} and again["recorded"] == 0
    assert len(standin.saves("kursus")) == 1
