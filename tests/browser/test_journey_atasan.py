"""The atasan's journey in Chromium, on the real demo data (``seed_demo``): ``atasan.dinkes``
approves the development plan ``asn.dinkes`` submitted, answers the 360° BerAKHLAK rating of him in
the running period, rates him on the result page and sees the predikat explained: the indicator
achievement against the thresholds and the applied cell of the predikat matrix.

One test per module: the transactional database is flushed after each test, so the demo seed
(about 20 s) is paid once per journey.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from competencies.models import DevelopmentPlan
from pamong import formats
from pamong.people.models import ASN
from performance.models import Evaluation, Period, Plan, RaterAssignment, RaterGroup
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Jambi2026!"


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, no_progress=True, asn=120, stdout=io.StringIO())


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def test_atasan_approves_a_plan_rates_a_subordinate_and_sees_the_predikat_explained(journey, demo):
    learner = ASN.objects.select_related("user").get(user__username="asn.dinkes")
    dev_plan = DevelopmentPlan.objects.get(asn=learner, status=DevelopmentPlan.Status.SUBMITTED)
    skp = Plan.objects.get(asn=learner, period__status=Period.Status.RUNNING)
    assignment = RaterAssignment.objects.get(plan=skp, group=RaterGroup.ATASAN)
    assert assignment.rater.user.username == "atasan.dinkes" and assignment.submitted_at is None
    assert not Evaluation.objects.filter(plan=skp).exists()
    page = journey.page

    sign_in(journey, "atasan.dinkes", PASSWORD)

    # 1. Competencies: the plan waiting for his decision, approved.
    journey.goto("/kompetensi/tim/")
    waiting = page.get_by_role("region", name="Rencana menunggu keputusan Anda")
    expect(waiting.get_by_role("link", name=learner.name)).to_be_visible()
    journey.key_page("rencana tim menunggu keputusan")
    waiting.get_by_role("link", name=learner.name).click()
    page.wait_for_url(re.compile(re.escape(dev_plan.get_absolute_url()) + "$"))
    journey.key_page("rencana pengembangan bawahan")
    page.get_by_role("button", name="Setujui rencana").click()
    expect(page.get_by_role("status").filter(has_text="Rencana disetujui.")).to_be_visible()
    journey.shot("rencana disetujui")
    dev_plan.refresh_from_db()
    assert dev_plan.status == DevelopmentPlan.Status.APPROVED

    # 2. Performance: the 360° rating of his subordinate in the running period.
    journey.goto("/kinerja/")
    tasks = page.get_by_role("region", name="Penilaian 360° yang menunggu Anda")
    expect(tasks.get_by_role("link", name=learner.name)).to_be_visible()
    journey.key_page("dasbor kinerja atasan")
    tasks.get_by_role("link", name=learner.name).click()
    page.wait_for_url(re.compile(reverse("performance:rating_form", args=[assignment.pk]) + "$"))
    values = page.locator("main form fieldset")
    count = values.count()
    assert count >= 7  # the seven BerAKHLAK values
    for i in range(count):
        values.nth(i).get_by_label("4", exact=True).check()
    journey.key_page("formulir penilaian 360")
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_role("status").filter(has_text="penilaian Anda tersimpan")).to_be_visible()
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None

    # 3. The result page: the system's proposal, confirmed by the atasan, and the predikat explained.
    journey.goto("/kinerja/")
    row = page.get_by_role("row").filter(has_text=learner.name)
    row.get_by_role("link", name="Nilai").click()
    page.wait_for_url(re.compile(reverse("performance:result", args=[skp.pk]) + "$"))
    expect(page.get_by_role("heading", name="Penilaian oleh atasan")).to_be_visible()
    journey.key_page("hasil sebelum dinilai")
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.get_by_role("status").filter(has_text="Penilaian disimpan.")).to_be_visible()

    evaluation = Evaluation.objects.get(plan=skp)
    predikat = evaluation.get_predikat_display()
    expect(page.get_by_role("heading", level=2, name=f"Predikat kinerja: {predikat}")).to_be_visible()
    expect(
        page.get_by_text(
            f"Hasil kerja {evaluation.get_hasil_kerja_display()} × perilaku kerja "
            f"{evaluation.get_perilaku_kerja_display()}."
        )
    ).to_be_visible()
    # The thresholds that turned the numbers into ratings are on the page.
    thresholds = evaluation.explanation["thresholds"]
    expect(
        page.get_by_text(
            re.compile(
                rf"Di atas ekspektasi bila capaian ≥ {re.escape(formats.percent(thresholds['hasil_di_atas_pct']))}"
            )
        )
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"Skor perilaku berbobot: [\d.,]+"))).to_be_visible()
    # Exactly one cell of the matrix is marked as applied: the row of the hasil kerja rating and
    # the column of the perilaku kerja rating, holding the predikat.
    cell = evaluation.explanation["cell"]
    assert (cell["hasil_kerja"], cell["perilaku_kerja"]) == (
        evaluation.hasil_kerja,
        evaluation.perilaku_kerja,
    )
    matrix = page.get_by_role("table", name=re.compile("Baris: hasil kerja"))
    applied = matrix.locator('[aria-current="true"]')
    expect(applied).to_have_count(1)
    expect(applied).to_contain_text(predikat)
    applied_row = matrix.get_by_role("row").filter(has=page.locator('[aria-current="true"]'))
    expect(applied_row.get_by_role("rowheader")).to_have_text(evaluation.get_hasil_kerja_display())
    journey.key_page("predikat dijelaskan")
    journey.assert_no_csp_violation()
