"""The permission matrix: every URL pattern of the project × every role, against an explicit table.

A URL pattern that is not in ``MATRIX`` (nor deliberately skipped in ``SKIPPED_*``) fails
``test_every_url_pattern_is_in_the_matrix`` with its name: adding a view means deciding, here, who
may open it. Objects named in URLs belong to instansi A (DINKES, ``world.staff_a``'s), so the HR of
instansi B (``hr_other``) must get 404 wherever the view is scoped.

Reading a row: ``"302 200 200 200 200 200 403 403"`` gives the status for the roles in ``ROLES``
order (anonymous, asn, atasan, hr_same, hr_other, bkpsdm, humas, admin). POST rows post an empty
form (the CSRF token is not checked here: tests/security/test_csrf.py does that).

To extend: add the pattern's key (``namespace:name``) with its method and row here and, when it
takes arguments, a line in ``url_for`` (tests/security/targets.py) building its URL from the
``objects`` fixture (tests/security/conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from tests.security.targets import url_for
from tests.security.urlwalk import iter_routes

ROLES = ("anonymous", "asn", "atasan", "hr_same", "hr_other", "bkpsdm", "humas", "admin")


@dataclass(frozen=True)
class Case:
    method: str
    statuses: str  # eight statuses, ROLES order

    def expected(self) -> dict[str, int]:
        codes = [int(c) for c in self.statuses.split()]
        assert len(codes) == len(ROLES), f"row needs {len(ROLES)} statuses: {self.statuses!r}"
        return dict(zip(ROLES, codes, strict=True))


def get(statuses: str) -> Case:
    return Case("get", statuses)


def post(statuses: str) -> Case:
    return Case("post", statuses)


# Frequent rows (anonymous first).
PUBLIC = "200 200 200 200 200 200 200 200"
ANY_LOGIN = "302 200 200 200 200 200 200 200"
ASN_ONLY = "302 200 200 200 200 200 403 403"  # people with an ASN record (humas and admin have none)
HR_ONLY = "302 403 403 200 200 200 403 200"
SCOPED_A = "302 200 200 200 404 200 404 200"  # staff_a's own object: HR of B and humas see nothing
OWNER = "302 302 404 404 404 404 403 403"  # only staff_a changes their own plan (others: 404)
REVIEWER = "302 404 302 302 404 302 404 302"
API_LOGIN = "401 200 200 200 200 200 200 200"  # the API answers 401, not a redirect
API_SCOPED_A = "401 200 200 200 404 200 404 200"  # the direct atasan or HR of the instansi decide

MATRIX: dict[str, Case] = {
    # --- site -----------------------------------------------------------------------------------
    "healthz": get(PUBLIC),
    "login": get("200 302 302 302 302 302 302 302"),  # signed-in users are sent on
    "logout": post("302 302 302 302 302 302 302 302"),
    "api_token_revoke": post("302 302 302 302 302 302 302 302"),  # to the login / back to "Akun saya"
    "language_choose": get("302 302 302 302 302 302 302 302"),
    # single sign-on is off in the test settings: both answer 404 (tests/sso switches it on)
    "sso:start": get("404 404 404 404 404 404 404 404"),
    "sso:callback": get("404 404 404 404 404 404 404 404"),
    "wagtaildocs_serve": get("404 404 404 404 404 404 404 404"),  # no such document
    "wagtaildocs_authenticate_with_password": get("404 404 404 404 404 404 404 404"),
    "wagtailcore_authenticate_with_password": get("404 404 404 404 404 404 404 404"),
    "wagtailcore_login": get(PUBLIC),
    # --- Wagtail admin: representatives (the rest is Wagtail's own, see SKIPPED) -----------------
    "wagtailadmin_login": get("200 200 200 302 302 302 302 302"),  # no admin access: the form again
    "wagtailadmin_home": get("302 302 302 200 200 200 200 200"),  # no admin access → login page
    "wagtailadmin_explore_root": get("302 302 302 302 302 302 302 200"),  # humas: sent to their section
    "wagtailadmin_pages:edit": get("302 302 302 302 302 302 200 200"),
    "wagtailusers_users:index": get("302 302 302 302 302 302 302 200"),
    # a quiz's item analysis: course authors (humas, administrator); others back to the admin / login
    "learning_item_analysis": get("302 302 302 302 302 302 200 200"),
    # --- start page -----------------------------------------------------------------------------
    "start:home": get(ANY_LOGIN),  # every signed-in person, with or without an ASN record
    # --- notifications: everyone their own; a notification of staff_a opens for staff_a only -----
    "notifications:inbox": get(ANY_LOGIN),
    "notifications:preferences": get(ANY_LOGIN),
    "notifications:mark_all_read": post("302 302 302 302 302 302 302 302"),
    "notifications:open": post("302 302 404 404 404 404 404 404"),
    "notifications:mark_read": post("302 302 404 404 404 404 404 404"),
    # --- people ---------------------------------------------------------------------------------
    "people:account": get(ANY_LOGIN),
    "people:asn_list": get("302 403 200 200 200 200 403 200"),
    "people:asn_detail": get("302 404 200 200 404 200 404 200"),  # staff_a2: a colleague, not self
    "people:password_change": get(ANY_LOGIN),
    # getting in: open to everyone (the confirm rows carry a token that does not verify)
    "people:activation": get(PUBLIC),
    "people:activation_sent": get(PUBLIC),
    "people:activation_code": get(PUBLIC),
    "people:activation_complete": get(PUBLIC),
    "people:activation_confirm": get(PUBLIC),
    "people:password_reset": get(PUBLIC),
    "people:password_reset_done": get(PUBLIC),
    "people:password_reset_confirm": get(PUBLIC),
    "people:password_reset_complete": get(PUBLIC),
    # activation letters: HR of the instansi (A), BKPSDM and the administrator
    "people:activation_letters_index": get(HR_ONLY),
    "people:activation_letters": get("302 403 403 200 404 200 403 200"),
    # --- socialization --------------------------------------------------------------------------
    "socialization:search": get(PUBLIC),
    "socialization:topic": get(PUBLIC),
    "socialization:acknowledge": post("302 302 302 302 302 302 403 403"),
    # --- learning -------------------------------------------------------------------------------
    "learning:dashboard": get(ASN_ONLY),
    "learning:enrol": post("302 302 302 302 302 302 403 403"),
    "learning:lesson_complete": post("302 302 302 302 302 302 403 403"),  # not enrolled: back with a message
    "learning:attempt_start": post("302 302 302 302 302 302 403 403"),
    "learning:attempt": get("302 200 404 404 404 404 404 404"),
    # SCORM and video lessons: only the enrolled learner (staff_a); other ASN 404, no ASN record 403
    "learning:scorm_file": get("302 200 404 404 404 404 403 403"),
    "learning:scorm_commit": post("302 400 404 404 404 404 403 403"),  # empty commit: refused, 400
    "learning:video_file": get("302 200 404 404 404 404 403 403"),
    "learning:video_captions": get("302 200 404 404 404 404 403 403"),
    "learning:video_start": post("302 200 404 404 404 404 403 403"),
    "learning:video_progress": post("302 400 404 404 404 404 403 403"),  # empty report: refused, 400
    "learning:assign": get(HR_ONLY),
    "learning:xapi_export": get(HR_ONLY),
    "learning:xapi_mine": get(ASN_ONLY),  # everyone with an ASN record: their own records only
    "learning:xapi_activity": get("302 302 302 302 302 302 302 302"),  # an xAPI IRI: on to its page
    "learning:certificate_pdf": get("302 200 200 200 404 200 404 200"),
    "learning:certificate_verify": get(PUBLIC),
    "learning:certificate_revoke": post("302 403 403 302 404 302 403 302"),
    "learning:module": get("302 200 302 302 302 302 302 302"),  # enrolled learners; others to the course
    "learning:lesson": get("302 200 302 302 302 302 302 302"),
    # sessions: staff_a is registered; the trainer is atasan_a (BKPSDM and the administrator may
    # also take attendance); atasan and HR follow registrations in their scope
    "learning:session_list": get(ASN_ONLY),
    "learning:session_report": get("302 403 200 200 200 200 403 200"),
    "learning:session_register": post("302 302 302 302 302 302 403 403"),
    "learning:session_cancel": post("302 302 404 404 404 404 403 403"),
    "learning:session_ticket": get("302 200 404 404 404 404 403 403"),
    "learning:session_attendance": get("302 403 200 403 403 200 403 200"),
    "learning:session_participants": get("302 403 200 403 403 200 403 200"),
    # outside learning: staff_a's record with its certificate; HR of instansi A decides
    "learning:outside_list": get(ASN_ONLY),
    "learning:outside_proof": get("302 200 404 200 404 200 404 200"),
    "learning:outside_queue": get(HR_ONLY),
    "learning:outside_decide": post("302 403 403 302 404 302 403 302"),
    "learning:outside_import": get(HR_ONLY),
    # --- performance ----------------------------------------------------------------------------
    "performance:dashboard": get(ANY_LOGIN),
    "performance:plan_create": post("302 302 302 302 302 302 403 403"),
    "performance:plan_detail": get(SCOPED_A),
    "performance:plan_add_indicator": post("302 302 302 403 404 403 404 302"),
    "performance:plan_agree": post("302 403 302 403 404 403 404 302"),
    "performance:realisation_record": post("302 302 302 403 404 403 404 302"),
    "performance:comment_add": post("302 403 302 403 404 403 404 302"),
    "performance:raters": get("302 403 200 200 404 200 404 200"),
    # the periodic assessment: read by whoever sees the SKP; given only by the plan's atasan (an
    # empty form: back to the page with a message), never by the ASN, HR or the administrator
    "performance:plan_periodic": get(SCOPED_A),
    "performance:plan_periodic_assess": post("302 403 302 403 404 403 404 403"),
    "performance:result": get(SCOPED_A),
    "performance:result_json": get(SCOPED_A),
    "performance:result_finalise": post("302 403 302 302 404 302 404 302"),  # HR may override (issue 15)
    "performance:objection_file": post("302 302 403 403 404 403 404 403"),
    "performance:evidence_download": get(SCOPED_A),
    "performance:rating_tasks": get(ASN_ONLY),
    "performance:rating_form": get("302 200 404 404 404 404 404 404"),
    "performance:objection_list": get(ANY_LOGIN),
    "performance:objection_detail": get(
        "302 200 404 200 404 200 404 200"
    ),  # decided by kepala_a, not the atasan
    "performance:period_list": get(HR_ONLY),
    "performance:period_detail": get(HR_ONLY),
    "performance:period_results_csv": get(HR_ONLY),
    "performance:proposal_list": get(HR_ONLY),
    "performance:proposal_decide": post("302 403 403 302 404 302 403 302"),
    "performance:certificate_download": get("302 200 404 200 404 200 404 200"),
    "performance:verify": get(PUBLIC),
    "performance:verify_code": get(PUBLIC),
    "performance:audit_log": get(HR_ONLY),
    "performance:moderation": get(HR_ONLY),
    "performance:moderate": post("302 403 403 302 404 302 403 302"),
    "performance:channel_print": get("302 403 403 200 404 200 403 200"),
    "performance:public_feedback": get(PUBLIC),
    "performance:public_feedback_thanks": get(PUBLIC),
    "performance:org_predikat_set": post("302 403 403 404 404 404 403 404"),  # a province-wide period
    # --- competencies ---------------------------------------------------------------------------
    "competencies:profile": get(ASN_ONLY),
    "competencies:team": get("302 403 200 200 200 200 403 200"),
    "competencies:plan_detail": get(SCOPED_A),
    "competencies:plan_new": post("302 302 302 302 302 302 403 403"),
    "competencies:goal_new": post(OWNER),
    "competencies:goal_delete": post(OWNER),
    "competencies:activity_new": post(OWNER),
    "competencies:activity_delete": post(OWNER),
    "competencies:activity_done": post(OWNER),
    "competencies:plan_submit": post(OWNER),
    "competencies:plan_approve": post(REVIEWER),
    "competencies:plan_return": post(REVIEWER),
    "competencies:level_review": post(REVIEWER),
    "competencies:proposal_decide": post(REVIEWER),
    # --- HR views -------------------------------------------------------------------------------
    "hr:dashboard": get(HR_ONLY),
    "hr:dashboard_export": get(HR_ONLY),
    "hr:talent": get(HR_ONLY),
    "hr:talent_export": get(HR_ONLY),
    "hr:talent_settings": get("302 403 403 403 403 200 403 200"),  # province HR and administrator
    "hr:profile": get(SCOPED_A),
    "hr:potential_record": get("302 403 403 200 404 200 403 200"),
    "hr:talent_apply": post("302 403 403 302 404 302 403 302"),
    # --- SIASN (HR of the instansi named in the URL, BKPSDM, administrator) -----------------------
    "siasn:reconciliation": get("302 403 403 200 404 200 403 200"),
    "siasn:reconcile_now": post("302 403 403 302 404 302 403 302"),
    "siasn:outbox_resend": post("302 403 403 302 404 302 403 302"),
    # --- REST API (read-only; token or session) ---------------------------------------------------
    "api:token": post("400 400 400 400 400 400 400 400"),  # an empty form; failures count for django-axes
    "api:asn-detail": get(API_SCOPED_A),
    "api:asn-kompetensi": get(API_SCOPED_A),
    "api:asn-list": get(API_LOGIN),  # lists are filtered to the caller's scope
    "api:docs": get(PUBLIC),
    "api:hasil-detail": get(API_SCOPED_A),
    "api:hasil-list": get(API_LOGIN),  # lists are filtered to the caller's scope
    "api:instansi-detail": get(API_LOGIN),
    "api:instansi-list": get(API_LOGIN),  # lists are filtered to the caller's scope
    "api:jabatan-detail": get(API_LOGIN),
    "api:jabatan-list": get(API_LOGIN),  # lists are filtered to the caller's scope
    "api:kompetensi-detail": get(API_LOGIN),
    "api:kompetensi-list": get(API_LOGIN),  # lists are filtered to the caller's scope
    "api:pelatihan-detail": get(API_SCOPED_A),
    "api:pelatihan-list": get(API_LOGIN),  # lists are filtered to the caller's scope
    "api:periode-detail": get(API_LOGIN),
    "api:periode-list": get(API_LOGIN),  # lists are filtered to the caller's scope
    "api:rencana-detail": get(API_SCOPED_A),
    "api:rencana-list": get(API_LOGIN),  # lists are filtered to the caller's scope
    "api:schema": get(PUBLIC),
    "api:tindak-lanjut-detail": get(API_SCOPED_A),
    "api:tindak-lanjut-list": get(API_LOGIN),  # lists are filtered to the caller's scope
    "api:unit-detail": get(API_LOGIN),
    "api:unit-list": get(API_LOGIN),  # lists are filtered to the caller's scope
}


def get_rows_allowed(preference: tuple[str, ...], *, excluded_prefixes: tuple[str, ...] = ()):
    """(key, the roles that GET it with 200, in ``preference`` order) for every GET row some role
    may open: the pages the phone-width test and the benchmark's pass over every page visit."""
    for key, case in sorted(MATRIX.items()):
        if case.method != "get" or key.startswith(excluded_prefixes):
            continue
        expected = case.expected()
        allowed = [r for r in preference if expected[r] == 200]
        if allowed:
            yield key, allowed


# Not walked, with the reason.
SKIPPED_KEYS = {
    "wagtail_serve": "Wagtail's page-serving catch-all (pages are tried in the app tests and journeys)",
}
SKIPPED_PREFIXES = {
    "admin/": "Wagtail admin internals: Wagtail's own permission checks; representatives above",
    "static/": "static files",
    "media/": "uploaded files (served by the web server in production)",
}


def _route_skipped(route) -> bool:
    if route.key in MATRIX:
        return False
    if route.key in SKIPPED_KEYS:
        return True
    return any(route.route.lstrip("^").startswith(p) for p in SKIPPED_PREFIXES)


def test_every_url_pattern_is_in_the_matrix():
    walked = {r.key for r in iter_routes() if not _route_skipped(r)}
    missing = sorted(walked - MATRIX.keys())
    stale = sorted(MATRIX.keys() - {r.key for r in iter_routes()})
    assert not missing, (
        "URL patterns missing from the permission matrix (tests/security/test_permission_matrix.py): "
        + ", ".join(missing)
    )
    assert not stale, "permission matrix rows for URL patterns that no longer exist: " + ", ".join(stale)


@pytest.mark.slow
def test_permission_matrix(world, objects):
    """One pass over the whole table (one data set: building it per pattern would be slow)."""
    users = world.users()
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        if user is not None:
            clients[role].force_login(user)
    failures = []
    # GET rows first: they see the data as the fixture built it; POST rows may change it, and
    # deleting ones go last.
    for key in sorted(MATRIX, key=lambda k: (MATRIX[k].method != "get", "delete" in k, k)):
        case = MATRIX[key]
        url = url_for(key, objects, world)
        observed = {}
        for role, user in users.items():
            client = clients[role]
            observed[role] = getattr(client, case.method)(url).status_code
            if key == "logout" and user is not None:
                client.force_login(user)
        expected = case.expected()
        if observed != expected:
            wrong = {
                r: f"{observed[r]} (expected {expected[r]})" for r in ROLES if observed[r] != expected[r]
            }
            row = " ".join(str(observed[r]) for r in ROLES)
            failures.append(
                f"{case.method.upper()} {url} [{key}]: {wrong}\n    observed: {case.method}({row!r})"
            )
    assert not failures, "permission matrix mismatches:\n" + "\n".join(failures)
