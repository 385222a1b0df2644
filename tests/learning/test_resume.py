"""One click resumes a course: the button says "Mulai belajar" before the first step and
"Lanjutkan belajar" after it, and goes straight to the next unfinished step — on the course page,
in the catalogue and on the learner dashboard (/belajar/)."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import Enrolment
from learning.selectors import course_outlines_for, courses_in_progress
from tests.factories.learning import lessons_of, make_course


def _button(html: str, label: str) -> str:
    """The href of the link whose text starts with ``label``."""
    match = re.search(r'href="([^"]+)">' + label, html)
    assert match, f"no {label!r} link"
    return match.group(1)


def test_course_page_says_mulai_at_zero_and_lanjutkan_after_a_lesson(world, client_for):
    course = make_course(modules=2, lessons=2)
    lessons = lessons_of(course)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    client = client_for(world.staff_a.user)

    html = client.get(course.url).content.decode()
    assert _button(html, "Mulai belajar") == lessons[0].url
    assert "Lanjutkan belajar" not in html

    services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons[0])
    html = client.get(course.url).content.decode()
    assert _button(html, "Lanjutkan belajar") == lessons[1].url
    assert "Mulai belajar" not in html


def test_dashboard_resumes_at_the_next_unfinished_lesson(world, client_for):
    fresh = make_course(title="Kursus Baru", modules=1, lessons=2)
    begun = make_course(title="Kursus Berjalan", modules=2, lessons=2)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=fresh)
    services.enrolment_self_create(user=user, course=begun)
    for lesson in lessons_of(begun)[:3]:
        services.lesson_mark_complete(user=user, lesson=lesson)

    html = client_for(user).get(reverse("learning:dashboard")).content.decode()
    assert _button(html, "Mulai belajar") == lessons_of(fresh)[0].url
    assert _button(html, "Lanjutkan belajar") == lessons_of(begun)[3].url  # module 2, lesson 2


def test_catalogue_resumes_an_unfinished_course_and_not_a_finished_one(world, client_for):
    begun = make_course(title="Kursus Berjalan", modules=1, lessons=3)
    finished = make_course(title="Kursus Selesai", modules=1, lessons=1)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=begun)
    services.enrolment_self_create(user=user, course=finished)
    services.lesson_mark_complete(user=user, lesson=lessons_of(begun)[0])
    services.lesson_mark_complete(user=user, lesson=lessons_of(finished)[0])

    html = client_for(user).get("/pelatihan/").content.decode()
    assert _button(html, "Lanjutkan belajar") == lessons_of(begun)[1].url
    assert html.count("Lanjutkan belajar") == 1
    assert "Mulai belajar" not in html


def test_catalogue_has_no_resume_button_for_visitors_or_other_learners(world, client_for):
    course = make_course(modules=1, lessons=1)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    for user in (None, world.staff_a2.user):
        html = client_for(user).get("/pelatihan/").content.decode()
        assert "Mulai belajar" not in html and "Lanjutkan belajar" not in html


def test_outlines_of_several_courses_in_one_query(world, django_assert_num_queries):
    courses = [make_course(modules=2, lessons=3) for _ in range(3)]
    user = world.staff_a.user
    for course in courses:
        services.enrolment_self_create(user=user, course=course)
    services.lesson_mark_complete(user=user, lesson=lessons_of(courses[1])[0])
    # cold cache: the three structures in one query, the learner's progress in one more
    with django_assert_num_queries(2):
        course_outlines_for(
            asn_id=world.staff_a.pk, courses=[(c.path, c.depth) for c in courses], root_url_path="/beranda/"
        )
    with django_assert_num_queries(1):  # warm: only the progress
        outlines = course_outlines_for(
            asn_id=world.staff_a.pk, courses=[(c.path, c.depth) for c in courses], root_url_path="/beranda/"
        )
    assert set(outlines) == {c.pk for c in courses}
    assert [len(outlines[c.pk].lessons) for c in courses] == [6, 6, 6]
    assert not outlines[courses[0].pk].started and outlines[courses[1].pk].started
    assert outlines[courses[1].pk].next_step_url() == lessons_of(courses[1])[1].url
    # another learner's completions never count
    assert not course_outlines_for(
        asn_id=world.staff_a2.pk, courses=[(courses[1].path, courses[1].depth)], root_url_path="/beranda/"
    )[courses[1].pk].started


def test_courses_in_progress_soonest_due_first(world):
    user = world.staff_a.user
    later, sooner, undated = (
        make_course(title=t, modules=1, lessons=1) for t in ("Nanti", "Segera", "Kapan")
    )
    for course in (later, sooner, undated):
        services.enrolment_self_create(user=user, course=course)
    today = timezone.localdate()
    Enrolment.objects.filter(course=later).update(due_date=today + datetime.timedelta(days=30))
    Enrolment.objects.filter(course=sooner).update(due_date=today - datetime.timedelta(days=1))
    rows = courses_in_progress(asn_id=world.staff_a.pk, root_url_path="/beranda/")
    assert [e.course_title for e in rows] == ["Segera", "Nanti", "Kapan"]
    assert rows[0].is_overdue and not rows[1].is_overdue
    assert rows[0].next_url == lessons_of(sooner)[0].url
