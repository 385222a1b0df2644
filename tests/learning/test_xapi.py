"""Learning records: xAPI-style statements for every enrolment, lesson, attempt and completion."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from learning import services
from learning.models import Statement
from tests.factories.learning import correct_answers, lessons_of, make_course, wrong_answers

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


@pytest.mark.parametrize("n", [1, 10])
def test_export_query_count(world, client_for, n, django_assert_max_num_queries):
    for _ in range(n):
        course = make_course(modules=1, lessons=1)
        services.enrolment_self_create(user=world.staff_a.user, course=course)
        services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons_of(course)[0])
    client = client_for(world.hr_a.user)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("learning:xapi_export")).status_code == 200


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
