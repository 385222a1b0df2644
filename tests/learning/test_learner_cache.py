"""What the learner pages take from the shared cache (``learning.cache``): the course outline, the
rendered lesson body and the quiz's questions are read once per content version, and a publish,
an edit of a quiz or a move makes every page show the new content on its next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.rich_text import RichText

from learning import cache as learning_cache
from learning import services
from learning.models import LessonPage, Question, Quiz
from tests.factories.learning import lessons_of, make_course, modules_of

#: A warm lesson page: session, user, scope, the page row, the enrolment with its attempt summary
#: and the learner's progress (measured on SQLite: 6), + 1 slack. Nothing about the course itself.
WARM_LESSON_BUDGET = 6 + 1
SHARED_TABLES = ('"learning_question"', '"learning_choice"', '"learning_quiz"', '"learning_modulepage"')


def _warm_queries(client, url) -> list[str]:
    assert client.get(url).status_code == 200  # fills the shared cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("size", [(1, 2), (6, 8)])
def test_warm_lesson_page_reads_only_the_learners_rows(world, client_for, size):
    modules, lessons = size
    course = make_course(modules=modules, lessons=lessons, lesson_quiz=True, module_test=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    lesson = lessons_of(course)[-1]  # holds a quiz
    queries = _warm_queries(client_for(user), lesson.url)
    assert len(queries) <= WARM_LESSON_BUDGET, "\n".join(q[:160] for q in queries)
    assert not [sql for sql in queries if any(table in sql for table in SHARED_TABLES)]


def test_warm_attempt_page_reads_no_question(world, client_for):
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    attempt = services.attempt_start(user=user, page=lessons_of(course)[0])
    queries = _warm_queries(client_for(user), reverse("learning:attempt", args=[attempt.pk]))
    assert not [sql for sql in queries if "learning_question" in sql or "learning_choice" in sql]


def test_published_revision_shows_on_the_next_request(world, client_for):
    course = make_course(modules=1, lessons=2)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    first, second = lessons_of(course)
    client = client_for(user)
    assert "Isi pelajaran 1.1" in client.get(first.url).content.decode()

    page = LessonPage.objects.get(pk=first.pk)
    page.title = "Pelajaran yang diperbarui"
    page.body = [("text", RichText("<p>Isi yang baru diterbitkan</p>"))]
    page.save_revision().publish()

    html = client.get(first.url).content.decode()
    assert "Isi yang baru diterbitkan" in html and "Isi pelajaran 1.1" not in html
    assert "Pelajaran yang diperbarui" in client.get(second.url).content.decode()  # in the outline


def test_unpublished_lesson_leaves_the_outline(world, client_for):
    course = make_course(modules=1, lessons=2)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    first, second = lessons_of(course)
    client = client_for(user)
    assert second.url in client.get(first.url).content.decode()
    LessonPage.objects.get(pk=second.pk).unpublish()
    assert second.url not in client.get(first.url).content.decode()


def test_edited_question_shows_on_the_attempt_page(world, client_for):
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    attempt = services.attempt_start(user=user, page=lessons_of(course)[0])
    url = reverse("learning:attempt", args=[attempt.pk])
    client = client_for(user)
    assert "Soal 1" in client.get(url).content.decode()
    question = Question.objects.get(pk=attempt.question_order[0])
    question.text = "Pertanyaan yang diperbaiki"
    question.save()
    assert "Pertanyaan yang diperbaiki" in client.get(url).content.decode()


def test_edited_quiz_shows_on_the_attempt_page(world, client_for):
    """The attempt page takes the quiz's title, description and pass mark from the shared cache."""
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    lesson = lessons_of(course)[0]
    attempt = services.attempt_start(user=user, page=lesson)
    url = reverse("learning:attempt", args=[attempt.pk])
    client = client_for(user)
    html = client.get(url).content.decode()
    assert f'href="{lesson.url}"' in html  # back to the lesson, found without a page query
    quiz = Quiz.objects.get(pk=attempt.quiz_id)
    assert quiz.title in html and "Penjelasan kuis yang baru" not in html
    quiz.title, quiz.description = "Kuis yang diganti judulnya", "Penjelasan kuis yang baru"
    quiz.save()
    html = client.get(url).content.decode()
    assert "Kuis yang diganti judulnya" in html and "Penjelasan kuis yang baru" in html


def test_preview_is_not_stored(world):
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.get(pk=lessons_of(course)[0].pk)
    draft = LessonPage.objects.get(pk=lesson.pk)
    draft.body = [("text", RichText("<p>Draf belum terbit</p>"))]
    preview = learning_cache.lesson_body_parts(draft, preview=True)
    assert "Draf belum terbit" in preview[0]["html"]
    live = learning_cache.lesson_body_parts(lesson)
    assert "Draf belum terbit" not in live[0]["html"] and "Isi pelajaran 1.1" in live[0]["html"]


def test_progress_is_the_learners_own_on_a_shared_outline(world, client_for):
    course = make_course(modules=2, lessons=1)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    services.enrolment_self_create(user=world.staff_a2.user, course=course)
    first = lessons_of(course)[0]
    services.lesson_mark_complete(user=world.staff_a.user, lesson=first)
    module_url = modules_of(course)[0].url
    mine = client_for(world.staff_a.user).get(module_url).content.decode()
    theirs = client_for(world.staff_a2.user).get(module_url).content.decode()
    assert 'max="100" value="50"' in mine
    assert 'max="100" value="0"' in theirs


def test_a_warm_lesson_page_reads_the_shared_cache_once_for_the_course(world, client_for, monkeypatch):
    """Entries under a versioned key never change: the process keeps copies of those it read, and a
    warm lesson page asks the shared cache for the content version only (not the page, outline,
    body); a publish is still seen on the next request, and every call gets its own copy."""
    course = make_course(modules=1, lessons=2)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    first = lessons_of(course)[0]
    client = client_for(user)
    client.get(first.url)
    client.get(first.url)  # the second reads what the first stored, and keeps copies
    read = []
    real_get, real_get_many = learning_cache.cache.get, learning_cache.cache.get_many
    monkeypatch.setattr(
        learning_cache.cache, "get", lambda key, *a, **k: read.append(key) or real_get(key, *a, **k)
    )
    monkeypatch.setattr(
        learning_cache.cache,
        "get_many",
        lambda keys, *a, **k: read.extend(keys) or real_get_many(keys, *a, **k),
    )
    assert "Isi pelajaran 1.1" in client.get(first.url).content.decode()
    assert [key for key in read if key.startswith("learning:")] == [learning_cache.VERSION_KEY]

    page = LessonPage.objects.get(pk=first.pk)
    page.body = [("text", RichText("<p>Isi yang baru diterbitkan</p>"))]
    page.save_revision().publish()
    assert "Isi yang baru diterbitkan" in client.get(first.url).content.decode()

    root = first.get_site().root_page.url_path
    outlines = [
        learning_cache.outline_structure(
            course_path=course.path, course_depth=course.depth, root_url_path=root
        )
        for _ in range(3)
    ]
    assert outlines[1] is not outlines[2] and outlines[1].modules is not outlines[2].modules
    assert outlines[1] == outlines[2]
