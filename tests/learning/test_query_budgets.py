"""Query budgets for the learning views at two data sizes: the quiz attempt page (open and
submitted), the module page, and the Wagtail admin snippet lists for quizzes and questions.

Budgets are the count measured at the large size plus slack; the ``flat`` tests compare both sizes
directly, so a query per question, lesson or row fails here.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning import services
from tests.factories.learning import lessons_of, make_course, make_quiz, modules_of, wrong_answers

SMALL, LARGE = 2, 12
# Measured on SQLite, + 2 slack (PostgreSQL passes the same budgets and flat checks).
ATTEMPT_BUDGET = {"open": 9 + 2, "submitted": 9 + 2}
MODULE_BUDGET = 9 + 2
ADMIN_LIST_BUDGET = {"quiz": 9 + 2, "question": 10 + 2}


def _count(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)


def _attempt(world, questions, state):
    """An attempt of staff_a on a lesson whose quiz has ``questions`` questions."""
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    lesson = lessons_of(course)[0]
    quiz = make_quiz(questions=questions, max_attempts=0)
    lesson.quiz_id = quiz.pk  # in memory, as in test_quiz: the lesson now holds this quiz
    attempt = services.attempt_start(user=user, page=lesson)
    if state == "submitted":
        attempt = services.attempt_submit(user=user, attempt=attempt, answers=wrong_answers(quiz))
    assert len(attempt.question_order) == questions
    return attempt


@pytest.mark.parametrize("state", ["open", "submitted"])
@pytest.mark.parametrize("questions", [SMALL, LARGE])
def test_attempt_page_query_budget(world, client_for, state, questions, django_assert_max_num_queries):
    attempt = _attempt(world, questions, state)
    client = client_for(world.staff_a.user)
    with django_assert_max_num_queries(ATTEMPT_BUDGET[state]):
        response = client.get(reverse("learning:attempt", args=[attempt.pk]))
    assert response.status_code == 200
    assert f"Soal {questions}" in response.content.decode()


@pytest.mark.parametrize("state", ["open", "submitted"])
def test_attempt_page_query_count_is_flat(world, client_for, state):
    client = client_for(world.staff_a.user)
    counts = []
    for questions in (SMALL, LARGE):
        attempt = _attempt(world, questions, state)
        response, n = _count(client, reverse("learning:attempt", args=[attempt.pk]))
        assert response.status_code == 200
        counts.append(n)
    assert counts[0] == counts[1] <= ATTEMPT_BUDGET[state]


def _module(world, lessons):
    course = make_course(modules=2, lessons=lessons, lesson_quiz=True, module_test=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    services.lesson_mark_complete(user=user, lesson=lessons_of(course)[0])
    return modules_of(course)[0]


@pytest.mark.parametrize("lessons", [SMALL, LARGE])
def test_module_page_query_budget(world, client_for, lessons, django_assert_max_num_queries):
    module = _module(world, lessons)
    client = client_for(world.staff_a.user)
    client.get(module.url)  # warm the site-root cache, as a running site has it
    with django_assert_max_num_queries(MODULE_BUDGET):
        response = client.get(module.url)
    assert response.status_code == 200
    assert f"Pelajaran 1.{lessons}" in response.content.decode()


def test_module_page_query_count_is_flat(world, client_for):
    client = client_for(world.staff_a.user)
    counts = []
    for lessons in (SMALL, LARGE):
        module = _module(world, lessons)
        client.get(module.url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(module.url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= MODULE_BUDGET


def _quizzes(n, start=0):
    for i in range(start, start + n):
        make_quiz(title=f"Kuis daftar {i}", questions=1)


def _questions(n):
    make_quiz(title="Kuis besar", questions=n)


ADMIN_LISTS = {
    "quiz": ("wagtailsnippets_learning_quiz:list", _quizzes),
    "question": ("wagtailsnippets_learning_question:list", _questions),
}


@pytest.mark.parametrize("snippet", ["quiz", "question"])
@pytest.mark.parametrize("extra", [SMALL, LARGE])
def test_admin_snippet_list_query_budget(world, client_for, snippet, extra, django_assert_max_num_queries):
    url_name, build = ADMIN_LISTS[snippet]
    build(extra)
    client = client_for(world.admin)
    client.get(reverse(url_name))  # warm per-process caches (admin menu, site root)
    with django_assert_max_num_queries(ADMIN_LIST_BUDGET[snippet]):
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Kuis daftar 0" if snippet == "quiz" else "Soal 1") in html


@pytest.mark.parametrize("snippet", ["quiz", "question"])
def test_admin_snippet_list_query_count_is_flat(world, client_for, snippet):
    url_name, build = ADMIN_LISTS[snippet]
    client = client_for(world.admin)
    counts = []
    for n in (SMALL, LARGE - SMALL):
        build(n) if snippet == "question" else build(n, start=len(counts) * SMALL)
        client.get(reverse(url_name))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(url_name)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= ADMIN_LIST_BUDGET[snippet]
    # search and the quiz filter use the same queryset
    assert client.get(reverse(url_name), {"q": "Kuis" if snippet == "quiz" else "Soal"}).status_code == 200
