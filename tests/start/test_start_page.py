"""The personal start page /saya/: sections per role, items linking where the person acts, urgency
order, empty states, the login redirect and the query budget at two data sizes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from competencies.models import DevelopmentPlan, LevelProposal, TrainingEvidence
from learning import services as learning_services
from learning.models import Enrolment
from pamong.home.editorial import editorial_section_setup, humas_workflow_ensure
from pamong.people.models import ASN
from pamong.people.roles import GROUP_HR_INSTANSI
from pamong.socialization import services as socialization_services
from pamong.start import selectors as start_selectors
from pamong.start.selectors import hr as hr_start
from performance.models import (
    CheckIn,
    FollowUpProposal,
    FollowUpRule,
    Objection,
    Period,
    Plan,
    RaterAssignment,
    RaterGroup,
)
from performance.selectors import skp_steps_for
from tests.factories import socialization as soc
from tests.factories.competencies import managerial
from tests.factories.learning import lessons_of, make_course
from tests.factories.people import ASNFactory, UserFactory
from tests.factories.performance import (
    PeriodFactory,
    PlanFactory,
    add_indicator,
    channel_for,
    final_evaluation,
    public_feedback,
)

URL = "/saya/"
PASSWORD = "rahasia-uji-123"  # tests.factories.people.UserFactory


def page_for(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def sections(html: str) -> list[str]:
    return re.findall(r'data-section="([^"]+)"', html)


def section_html(html: str, key: str) -> str:
    start = html.index(f'data-section="{key}"')
    end = html.find("data-section=", start + 1)
    return html[start : end if end != -1 else len(html)]


def groups(html: str, section: str) -> list[str]:
    """Group keys of ``section`` in page order."""
    return re.findall(r'data-group="([^"]+)"', section_html(html, section))


def group_html(html: str, section: str, key: str) -> str:
    part = section_html(html, section)
    start = part.index(f'data-group="{key}"')
    end = part.find("data-group=", start + 1)
    return part[start : end if end != -1 else len(part)]


def links(fragment: str) -> list[tuple[str, str]]:
    return [(href, text.strip()) for href, text in re.findall(r'<a href="([^"]+)">([^<]*)', fragment)]


# --- access and the login redirect ----------------------------------------------------------------


def test_anonymous_is_sent_to_login(db):
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"


def _login(client: Client, user, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD, **extra})


def test_login_without_next_lands_on_the_start_page(world):
    response = _login(Client(), world.staff_a.user)
    assert response.status_code == 302
    assert response["Location"] == URL


@pytest.mark.parametrize("next_url", ["/", "/?utm=x", ""])
def test_login_with_the_home_page_as_next_lands_on_the_start_page(world, next_url):
    response = _login(Client(), world.humas_editor, next=next_url)
    assert response["Location"] == URL


def test_login_with_next_goes_to_next(world):
    response = _login(Client(), world.staff_a.user, next="/kinerja/")
    assert response["Location"] == "/kinerja/"


def test_login_with_an_unsafe_next_lands_on_the_start_page(world):
    response = _login(Client(), world.staff_a.user, next="https://contoh.example/")
    assert response["Location"] == URL


def test_signed_in_visitor_of_the_login_page_goes_to_the_start_page(world):
    client = Client()
    client.force_login(world.atasan_a.user)
    response = client.get(reverse("login"))
    assert response.status_code == 302
    assert response["Location"] == URL


def test_header_has_beranda_saya_for_signed_in_users_only(world):
    assert f'<a href="{URL}">Beranda saya</a>' in page_for(world.staff_a.user)
    assert "Beranda saya" not in Client().get("/masuk/").content.decode()


# --- sections per role ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, expected",
    [
        ("asn", ["asn"]),
        ("atasan", ["asn", "atasan"]),
        ("hr_same", ["asn", "hr"]),
        ("bkpsdm", ["asn", "hr"]),
        ("humas", ["humas"]),
        ("admin", ["hr", "humas"]),
    ],
)
def test_every_role_sees_its_sections(world, role, expected):
    html = page_for(world.users()[role])
    assert sections(html) == expected
    if "asn" in expected:
        assert groups(html, "asn") and set(groups(html, "asn")) == {
            "kebijakan",
            "pelatihan",
            "jp",
            "skp",
            "360",
        }
    if "atasan" in expected:
        assert set(groups(html, "atasan")) == {
            "rencana",
            "usulan-level",
            "skp-bawahan",
            "dinilai",
            "keberatan",
        }
    if "hr" in expected:
        assert set(groups(html, "hr")) == {"tindak-lanjut", "keberatan-hr", "umpan-balik", "aktivasi"}


def test_hr_section_names_the_scope(world):
    assert "Kepegawaian Dinas Kesehatan" in page_for(world.hr_a.user)
    assert "Kepegawaian Dinas Lingkungan Hidup" in page_for(world.hr_b.user)
    assert "Kepegawaian seluruh instansi" in page_for(world.bkpsdm.user)


def test_humas_editor_and_moderator(world):
    editor, moderator = page_for(world.humas_editor), page_for(world.humas_moderator)
    assert groups(editor, "humas") == ["dikembalikan", "draf"]  # editors do not moderate
    assert set(groups(moderator, "humas")) == {"moderasi", "dikembalikan", "draf"}


def test_a_login_without_any_role_gets_a_sensible_page(world):
    html = page_for(UserFactory(username="tamu"))
    assert sections(html) == []
    assert "belum terhubung dengan data ASN" in html
    assert 'href="/pelatihan/"' in html


# --- empty states ---------------------------------------------------------------------------------


def test_empty_states_say_what_is_in_order(world):
    html = page_for(world.staff_a2.user)
    assert "Tidak ada pelatihan yang belum selesai." in group_html(html, "asn", "pelatihan")
    assert "Tidak ada penilaian 360° yang menunggu Anda." in group_html(html, "asn", "360")
    assert "Tidak ada langkah SKP yang perlu Anda kerjakan" in group_html(html, "asn", "skp")
    assert "Semua bab kebijakan sudah Anda baca dan konfirmasi." in group_html(html, "asn", "kebijakan")
    asn = section_html(html, "asn")
    assert "Yang sudah beres" in asn  # JP is a card (its status line); the other groups are in order
    assert asn.index('data-group="jp"') < asn.index("Yang sudah beres") < asn.index('data-group="pelatihan"')
    html = page_for(world.hr_a.user)
    assert "Semua sudah beres" in section_html(html, "hr")
    for key, text in [
        ("tindak-lanjut", "Tidak ada usulan penghargaan atau sanksi"),
        ("keberatan-hr", "Tidak ada keberatan yang belum diputuskan."),
        ("umpan-balik", "Tidak ada umpan balik masyarakat yang menunggu moderasi."),
        ("aktivasi", "Semua ASN aktif sudah mengaktifkan akunnya."),
    ]:
        assert text in group_html(html, "hr", key)
        assert not links(group_html(html, "hr", key))


# --- ASN items ------------------------------------------------------------------------------------


def test_policy_chapters_to_confirm_link_to_the_confirmation(world):
    index = soc.policy_index()
    first = soc.chapter(index=index, title="Pendahuluan")
    second = soc.chapter(index=index, title="Sanksi")
    user = world.staff_a.user
    socialization_services.acknowledgement_record(user=user, page=first)
    assert links(group_html(page_for(user), "asn", "kebijakan")) == [
        (second.url + "#konfirmasi", "Baca dan konfirmasi bab “Sanksi”")
    ]
    # The first chapter changes enough to ask again: it is back, as a reconfirmation.
    type(first).objects.filter(pk=first.pk).update(ack_valid_from=timezone.now() + dt.timedelta(seconds=5))
    found = links(group_html(page_for(user), "asn", "kebijakan"))
    assert (first.url + "#konfirmasi", "Konfirmasi ulang bab “Pendahuluan”") in found
    # another person's confirmations never count for staff_a2
    assert "Semua bab kebijakan" not in group_html(page_for(world.staff_a2.user), "asn", "kebijakan")


def test_courses_link_to_the_next_lesson_with_their_due_date_most_urgent_first(world):
    user = world.staff_a.user
    later = make_course(title="Kursus Nanti", modules=1, lessons=2)
    overdue = make_course(title="Kursus Terlambat", modules=1, lessons=2)
    undated = make_course(title="Kursus Bebas", modules=1, lessons=2)
    today = timezone.localdate()
    for course, due in ((later, today + dt.timedelta(days=40)), (overdue, today + dt.timedelta(days=1))):
        learning_services.enrolment_assign_bulk(
            user=world.hr_a.user, course=course, due_date=due, unit_id=world.staff_a.unit_id
        )
    Enrolment.objects.filter(course=overdue).update(due_date=today - dt.timedelta(days=3))
    learning_services.enrolment_self_create(user=user, course=undated)
    learning_services.lesson_mark_complete(user=user, lesson=lessons_of(later)[0])

    group = group_html(page_for(user), "asn", "pelatihan")
    assert links(group) == [
        (lessons_of(overdue)[0].url, "Mulai “Kursus Terlambat”"),
        (lessons_of(later)[1].url, "Lanjutkan “Kursus Nanti” (50 %)"),
        (lessons_of(undated)[0].url, "Mulai “Kursus Bebas”"),
    ]
    assert "Terlambat" in group and (today - dt.timedelta(days=3)).strftime("%Y") in group
    # The overdue course makes the course group the first of the section.
    assert groups(page_for(user), "asn")[0] == "pelatihan"


def test_jp_against_20_for_pns_and_without_target_for_pppk(world):
    course = make_course(title="Kursus JP", modules=1, lessons=1, jp=6)
    pppk = ASNFactory(
        jabatan=world.staff_a.jabatan,
        employment_type=ASN.EmploymentType.PPPK,
        golongan="IX",
        name="Pegawai PPPK",
    )
    for asn in (world.staff_a, pppk):
        learning_services.enrolment_self_create(user=asn.user, course=course)
        learning_services.lesson_mark_complete(user=asn.user, lesson=lessons_of(course)[0])

    pns = group_html(page_for(world.staff_a.user), "asn", "jp")
    assert "6 dari minimal 20 JP" in pns
    assert ("/pelatihan/", "Cari pelatihan untuk 14 JP yang masih kurang") in links(pns)
    contract = group_html(page_for(pppk.user), "asn", "jp")
    assert "6 JP pengembangan kompetensi tercatat" in contract
    assert "dari minimal" not in contract and not links(contract)
    assert "berlaku untuk PNS" in contract


def test_jp_target_met(world):
    course = make_course(modules=1, lessons=1, jp=20)
    learning_services.enrolment_self_create(user=world.staff_a.user, course=course)
    learning_services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons_of(course)[0])
    group = group_html(page_for(world.staff_a.user), "asn", "jp")
    assert "20 dari minimal 20 JP" in group and "Minimal 20 JP tahun ini sudah terpenuhi." in group


def test_skp_steps(world):
    today = timezone.localdate()
    period = PeriodFactory(year=today.year, status=Period.Status.RUNNING)
    # staff_a2 has no SKP yet; staff_a's is a draft; atasan_a's is agreed with a check-in due
    html = page_for(world.staff_a2.user)
    assert links(group_html(html, "asn", "skp")) == [("/kinerja/", f"Susun SKP {period.name}")]
    draft = PlanFactory(asn=world.staff_a, period=period, status=Plan.Status.DRAFT)
    assert links(group_html(page_for(world.staff_a.user), "asn", "skp")) == [
        (
            reverse("performance:plan_detail", args=[draft.pk]),
            f"Lengkapi SKP {period.name} dan sepakati dengan atasan",
        )
    ]
    agreed = PlanFactory(asn=world.atasan_a, period=period)
    add_indicator(agreed)
    add_indicator(agreed)
    first = CheckIn.objects.filter(period=period).order_by("due_on").first()
    group = group_html(page_for(world.atasan_a.user), "asn", "skp")
    assert links(group) == [
        (
            reverse("performance:plan_detail", args=[agreed.pk]),
            f"Isi realisasi {first.label}: 2 indikator (SKP {period.name})",
        )
    ]
    assert ("Terlambat" in group) == (first.due_on < today)


def test_skp_steps_pick_the_overdue_or_next_check_in(world):
    period = PeriodFactory(year=2026, status=Period.Status.RUNNING)
    plan = PlanFactory(asn=world.staff_a, period=period)
    pi = add_indicator(plan)
    checkins = list(CheckIn.objects.filter(period=period).order_by("due_on"))
    assert len(checkins) == 4
    before_first = checkins[0].due_on - dt.timedelta(days=1)
    steps = skp_steps_for(asn_id=world.staff_a.pk, instansi_id=world.staff_a.instansi_id, today=before_first)
    assert [(s.kind, s.checkin_label, s.missing) for s in steps] == [("realisation", checkins[0].label, 1)]
    # The first check-in is done; before the second is due, the second is next.
    pi.realisations.create(checkin=checkins[0], value=10)
    steps = skp_steps_for(
        asn_id=world.staff_a.pk,
        instansi_id=world.staff_a.instansi_id,
        today=checkins[0].due_on + dt.timedelta(days=1),
    )
    assert [s.checkin_label for s in steps] == [checkins[1].label]
    # Nothing due yet after a realised check-in that is still ahead: no step.
    pi.realisations.create(checkin=checkins[1], value=20)
    steps = skp_steps_for(asn_id=world.staff_a.pk, instansi_id=world.staff_a.instansi_id, today=before_first)
    assert steps == []
    # Another instansi's period is not this person's.
    other = PeriodFactory(year=2027, instansi=world.instansi_b, status=Period.Status.PLANNING)
    assert other.pk not in [
        s.period.pk
        for s in skp_steps_for(
            asn_id=world.staff_a.pk, instansi_id=world.staff_a.instansi_id, today=before_first
        )
    ]


def test_360_ratings_to_give(world):
    period = PeriodFactory(year=2026)
    plan = PlanFactory(asn=world.staff_a2, period=period)
    task = RaterAssignment.objects.create(plan=plan, rater=world.staff_a, group=RaterGroup.PEER)
    assert links(group_html(page_for(world.staff_a.user), "asn", "360")) == [
        (reverse("performance:rating_form", args=[task.pk]), "Beri penilaian perilaku kerja untuk Staf A Dua")
    ]
    task.submitted_at = timezone.now()
    task.save()
    assert not links(group_html(page_for(world.staff_a.user), "asn", "360"))


# --- atasan items ---------------------------------------------------------------------------------


def test_atasan_items_link_where_the_atasan_acts(world):
    year = timezone.localdate().year
    dplan = DevelopmentPlan.objects.create(
        asn=world.staff_a, year=year, status=DevelopmentPlan.Status.SUBMITTED, submitted_at=timezone.now()
    )
    course = make_course(modules=1, lessons=1)
    evidence = TrainingEvidence.objects.create(
        asn=world.staff_a,
        page_id=course.pk,
        course_id=course.pk,
        title=course.title,
        completed_at=timezone.now(),
    )
    LevelProposal.objects.create(asn=world.staff_a2, competency=managerial("M.4"), level=3, evidence=evidence)
    running = PeriodFactory(year=year, status=Period.Status.RUNNING)
    draft = PlanFactory(asn=world.staff_a, period=running, status=Plan.Status.DRAFT)
    evaluation_period = PeriodFactory(year=year - 1, status=Period.Status.EVALUATION)
    to_rate = PlanFactory(asn=world.staff_a2, period=evaluation_period)
    rated = PlanFactory(asn=world.staff_a, period=evaluation_period)
    final_evaluation(rated)
    objection = Objection.objects.create(
        evaluation=rated.evaluation, filed_by=world.staff_a.user, reason="Keberatan.", decider=world.kepala_a
    )

    html = page_for(world.atasan_a.user)
    assert links(group_html(html, "atasan", "rencana")) == [
        (dplan.get_absolute_url(), f"Tinjau rencana pengembangan Staf A ({year})")
    ]
    assert links(group_html(html, "atasan", "usulan-level")) == [
        (
            reverse("competencies:team"),
            "Putuskan usulan level 3 " + managerial("M.4").name + " untuk Staf A Dua",
        )
    ]
    assert links(group_html(html, "atasan", "skp-bawahan")) == [
        (draft.get_absolute_url(), f"Sepakati SKP Staf A ({running.name})")
    ]
    assert links(group_html(html, "atasan", "dinilai")) == [
        (
            reverse("performance:result", args=[to_rate.pk]),
            f"Nilai kinerja Staf A Dua ({evaluation_period.name})",
        )
    ]  # staff_a's result is final: not listed
    assert not links(group_html(html, "atasan", "keberatan"))  # decided by kepala_a
    kepala = page_for(world.kepala_a.user)
    assert links(group_html(kepala, "atasan", "keberatan")) == [
        (objection.get_absolute_url(), "Putuskan keberatan Staf A")
    ]
    # Groups with work come before the groups in order; overdue ratings (period ended) first.
    order = groups(html, "atasan")
    assert order[0] == "dinilai" and order[-1] == "keberatan"


# --- HR items -------------------------------------------------------------------------------------


def _hr_world(world):
    period = PeriodFactory(year=2025, status=Period.Status.CLOSED)
    rule = FollowUpRule.objects.filter(consequence="certificate").first()
    for asn in (world.staff_a, world.staff_a2, world.staff_b):
        FollowUpProposal.objects.create(period=period, asn=asn, rule=rule, basis="Predikat sangat baik")
    plan = PlanFactory(asn=world.staff_b, period=period)
    Objection.objects.create(
        evaluation=final_evaluation(plan), filed_by=world.staff_b.user, reason="Keberatan.", decider=None
    )
    public_feedback(channel_for(world.staff_a.unit), asn=world.staff_a, approved=False)
    for asn in (world.staff_a2,):
        type(asn.user).objects.filter(pk=asn.user_id).update(password=UNUSABLE_PASSWORD_PREFIX + "x")
    return period


def test_hr_items_are_scoped_to_the_instansi(world):
    period = _hr_world(world)
    html = page_for(world.hr_a.user)
    assert links(group_html(html, "hr", "tindak-lanjut")) == [
        (
            reverse("performance:proposal_list", args=[period.pk]),
            f"Putuskan 2 usulan penghargaan/sanksi ({period.name})",
        )
    ]
    assert not links(group_html(html, "hr", "keberatan-hr"))  # staff_b's objection is instansi B's
    assert links(group_html(html, "hr", "umpan-balik")) == [
        (reverse("performance:moderation"), "Moderasi 1 umpan balik masyarakat")
    ]
    assert "1 ASN belum mengaktifkan akun" in group_html(html, "hr", "aktivasi")

    other = page_for(world.hr_b.user)
    assert "Putuskan 1 usulan" in other and "Pantau 1 keberatan" in other
    assert "Moderasi" not in other and "belum mengaktifkan akun" not in other
    province = page_for(world.bkpsdm.user)
    assert "Putuskan 3 usulan" in province and "Pantau 1 keberatan" in province


def test_activation_item_links_to_the_letters_when_that_action_exists(world, monkeypatch):
    _hr_world(world)
    real = start_selectors.url_or_empty
    letters = "/pegawai/surat-aktivasi/"
    monkeypatch.setattr(
        hr_start,
        "url_or_empty",
        lambda name, *args: letters if name == "people:activation_letters" else real(name, *args),
    )
    group = group_html(page_for(world.hr_a.user), "hr", "aktivasi")
    assert links(group) == [(letters, "1 ASN belum mengaktifkan akun: cetak surat aktivasi")]
    monkeypatch.setattr(
        hr_start,
        "url_or_empty",
        lambda name, *args: "" if name == "people:activation_letters" else real(name, *args),
    )
    group = group_html(page_for(world.hr_a.user), "hr", "aktivasi")
    assert "1 ASN belum mengaktifkan akun" in group and not links(group)


def test_url_or_empty_never_raises(db):
    assert start_selectors.url_or_empty("start:home") == URL
    assert start_selectors.url_or_empty("tidak:ada") == ""
    assert start_selectors.url_or_empty("performance:rating_form", 7) == "/kinerja/360/7/"


def test_an_asn_who_signed_in_once_is_activated(world):
    _hr_world(world)
    type(world.staff_a2.user).objects.filter(pk=world.staff_a2.user_id).update(last_login=timezone.now())
    assert "Semua ASN aktif sudah mengaktifkan akunnya." in page_for(world.hr_a.user)


# --- humas items ----------------------------------------------------------------------------------


def test_humas_moderation_returned_pages_and_drafts(world):
    index = soc.policy_index()
    editorial_section_setup(page=index)
    workflow = humas_workflow_ensure()
    submitted = soc.chapter(index=index, title="Bab Diajukan")
    returned = soc.chapter(index=index, title="Bab Dikembalikan")
    draft = soc.chapter(index=index, title="Bab Draf")
    editor, moderator = world.humas_editor, world.humas_moderator
    for page in (submitted, returned, draft):
        page.save_revision(user=editor)
    workflow.start(submitted, editor)
    workflow.start(returned, editor)
    state = WorkflowState.objects.get(object_id=str(returned.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    state.current_task_state.reject(user=moderator)

    edit = lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk])  # noqa: E731
    html = page_for(moderator)
    assert links(group_html(html, "humas", "moderasi")) == [(edit(submitted), "Tinjau “Bab Diajukan”")]
    html = page_for(editor)
    assert links(group_html(html, "humas", "dikembalikan")) == [
        (edit(returned), "Perbaiki “Bab Dikembalikan”")
    ]
    assert links(group_html(html, "humas", "draf")) == [(edit(draft), "Lanjutkan draf “Bab Draf”")]
    # the moderator's own lists stay empty: they edited nothing
    assert not links(group_html(page_for(moderator), "humas", "draf"))


# --- urgency --------------------------------------------------------------------------------------


def test_item_and_group_rank():
    today = dt.date(2026, 6, 1)
    overdue = start_selectors.Item(text="a", url="/", due=today - dt.timedelta(days=1), overdue=True)
    soon = start_selectors.Item(text="b", url="/", due=today + dt.timedelta(days=2))
    later = start_selectors.Item(text="c", url="/", due=today + dt.timedelta(days=60))
    waiting_long = start_selectors.Item(text="d", url="/", since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    waiting_short = start_selectors.Item(text="e", url="/", since=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    undated = start_selectors.Item(text="f", url="/")
    items = [undated, waiting_short, later, soon, waiting_long, overdue]
    assert [i.text for i in sorted(items, key=lambda i: i.rank)] == ["a", "b", "c", "d", "e", "f"]

    def group(key, *items):
        return start_selectors.Group(key=key, title=key, items=list(items), empty="")

    section = start_selectors.Section(
        key="s",
        title="s",
        groups=[
            group("kosong"),
            group("tanpa-tanggal", undated),
            group("terlambat", overdue),
            group("segera", soon),
        ],
    )
    assert [g.key for g in section.ordered_groups] == ["terlambat", "segera", "tanpa-tanggal", "kosong"]


# --- query budget ---------------------------------------------------------------------------------

SMALL, LARGE = 1, 12
#: Measured on SQLite for a person who is ASN, atasan and HR instansi at once (25), + 3 slack.
BUDGET = 25 + 3
#: Measured for the administrator (HR of every instansi and humas moderator: 14), + 3 slack.
ADMIN_BUDGET = 14 + 3


def _busy_world(world, n: int, *, prefix: str = "a") -> None:
    """``n`` more of everything for atasan_a, who is also made HR of instansi A."""
    world.atasan_a.user.groups.add(Group.objects.get(name=GROUP_HR_INSTANSI))
    index = soc.policy_index()
    for i in range(n):
        soc.chapter(index=index, title=f"Bab {prefix} {i}")
    for i in range(min(n, 3)):  # courses are expensive to build; the outline query is one whatever
        course = make_course(title=f"Kursus {prefix} {i}", modules=2, lessons=2)
        learning_services.enrolment_self_create(user=world.atasan_a.user, course=course)
    year = timezone.localdate().year
    running = PeriodFactory(year=year, status=Period.Status.RUNNING)
    own = Plan.objects.filter(asn=world.atasan_a, period=running).first() or PlanFactory(
        asn=world.atasan_a, period=running
    )
    for _ in range(n):
        add_indicator(own)
    evaluation_period = PeriodFactory(year=year - 1, status=Period.Status.EVALUATION)
    rule = FollowUpRule.objects.filter(consequence="certificate").first()
    channel = channel_for(world.staff_a.unit)
    for i in range(n):
        staff = ASNFactory(jabatan=world.staff_a.jabatan, atasan=world.atasan_a, name=f"Staf {prefix} {i}")
        PlanFactory(asn=staff, period=running, status=Plan.Status.DRAFT)
        plan = PlanFactory(asn=staff, period=evaluation_period)
        RaterAssignment.objects.create(plan=plan, rater=world.atasan_a, group=RaterGroup.PEER)
        DevelopmentPlan.objects.create(
            asn=staff, year=year, status=DevelopmentPlan.Status.SUBMITTED, submitted_at=timezone.now()
        )
        FollowUpProposal.objects.create(period=evaluation_period, asn=staff, rule=rule, basis="Dasar")
        public_feedback(channel, asn=staff, approved=False)


@pytest.mark.parametrize("n", [SMALL, LARGE])
def test_query_budget(world, n, django_assert_max_num_queries):
    _busy_world(world, n)
    client = Client()
    client.force_login(world.atasan_a.user)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(URL)
    assert response.status_code == 200
    assert sections(response.content.decode()) == ["asn", "atasan", "hr"]


def test_query_count_is_flat(world):
    counts = []
    for n, prefix in ((SMALL, "a"), (LARGE - SMALL, "b")):  # the second call adds: SMALL, then LARGE
        _busy_world(world, n, prefix=prefix)
        client = Client()
        client.force_login(world.atasan_a.user)
        cache.clear()  # each size measured cold: the bell and the scope are cached per person
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= BUDGET


def _editorial_queue(world, n: int, *, prefix: str) -> None:
    """``n`` pages submitted to moderation and ``n`` drafts, all by the humas editor but saved as
    the administrator's drafts too, so every humas group of the administrator has rows."""
    index = soc.policy_index()
    editorial_section_setup(page=index)
    workflow = humas_workflow_ensure()
    for i in range(n):
        submitted = soc.chapter(index=index, title=f"Diajukan {prefix} {i}")
        submitted.save_revision(user=world.humas_editor)
        workflow.start(submitted, world.humas_editor)
        soc.chapter(index=index, title=f"Draf {prefix} {i}").save_revision(user=world.admin)
    _hr_world_rows(world, n, prefix=prefix)


def _hr_world_rows(world, n: int, *, prefix: str) -> None:
    period = PeriodFactory(year=2025, status=Period.Status.CLOSED)
    rule = FollowUpRule.objects.filter(consequence="certificate").first()
    channel = channel_for(world.staff_b.unit)
    for i in range(n):
        staff = ASNFactory(jabatan=world.staff_b.jabatan, name=f"Pegawai {prefix} {i}")
        FollowUpProposal.objects.create(period=period, asn=staff, rule=rule, basis="Dasar")
        public_feedback(channel, asn=staff, approved=False)


@pytest.mark.parametrize("n", [SMALL, LARGE])
def test_admin_query_budget(world, n, django_assert_max_num_queries):
    _editorial_queue(world, n, prefix="a")
    client = Client()
    client.force_login(world.admin)
    with django_assert_max_num_queries(ADMIN_BUDGET):
        response = client.get(URL)
    html = response.content.decode()
    assert sections(html) == ["hr", "humas"]
    assert len(links(group_html(html, "humas", "moderasi"))) == min(n, start_selectors.LIMIT) + (
        1 if n > start_selectors.LIMIT else 0  # "Lihat semua"
    )


def test_admin_query_count_is_flat(world):
    counts = []
    for n, prefix in ((SMALL, "a"), (LARGE - SMALL, "b")):
        _editorial_queue(world, n, prefix=prefix)
        client = Client()
        client.force_login(world.admin)
        cache.clear()  # each size measured cold: the bell and the scope are cached per person
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= ADMIN_BUDGET
