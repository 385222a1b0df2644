"""Quizzes are managed in the Wagtail admin; the question form checks the answer key."""

from decimal import Decimal

import pytest
from django.urls import reverse

from learning.models import Question, Quiz
from tests.factories.learning import make_bank, make_quiz
from tests.helpers import assert_admin_refused


def _question_data(quiz, kind, choices, **extra):
    """The add form as a browser sends it (the selects and the tolerance keep their initial values);
    a choice is ``(text, correct)`` or ``(text, correct, pasangan)``."""
    data = {
        "quiz": quiz.pk,
        "kind": kind,
        "difficulty": "medium",
        "tolerance": "0",
        "sort_order": 0,
        "text": "Apa tujuan kebijakan?",
        "explanation": "",
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 2,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, (text, correct, *match) in enumerate(choices):
        data[f"choices-{i}-text"] = text
        data[f"choices-{i}-match"] = match[0] if match else ""
        if correct:
            data[f"choices-{i}-is_correct"] = "on"
        data[f"choices-{i}-ORDER"] = i + 1
        data[f"choices-{i}-id"] = ""
    return data | extra


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
        ("matching", [("Gubernur", False, "Provinsi"), ("Bupati", False, "Kabupaten")], True),
        ("matching", [("Gubernur", False, "Provinsi"), ("Bupati", False)], False),  # a pasangan missing
        ("ordering", [("Rencana", False), ("Evaluasi", False)], True),
        ("ordering", [("Rencana", False)], False),
        ("short", [("Surat Keputusan", False)], True),
        ("short", [], False),  # no accepted answer
        ("numeric", [], False),  # no numeric answer (see the test below for one that has it)
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


def test_numeric_question_and_the_quiz_or_bank_rule(world, client_for):
    quiz = make_quiz(questions=0)
    bank = make_bank(questions=0)
    client = client_for(world.admin)
    url = reverse("wagtailsnippets_learning_question:add")
    response = client.post(url, _question_data(quiz, "numeric", [], bank=bank.pk, numeric_answer="12,5"))
    assert response.status_code == 200 and "tidak keduanya" in response.content.decode()
    response = client.post(url, _question_data(quiz, "numeric", [], numeric_answer="12.5"))
    assert response.status_code == 302
    assert Question.objects.get(quiz=quiz).numeric_answer == Decimal("12.5")


def test_quiz_form_refuses_a_draw_larger_than_the_bank(world, client_for):
    bank = make_bank(questions=3)
    client = client_for(world.admin)
    data = {
        "title": "Kuis bank",
        "description": "",
        "pass_mark": 70,
        "max_attempts": 3,
        "bank": bank.pk,
        "draw_count": 4,
        "draw_tag": "",
        "draw_difficulty": "",
    }
    response = client.post(reverse("wagtailsnippets_learning_quiz:add"), data)
    assert response.status_code == 200 and "hanya memiliki 3 soal yang sesuai" in response.content.decode()
    response = client.post(reverse("wagtailsnippets_learning_quiz:add"), data | {"draw_count": 3})
    assert response.status_code == 302 and Quiz.objects.get(title="Kuis bank").draw_count == 3


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
