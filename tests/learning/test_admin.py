"""Quizzes are managed in the Wagtail admin; the question form checks the answer key."""

import pytest
from django.urls import reverse

from learning.models import Question
from tests.factories.learning import make_quiz
from tests.helpers import assert_admin_refused


def _question_data(quiz, kind, choices):
    data = {
        "quiz": quiz.pk,
        "kind": kind,
        "sort_order": 0,
        "text": "Apa tujuan kebijakan?",
        "explanation": "",
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 2,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, (text, correct) in enumerate(choices):
        data[f"choices-{i}-text"] = text
        if correct:
            data[f"choices-{i}-is_correct"] = "on"
        data[f"choices-{i}-ORDER"] = i + 1
        data[f"choices-{i}-id"] = ""
    return data


@pytest.mark.parametrize(
    "kind,choices,ok",
    [
        ("single", [("A", True), ("B", False), ("C", False)], True),
        ("single", [("A", True), ("B", True)], False),
        ("single", [("A", False), ("B", False)], False),
        ("multiple", [("A", True), ("B", True), ("C", False)], True),
        ("multiple", [("A", False), ("B", False)], False),
        ("true_false", [("Benar", True), ("Salah", False)], True),
        ("true_false", [("Benar", True), ("Salah", False), ("Ragu", False)], False),
    ],
)
def test_question_form_checks_the_key(world, client_for, kind, choices, ok):
    quiz = make_quiz(questions=0)
    client = client_for(world.admin)
    response = client.post(
        reverse("wagtailsnippets_learning_question:add"), _question_data(quiz, kind, choices)
    )
    created = Question.objects.filter(quiz=quiz).first()
    if ok:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert created.choices.count() == len(choices)
    else:
        assert response.status_code == 200
        assert created is None


@pytest.mark.parametrize("role", ["asn", "hr_same", "humas", "admin"])
def test_quiz_admin_listing(world, client_for, role):

    if role == "humas":
        # seed_learning grants humas the quiz permissions; do the same here without the demo pages
        from django.contrib.auth.models import Permission

        perms = Permission.objects.filter(
            content_type__app_label="learning", codename__in=["view_quiz", "add_quiz"]
        )
        for group in world.humas_editor.groups.all():
            group.permissions.add(*perms)
    make_quiz(title="Kuis Bab 1")
    response = client_for(world.users()[role]).get(reverse("wagtailsnippets_learning_quiz:list"))
    if role in {"humas", "admin"}:
        assert response.status_code == 200
        assert "Kuis Bab 1" in response.content.decode()
    else:
        assert_admin_refused(response, role)


def test_assignment_menu_item_for_hr(world, client_for):
    html = client_for(world.hr_a.user).get("/admin/").content.decode()
    assert reverse("learning:assign") in html
    html = client_for(world.humas_editor).get("/admin/").content.decode()
    assert reverse("learning:assign") not in html


def test_page_editors_render(world, client_for):
    from tests.factories.learning import lessons_of, make_course, modules_of

    course = make_course(modules=1, lessons=2, lesson_quiz=True, module_test=True)
    client = client_for(world.admin)
    for page in (course, modules_of(course)[0], *lessons_of(course)):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
    module = modules_of(course)[0]
    response = client.get(reverse("wagtailadmin_pages:add", args=["learning", "lessonpage", module.pk]))
    assert response.status_code == 200


def test_preview_renders_without_an_enrolment(world):
    from tests.factories.learning import lessons_of, make_course, modules_of

    course = make_course(modules=1, lessons=1, lesson_quiz=True, module_test=True)
    for page in (modules_of(course)[0], lessons_of(course)[0]):
        response = page.make_preview_request()
        assert response.status_code == 200
        assert page.title in response.content.decode()
