"""Learning records: xAPI-style statements for every enrolment, lesson, attempt and completion."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from learning import services
from learning.models import Statement
from tests.factories.learning import correct_answers, lessons_of, make_course, modules_of, wrong_answers
from tests.learning.xapi_spec import statement_errors

VERBS = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def records(world, course):
    user = world.staff_a.user
    lessons = lessons_of(course)
    services.lesson_mark_complete(user=user, lesson=lessons[0])
    attempt = services.attempt_start(user=user, page=lessons[1])
    services.attempt_submit(user=user, attempt=attempt, answers=wrong_answers(lessons[1].quiz))
    for lesson in lessons:
        if lesson.quiz_id:
            attempt = services.attempt_start(user=user, page=lesson)
            services.attempt_submit(user=user, attempt=attempt, answers=correct_answers(lesson.quiz))
        else:
            services.lesson_mark_complete(user=user, lesson=lesson)
    other = make_course(modules=1, lessons=1)
    services.enrolment_self_create(user=world.staff_b.user, course=other)
    return course


def test_every_event_is_recorded(world, records):
    rows = Statement.objects.filter(asn=world.staff_a)
    verbs = [(s.verb.removeprefix(VERBS), s.object_type) for s in rows]
    assert verbs.count(("registered", "course")) == 1
    assert verbs.count(("completed", "lesson")) == 4
    assert verbs.count(("failed", "assessment")) == 1
    assert verbs.count(("passed", "assessment")) == 2
    assert verbs.count(("completed", "module")) == 2
    assert verbs.count(("completed", "course")) == 1
    failed = rows.get(verb=VERBS + "failed")
    assert failed.result["success"] is False and failed.result["score"]["raw"] == 0


@pytest.mark.parametrize(
    "role", ["anonymous", "asn", "atasan", "hr_same", "hr_other", "bkpsdm", "humas", "admin"]
)
def test_export_view_is_scoped(world, client_for, records, role):
    response = client_for(world.users()[role]).get(reverse("learning:xapi_export"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    if role in {"asn", "atasan", "humas"}:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    data = response.json()
    nips = {s["actor"]["account"]["name"] for s in data["statements"]}
    if role == "hr_same":
        assert nips == {world.staff_a.nip}
    elif role == "hr_other":
        assert nips == {world.staff_b.nip}
    else:
        assert nips == {world.staff_a.nip, world.staff_b.nip}
    statement = data["statements"][0]
    assert set(statement) >= {"id", "actor", "verb", "object", "timestamp"}
    assert statement["verb"]["id"].startswith(VERBS)
    assert statement["object"]["id"].startswith("http://testserver/xapi/activities/")


def test_export_pages_with_more(world, client_for, records):
    client = client_for(world.bkpsdm.user)
    first = client.get(reverse("learning:xapi_export"), {"limit": 5}).json()
    assert len(first["statements"]) == 5 and first["more"]
    seen = [s["id"] for s in first["statements"]]
    rest = client.get(first["more"]).json()
    seen += [s["id"] for s in rest["statements"]]
    assert len(set(seen)) == len(seen)


@pytest.mark.parametrize("view", ["learning:xapi_export", "learning:xapi_mine"])
@pytest.mark.parametrize("n", [1, 10])
def test_export_query_count(world, client_for, n, view, django_assert_max_num_queries):
    """HR's export and the learner's own download, course context included, at two sizes."""
    for _ in range(n):
        course = make_course(modules=1, lessons=1)
        services.enrolment_self_create(user=world.staff_a.user, course=course)
        services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons_of(course)[0])
    client = client_for(world.hr_a.user if view == "learning:xapi_export" else world.staff_a.user)
    with django_assert_max_num_queries(8):
        assert client.get(reverse(view)).status_code == 200


def test_export_command(world, records):
    out = io.StringIO()
    call_command("export_xapi", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["statements"]) == Statement.objects.count()
    out = io.StringIO()
    call_command("export_xapi", "--instansi", "DLH", stdout=out)
    assert {s["actor"]["account"]["name"] for s in json.loads(out.getvalue())["statements"]} == {
        world.staff_b.nip
    }


# --------------------------------------------------------------------------------------------------
# Course context, resolvable IRIs, ``since`` on ``stored``, the learner's own download (issue 17, 5)
# --------------------------------------------------------------------------------------------------


def _by_object(statements: list[dict]) -> dict[tuple[str, str], dict]:
    """``{(verb, object type): statement}`` (the last of each)."""
    return {
        (s["verb"]["id"].removeprefix(VERBS), s["object"]["definition"]["type"].rsplit("/", 1)[-1]): s
        for s in statements
    }


def _iri(kind: str, pk: int) -> str:
    return f"http://testserver/xapi/activities/{kind}/{pk}"


def test_every_statement_carries_its_course_context_and_validates(world, client_for, records):
    module_course = make_course(modules=1, lessons=1, module_test=True)
    services.enrolment_self_create(user=world.staff_a.user, course=module_course)
    module = modules_of(module_course)[0]
    attempt = services.attempt_start(user=world.staff_a.user, page=module)
    services.attempt_submit(
        user=world.staff_a.user, attempt=attempt, answers=correct_answers(module.test_quiz)
    )
    services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons_of(module_course)[0])

    statements = client_for(world.staff_a.user).get(reverse("learning:xapi_mine")).json()["statements"]
    for statement in statements:
        assert statement_errors(statement) == [], statement
        assert statement["context"]["contextActivities"]["grouping"][0]["definition"]["type"].endswith(
            "/course"
        )

    mine = [
        s
        for s in statements
        if s["context"]["contextActivities"]["grouping"][0]["id"] == _iri("course", records.pk)
    ]
    found = _by_object(mine)
    first_module = modules_of(records)[0]
    lesson = lessons_of(records)[0]
    lesson_statement = next(s for s in mine if s["object"]["id"] == _iri("lesson", lesson.pk))
    assert lesson_statement["context"]["contextActivities"]["parent"] == [
        {
            "objectType": "Activity",
            "id": _iri("module", first_module.pk),
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/module",
                "name": {"id-ID": "Modul 1"},
            },
        }
    ]
    module_statement = next(s for s in mine if s["object"]["id"] == _iri("module", first_module.pk))
    assert module_statement["context"]["contextActivities"]["parent"][0]["id"] == _iri("course", records.pk)
    course_statement = found[("completed", "course")]
    assert "parent" not in course_statement["context"]["contextActivities"]
    assert course_statement["context"]["contextActivities"]["grouping"][0]["id"] == _iri("course", records.pk)
    quiz_lesson = lessons_of(records)[1]
    quiz_statement = next(
        s for s in mine if s["object"]["id"] == _iri("assessment", quiz_lesson.pk) and s["result"]["success"]
    )
    assert quiz_statement["context"]["contextActivities"]["parent"][0]["id"] == _iri("lesson", quiz_lesson.pk)

    test_statement = next(s for s in statements if s["object"]["id"] == _iri("assessment", module.pk))
    assert test_statement["context"]["contextActivities"]["parent"][0]["id"] == _iri("module", module.pk)
    assert test_statement["context"]["contextActivities"]["grouping"][0]["id"] == _iri(
        "course", module_course.pk
    )


def test_the_validator_refuses_what_the_spec_refuses():
    """The validator is a real check: each defect below is named."""
    good = {
        "id": "2f1e7a7c-6c9b-4f1e-8a39-6f3c5a1b0d11",
        "actor": {"objectType": "Agent", "account": {"homePage": "https://x.go.id", "name": "1"}},
        "verb": {"id": VERBS + "completed", "display": {"en-US": "completed"}},
        "object": {"objectType": "Activity", "id": "https://x.go.id/a/1"},
        "timestamp": "2026-01-01T00:00:00+00:00",
    }
    assert statement_errors(good) == []
    bad = {
        **good,
        "id": "nope",
        "actor": {"mbox": "mailto:a@b.c", "account": {"homePage": "https://x", "name": "1"}},
        "object": {"id": "not an iri", "definition": {"name": {"bahasa indonesia": "x"}}},
        "result": {"score": {"scaled": 2, "raw": 120, "min": 0, "max": 100}, "success": "yes"},
        "context": {"contextActivities": {"parents": []}},
        "timestamp": "kemarin",
    }
    errors = "\n".join(statement_errors(bad))
    for expected in (
        "id: must be a UUID",
        "exactly one inverse functional identifier",
        "object.id: an IRI is required",
        "not an RFC 5646 language tag",
        "scaled: must be between -1 and 1",
        "raw: must lie between min and max",
        "result.success: must be a boolean",
        "unknown property 'parents'",
        "timestamp: must be an ISO 8601",
    ):
        assert expected in errors


def test_activity_iris_resolve_to_their_pages(world, client_for, records):
    module = modules_of(records)[0]
    lesson = lessons_of(records)[1]
    client = client_for(world.staff_a.user)
    for kind, page in (("course", records), ("module", module), ("lesson", lesson), ("assessment", lesson)):
        response = client.get(_iri(kind, page.pk).removeprefix("http://testserver"))
        assert response.status_code == 302 and response["Location"] == page.get_url(), kind
    assert client.get("/xapi/activities/video/1").status_code == 404
    assert client.get(f"/xapi/activities/course/{records.pk + 10_000}").status_code == 404


def test_since_applies_to_the_stored_time(world, client_for, records):
    """A statement recorded late (stored now) for something done long ago (timestamp) is new."""
    late = Statement.objects.filter(asn=world.staff_a).order_by("pk").first()
    early = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    cut = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    Statement.objects.exclude(pk=late.pk).update(stored=early, timestamp=early)
    Statement.objects.filter(pk=late.pk).update(timestamp=early)  # done in 2020, stored today
    client = client_for(world.hr_a.user)
    data = client.get(reverse("learning:xapi_export"), {"since": cut.isoformat()}).json()
    assert [s["timestamp"] for s in data["statements"]] == [early.isoformat()]
    assert client.get(reverse("learning:xapi_export"), {"since": "kemarin"}).status_code == 400
    out = io.StringIO()
    call_command("export_xapi", "--since", cut.isoformat(), stdout=out)
    assert len(json.loads(out.getvalue())["statements"]) == 1


def test_a_learner_downloads_their_own_records_only(world, client_for, records):
    client = client_for(world.staff_a.user)
    assert reverse("learning:xapi_mine") in client.get(reverse("learning:dashboard")).content.decode()
    response = client.get(reverse("learning:xapi_mine"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    data = response.json()
    assert {s["actor"]["account"]["name"] for s in data["statements"]} == {world.staff_a.nip}
    assert len(data["statements"]) == Statement.objects.filter(asn=world.staff_a).count()
    other = client_for(world.staff_b.user).get(reverse("learning:xapi_mine")).json()
    assert {s["actor"]["account"]["name"] for s in other["statements"]} == {world.staff_b.nip}


def test_a_record_of_another_kind_of_object_is_exported_without_a_borrowed_context(
    world, client_for, records
):
    """Only page objects get a course context: an id of another kind that equals a page's id must
    not pick up that page's course."""
    Statement.objects.create(
        asn=world.staff_a,
        verb=VERBS + "attended",
        object_type="session",
        object_ref=records.pk,
        object_name="Sesi kelas",
        timestamp=Statement.objects.first().timestamp,
    )
    statements = client_for(world.staff_a.user).get(reverse("learning:xapi_mine")).json()["statements"]
    session = next(s for s in statements if s["object"]["id"] == _iri("session", records.pk))
    assert "context" not in session and statement_errors(session) == []
