"""The lesson page: enrolled learners only, fixed query count whatever the course size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import services
from tests.factories.learning import lessons_of, make_course, modules_of

LESSON_QUERY_BUDGET = 12


@pytest.mark.parametrize("size", [(1, 2), (6, 8)])
def test_lesson_page_query_count_is_fixed(world, client_for, size, django_assert_max_num_queries):
    modules, lessons = size
    course = make_course(modules=modules, lessons=lessons, lesson_quiz=True, module_test=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    all_lessons = lessons_of(course)
    services.lesson_mark_complete(user=user, lesson=all_lessons[0])
    client = client_for(user)
    for lesson in (all_lessons[0], all_lessons[1], all_lessons[-1]):
        with django_assert_max_num_queries(LESSON_QUERY_BUDGET):
            response = client.get(lesson.url)
        assert response.status_code == 200
        assert lesson.title in response.content.decode()


def test_lesson_page_query_count_does_not_grow(world, client_for):
    counts = []
    for modules, lessons in ((1, 2), (5, 10)):
        course = make_course(modules=modules, lessons=lessons, lesson_quiz=True)
        services.enrolment_self_create(user=world.staff_a.user, course=course)
        lesson = lessons_of(course)[-1]
        client = client_for(world.staff_a.user)
        client.get(lesson.url)  # warm the site-root cache
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(lesson.url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= LESSON_QUERY_BUDGET


def test_lesson_shows_outline_progress_and_quiz(world, client_for, course):
    lessons = lessons_of(course)
    services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons[0])
    html = client_for(world.staff_a.user).get(lessons[1].url).content.decode()
    assert "Isi pelajaran 1.2" in html
    assert "Mulai kuis" in html
    assert 'max="100" value="25"' in html  # 1 of 4 required lessons
    assert html.count("<h1") == 1
    for lesson in lessons:
        assert lesson.url in html


def test_lesson_mark_complete_button_only_without_quiz(world, client_for, course):
    lessons = lessons_of(course)
    client = client_for(world.staff_a.user)
    assert "Tandai selesai" in client.get(lessons[0].url).content.decode()
    assert "Tandai selesai" not in client.get(lessons[1].url).content.decode()


def test_not_enrolled_is_sent_to_the_course(world, client_for, course):
    lesson = lessons_of(course)[0]
    response = client_for(world.staff_a2.user).get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == course.url


def test_anonymous_is_sent_to_login(world, client_for, course):
    lesson = lessons_of(course)[0]
    response = client_for(None).get(lesson.url)
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


@pytest.mark.parametrize(
    "role", ["anonymous", "asn", "atasan", "hr_same", "hr_other", "bkpsdm", "humas", "admin"]
)
def test_lesson_and_module_per_role(world, client_for, course, role):
    user = world.users()[role]
    client = client_for(user)
    lesson = lessons_of(course)[0]
    module = modules_of(course)[0]
    for url in (lesson.url, module.url):
        response = client.get(url)
        if role == "asn":  # the only enrolled user
            assert response.status_code == 200
        else:
            assert response.status_code == 302


def test_module_page_shows_test(world, client_for):
    course = make_course(modules=1, lessons=1, module_test=True)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    module = modules_of(course)[0]
    html = client_for(world.staff_a.user).get(module.url).content.decode()
    assert "Tes modul" in html
    assert "Mulai kuis" in html


def test_unknown_lesson_is_404(world, client_for, course):
    response = client_for(world.staff_a.user).get(course.url + "modul-1/tidak-ada/")
    assert response.status_code == 404
