"""Progress, completion, JP credit and the one completion event."""

import pytest
from django.urls import reverse

from learning import events, services
from learning.models import Certificate, Enrolment, LessonCompletion, ModuleCompletion, Statement
from learning.selectors import course_outline
from tests.factories.learning import correct_answers, lessons_of, make_course, modules_of


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    events.completed.connect(receiver, weak=False)
    yield calls
    events.completed.disconnect(receiver)


def _outline(enrolment):
    course = enrolment.course
    return course_outline(
        course_path=course.path,
        course_depth=course.depth,
        root_url_path="/beranda/",
        enrolment_id=enrolment.pk,
    )


def _pass_quiz(user, page, quiz):
    attempt = services.attempt_start(user=user, page=page)
    return services.attempt_submit(user=user, attempt=attempt, answers=correct_answers(quiz))


def test_mark_complete_view(world, client_for, course):
    lesson = lessons_of(course)[0]
    response = client_for(world.staff_a.user).post(reverse("learning:lesson_complete", args=[lesson.pk]))
    assert response.status_code == 302
    completion = LessonCompletion.objects.get()
    assert completion.lesson_id == lesson.pk and completion.via == "marked"
    enrolment = Enrolment.objects.get(asn=world.staff_a)
    assert enrolment.progress == 25


def test_lesson_with_quiz_cannot_be_marked(world, client_for, course):
    lesson = lessons_of(course)[1]
    client_for(world.staff_a.user).post(reverse("learning:lesson_complete", args=[lesson.pk]))
    assert not LessonCompletion.objects.exists()


def test_marking_needs_an_enrolment(world, client_for, course):
    lesson = lessons_of(course)[0]
    client_for(world.staff_a2.user).post(reverse("learning:lesson_complete", args=[lesson.pk]))
    assert not LessonCompletion.objects.exists()


def test_next_step_is_first_incomplete_required_lesson(world, course):
    user = world.staff_a.user
    lessons = lessons_of(course)
    enrolment = Enrolment.objects.get(asn=world.staff_a)
    assert _outline(enrolment).next_step_url() == lessons[0].url
    services.lesson_mark_complete(user=user, lesson=lessons[0])
    assert _outline(enrolment).next_step_url() == lessons[1].url
    _pass_quiz(user, lessons[1], lessons[1].quiz)
    assert _outline(enrolment).next_step_url() == lessons[2].url


def test_course_page_continue_button(world, client_for, course):
    services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons_of(course)[0])
    html = client_for(world.staff_a.user).get(course.url).content.decode()
    assert "Lanjutkan belajar" in html
    assert f'href="{lessons_of(course)[1].url}"' in html


def test_course_completion_credits_jp_and_fires_once(
    world, course, received, django_capture_on_commit_callbacks
):
    user = world.staff_a.user
    lessons = lessons_of(course)
    modules = modules_of(course)
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_mark_complete(user=user, lesson=lessons[0])
    assert received == []
    with django_capture_on_commit_callbacks(execute=True):
        _pass_quiz(user, lessons[1], lessons[1].quiz)
    assert [(c["kind"], c["module"].pk) for c in received] == [("module", modules[0].pk)]
    assert received[0]["course"].pk == course.pk and received[0]["jp"] == 0
    assert received[0]["user"] == user
    enrolment = Enrolment.objects.get(asn=world.staff_a)
    assert enrolment.completed_at is None and enrolment.jp_credited == 0 and enrolment.progress == 50

    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_mark_complete(user=user, lesson=lessons[2])
        _pass_quiz(user, lessons[3], lessons[3].quiz)
    kinds = [c["kind"] for c in received]
    assert kinds == ["module", "module", "course"]
    course_event = received[-1]
    assert course_event["module"] is None and course_event["jp"] == 6
    enrolment.refresh_from_db()
    assert enrolment.completed_at == course_event["completed_at"]
    assert enrolment.jp_credited == 6 and enrolment.progress == 100
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert ModuleCompletion.objects.filter(enrolment=enrolment).count() == 2
    assert (
        Statement.objects.filter(
            enrolment=enrolment, object_type="course", verb__endswith="/completed"
        ).count()
        == 1
    )

    # Doing more after completion announces nothing again.
    with django_capture_on_commit_callbacks(execute=True):
        _pass_quiz(user, lessons[3], lessons[3].quiz)
        services.lesson_mark_complete(user=user, lesson=lessons[0])
        services.enrolment_progress_refresh(enrolment=enrolment)
    assert [c["kind"] for c in received] == ["module", "module", "course"]
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_no_event_when_the_transaction_rolls_back(
    world, course, received, django_capture_on_commit_callbacks
):
    from django.db import transaction

    lessons = lessons_of(course)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons[0])
                _pass_quiz(world.staff_a.user, lessons[1], lessons[1].quiz)
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert callbacks == [] and received == []
    assert not ModuleCompletion.objects.exists()


def test_optional_lessons_are_not_needed(world, received, django_capture_on_commit_callbacks):
    course = make_course(modules=1, lessons=1, optional_lesson=True, jp=2)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    required = [lesson for lesson in lessons_of(course) if lesson.required]
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_mark_complete(user=user, lesson=required[0])
    enrolment = Enrolment.objects.get(asn=world.staff_a, course=course)
    assert enrolment.completed_at is not None and enrolment.jp_credited == 2
    assert [c["kind"] for c in received] == ["module", "course"]


def test_module_test_is_required(world, received, django_capture_on_commit_callbacks):
    course = make_course(modules=1, lessons=1, module_test=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    module = modules_of(course)[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_mark_complete(user=user, lesson=lessons_of(course)[0])
    enrolment = Enrolment.objects.get(asn=world.staff_a, course=course)
    assert enrolment.completed_at is None and enrolment.progress == 50
    assert _outline(enrolment).next_step_url() == module.url
    with django_capture_on_commit_callbacks(execute=True):
        _pass_quiz(user, module, module.test_quiz)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert [c["kind"] for c in received] == ["module", "course"]
