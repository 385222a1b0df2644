"""Every view against every role of ``world.users()``: allowed, denied (403), out of scope (404)."""

import pytest

from competencies.models import DevelopmentPlan

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "asn", "atasan", "hr_same", "hr_other", "bkpsdm", "humas", "admin"]


def _status(client_for, user, url, method="get", data=None):
    client = client_for(user)
    response = getattr(client, method)(url, data or {})
    return response.status_code


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("asn", 200),
        ("atasan", 200),
        ("hr_same", 200),
        ("hr_other", 200),
        ("bkpsdm", 200),
        ("humas", 403),
        ("admin", 403),
    ],
)
def test_profile_page(standards, client_for, role, expected):
    assert _status(client_for, standards.users()[role], "/kompetensi/") == expected


def test_profile_page_content(standards, client_for):
    response = client_for(standards.staff_a.user).get("/kompetensi/")
    html = response.content.decode()
    assert "<svg" in html and "<table" in html
    assert "Orientasi pada Hasil" in html
    assert html.count("<h1") == 1
    assert response.context["profile"].jpm == 42.9  # 100 × (2 + 1 + 0) / (2 + 3 + 2)
    assert "Kesesuaian jabatan (JPM): 42,9 % — Kurang memenuhi syarat" in html


@pytest.mark.parametrize(
    "role,own,other",
    [
        ("anonymous", 302, 302),
        ("asn", 200, 404),
        ("atasan", 200, 404),
        ("hr_same", 200, 404),
        ("hr_other", 404, 200),
        ("bkpsdm", 200, 200),
        ("humas", 404, 404),
        ("admin", 200, 200),
    ],
)
def test_plan_detail(submitted_plans, standards, client_for, role, own, other):
    user = standards.users()[role]
    assert _status(client_for, user, f"/kompetensi/rencana/{submitted_plans['a'].pk}/") == own
    assert _status(client_for, user, f"/kompetensi/rencana/{submitted_plans['b'].pk}/") == other


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("asn", 404),  # the owner cannot approve their own plan
        ("atasan", 302),
        ("hr_same", 302),
        ("hr_other", 404),
        ("bkpsdm", 302),
        ("humas", 404),
        ("admin", 302),
    ],
)
def test_approve_only_direct_atasan_or_hr(submitted_plans, standards, client_for, role, expected):
    plan = submitted_plans["a"]
    assert (
        _status(client_for, standards.users()[role], f"/kompetensi/rencana/{plan.pk}/setujui/", "post")
        == expected
    )
    plan.refresh_from_db()
    approved = expected == 302 and role != "anonymous"
    assert plan.status == (DevelopmentPlan.Status.APPROVED if approved else DevelopmentPlan.Status.SUBMITTED)


def test_second_level_atasan_and_colleague_get_404(submitted_plans, standards, client_for):
    plan = submitted_plans["a"]
    for user in (standards.kepala_a.user, standards.staff_a2.user):
        assert _status(client_for, user, f"/kompetensi/rencana/{plan.pk}/setujui/", "post") == 404
        assert (
            _status(client_for, user, f"/kompetensi/rencana/{plan.pk}/kembalikan/", "post", {"comment": "x"})
            == 404
        )
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.SUBMITTED


def test_return_needs_a_comment_then_owner_edits_and_resubmits(submitted_plans, standards, client_for):
    plan = submitted_plans["a"]
    client = client_for(standards.atasan_a.user)
    client.post(f"/kompetensi/rencana/{plan.pk}/kembalikan/", {"comment": ""})
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.SUBMITTED
    client.post(f"/kompetensi/rencana/{plan.pk}/kembalikan/", {"comment": "Tambahkan coaching."})
    plan.refresh_from_db()
    assert (plan.status, plan.return_comment) == (DevelopmentPlan.Status.RETURNED, "Tambahkan coaching.")
    owner = client_for(standards.staff_a.user)
    goal = plan.goals.first()
    owner.post(
        f"/kompetensi/sasaran/{goal.pk}/kegiatan/",
        {"kind": "coaching", "title": "Coaching mingguan", "jp": "4"},
    )
    assert goal.activities.filter(title="Coaching mingguan", jp=4).exists()
    owner.post(f"/kompetensi/rencana/{plan.pk}/ajukan/")
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.SUBMITTED


def test_owner_only_edits_own_plan(submitted_plans, standards, client_for):
    goal = submitted_plans["b"].goals.first()
    client = client_for(standards.staff_a.user)
    assert client.post(f"/kompetensi/sasaran/{goal.pk}/hapus/").status_code == 404
    assert client.post(f"/kompetensi/rencana/{submitted_plans['b'].pk}/ajukan/").status_code == 404


def test_create_plan_prefilled(standards, client_for):
    client = client_for(standards.staff_a.user)
    response = client.post("/kompetensi/rencana/buat/")
    assert response.status_code == 302
    plan = DevelopmentPlan.objects.get(asn=standards.staff_a)
    assert [g.competency.code for g in plan.goals.all()] == ["M.4", "M.5"]  # largest gap first


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("asn", 403),
        ("atasan", 200),
        ("hr_same", 200),
        ("hr_other", 200),
        ("bkpsdm", 200),
        ("humas", 403),
        ("admin", 200),
    ],
)
def test_team_page(submitted_plans, standards, client_for, role, expected):
    response = client_for(standards.users()[role]).get("/kompetensi/tim/")
    assert response.status_code == expected
    if role == "atasan":
        assert [p.asn_id for p in response.context["to_review"]] == [standards.staff_a.pk]
    if role == "hr_other":
        assert [p.asn_id for p in response.context["to_review"]] == [standards.staff_b.pk]


ADMIN_URLS = [
    "/admin/kompetensi/kesenjangan/",
    "/admin/kompetensi/kepatuhan-jp/",
    "/admin/kompetensi/impor-standar/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
@pytest.mark.parametrize(
    "role,allowed",
    [
        ("anonymous", False),
        ("asn", False),
        ("atasan", False),
        ("hr_same", True),
        ("hr_other", True),
        ("bkpsdm", True),
        ("humas", False),
        ("admin", True),
    ],
)
def test_admin_pages_by_role(standards, client_for, url, role, allowed):
    response = client_for(standards.users()[role]).get(url)
    # Wagtail answers users without admin access or without the HR role with a redirect.
    assert response.status_code == (200 if allowed else 302)


@pytest.mark.parametrize("url", ADMIN_URLS[:2])
def test_admin_reports_other_instansi_is_404(standards, client_for, url):
    client = client_for(standards.hr_b.user)
    assert client.get(url, {"instansi": standards.instansi_a.pk}).status_code == 404
    assert client.get(url, {"unit": standards.staff_a.unit_id}).status_code == 404
    assert client.get(url, {"instansi": standards.instansi_b.pk}).status_code == 200


def test_gap_report_scoped_and_csv(standards, client_for):
    response = client_for(standards.hr_a.user).get("/admin/kompetensi/kesenjangan/")
    names = {row.asn.name for row in response.context["below"]}
    assert "Staf A" in names and "Staf B" not in names
    csv_response = client_for(standards.bkpsdm.user).get("/admin/kompetensi/kesenjangan/", {"format": "csv"})
    csv_text = b"".join(csv_response.streaming_content).decode()
    assert "Staf A" in csv_text and "Staf B" in csv_text


@pytest.mark.parametrize("size", [1, 8])
def test_plan_and_team_pages_query_count_flat(standards, client_for, django_assert_max_num_queries, size):
    from competencies import services
    from tests.factories.learning import make_course
    from tests.factories.people import ASNFactory

    world = standards
    plan = services.plan_create(asn=world.staff_a, year=2026, suggest=False)
    for i in range(size):
        goal = services.goal_add(
            user=world.staff_a.user, plan=plan, competency=None, target_level=None, title=f"Sasaran {i}"
        )
        services.activity_add(
            user=world.staff_a.user, goal=goal, kind="course", course=make_course(modules=1, lessons=1)
        )
        services.activity_add(user=world.staff_a.user, goal=goal, kind="coaching", title="Coaching", jp=2)
        ASNFactory(jabatan=world.staff_a.jabatan, atasan=world.atasan_a)
    services.plan_submit(user=world.staff_a.user, plan=plan)
    client = client_for(world.atasan_a.user)
    client.get(f"/kompetensi/rencana/{plan.pk}/")  # warm the site-root cache used by page URLs
    with django_assert_max_num_queries(14):
        assert client.get(f"/kompetensi/rencana/{plan.pk}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/kompetensi/tim/").status_code == 200


OWNER_ONLY = [
    ("anonymous", 302),
    ("asn", 302),
    ("atasan", 404),
    ("hr_same", 404),
    ("hr_other", 404),
    ("bkpsdm", 404),
    ("humas", 403),
    ("admin", 403),
]


@pytest.mark.parametrize("role,expected", OWNER_ONLY)
def test_plan_editing_endpoints_owner_only(standards, client_for, role, expected):
    from competencies import services

    plan = services.plan_create(asn=standards.staff_a, year=2026)
    goal = plan.goals.first()
    client = client_for(standards.users()[role])
    assert (
        client.post(f"/kompetensi/rencana/{plan.pk}/sasaran/", {"title": "Sasaran baru"}).status_code
        == expected
    )
    assert (
        client.post(
            f"/kompetensi/sasaran/{goal.pk}/kegiatan/", {"kind": "coaching", "title": "C", "jp": "2"}
        ).status_code
        == expected
    )
    assert client.post(f"/kompetensi/rencana/{plan.pk}/ajukan/").status_code == expected
    changed = plan.goals.filter(title="Sasaran baru").exists()
    assert changed == (role == "asn")


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("asn", 404),
        ("atasan", 302),
        ("hr_same", 302),
        ("hr_other", 404),
        ("bkpsdm", 302),
        ("humas", 404),
        ("admin", 302),
    ],
)
def test_return_and_proposal_by_role(submitted_plans, standards, client_for, role, expected):
    from competencies.models import LevelProposal, TrainingEvidence
    from tests.factories.competencies import managerial
    from tests.factories.learning import make_course

    plan = submitted_plans["a"]
    client = client_for(standards.users()[role])
    assert (
        client.post(f"/kompetensi/rencana/{plan.pk}/kembalikan/", {"comment": "Perbaiki."}).status_code
        == expected
    )
    course = make_course(modules=1, lessons=1)
    evidence = TrainingEvidence.objects.create(
        asn=standards.staff_a,
        page_id=course.pk,
        course_id=course.pk,
        title=course.title,
        completed_at="2026-03-01T10:00+07:00",
    )
    proposal = LevelProposal.objects.create(
        asn=standards.staff_a, competency=managerial("M.3"), level=2, evidence=evidence
    )
    assert client.post(f"/kompetensi/usulan/{proposal.pk}/", {"decision": "confirm"}).status_code == expected
    proposal.refresh_from_db()
    assert (proposal.status == "confirmed") == (expected == 302 and role != "anonymous")


def test_gap_chart_svg_has_plain_numbers(standards, client_for):
    import re

    html = client_for(standards.staff_a.user).get("/kompetensi/").content.decode()
    start = html.index('<svg role="img" aria-labelledby="grafik-judul')  # the chart, not an icon
    svg = html[start : html.index("</svg>", start)]
    assert not re.search(r'="\d+,\d+"', svg)
    assert svg.count("<rect") == 3  # one bar per required competency


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("asn", 404),
        ("atasan", 302),
        ("hr_same", 302),
        ("hr_other", 404),
        ("bkpsdm", 302),
        ("humas", 404),
        ("admin", 302),
    ],
)
def test_atasan_review_of_a_level(submitted_plans, standards, client_for, role, expected):
    from competencies.models import Competency, CurrentLevel, LevelRecord

    plan = submitted_plans["a"]
    m5 = Competency.objects.get(code="M.5")
    response = client_for(standards.users()[role]).post(
        f"/kompetensi/rencana/{plan.pk}/penilaian/",
        {"competency": m5.pk, "level": 2, "note": "Observasi layanan"},
    )
    assert response.status_code == expected
    recorded = expected == 302 and role != "anonymous"
    assert (
        CurrentLevel.objects.filter(asn=standards.staff_a, competency=m5, level=2, source="atasan").exists()
        == recorded
    )
    assert LevelRecord.objects.filter(asn=standards.staff_a, competency=m5, source="atasan").count() == int(
        recorded
    )
