"""The course catalogue and the course page."""

from __future__ import annotations

from django.db.models import (
    Count,
)

from pamong.people.access import scope_for

from ..models import (
    Certificate,
    CoursePage,
    CourseTag,
    Enrolment,
)
from ..rules import Delivery
from .outline import course_outline, course_outlines_for, root_url_path_for
from .steps import enrolment_for


def catalogue_for(*, index, user, tag: str = "", delivery: str = "", request=None) -> dict:
    """Live courses under ``index``, filtered by tag and delivery type, with the user's enrolments."""
    courses = (
        CoursePage.objects.child_of(index)
        .live()
        .select_related("cover_image")
        .prefetch_related("tags")
        .order_by("title")
    )
    if tag:
        courses = courses.filter(tags__slug=tag)
    if delivery in Delivery.values:
        courses = courses.filter(delivery=delivery)
    else:
        delivery = ""
    courses = list(courses)
    enrolled: dict[int, Enrolment] = {}
    if getattr(user, "is_authenticated", False) and courses:
        enrolled = {
            e.course_id: e
            for e in Enrolment.objects.filter(asn__user_id=user.pk, course_id__in=[c.pk for c in courses])
        }
    # The learner's unfinished courses resume at their next step in one click: one more query.
    unfinished = [c for c in courses if c.pk in enrolled and not enrolled[c.pk].completed_at]
    outlines = (
        course_outlines_for(
            asn_id=enrolled[unfinished[0].pk].asn_id,
            courses=[(c.path, c.depth) for c in unfinished],
            root_url_path=root_url_path_for(index, request),
        )
        if unfinished
        else {}
    )
    for course in courses:
        course.my_enrolment = enrolled.get(course.pk)
        course.my_outline = outlines.get(course.pk)

    all_tags = (
        CourseTag.objects.filter(content_object__live=True, content_object__path__startswith=index.path)
        .values("tag__name", "tag__slug")
        .annotate(n=Count("pk"))
        .order_by("tag__name")
    )
    return {
        "courses": courses,
        "tag": tag,
        "delivery": delivery,
        "tags": list(all_tags),
        "delivery_choices": Delivery.choices,
    }


def course_context_for(*, course: CoursePage, user, request=None) -> dict:
    """Context of a course page: outline, the user's enrolment and prerequisites."""
    enrolment = enrolment_for(user=user, course_id=course.pk)
    outline = course_outline(
        course_path=course.path,
        course_depth=course.depth,
        root_url_path=root_url_path_for(course, request),
        enrolment_id=enrolment.pk if enrolment else None,
    )
    prerequisites = list(course.prerequisites.live().order_by("title")) if course.pk else []
    done_ids: set[int] = set()
    if prerequisites and getattr(user, "is_authenticated", False):
        done_ids = set(
            Enrolment.objects.filter(
                asn__user_id=user.pk,
                course_id__in=[p.pk for p in prerequisites],
                completed_at__isnull=False,
            ).values_list("course_id", flat=True)
        )
    for prerequisite in prerequisites:
        prerequisite.is_done = prerequisite.pk in done_ids
    certificate = None
    if enrolment and enrolment.completed_at:
        certificate = Certificate.objects.filter(enrolment=enrolment).first()
    return {
        "outline": outline,
        "enrolment": enrolment,
        "prerequisites": prerequisites,
        "missing_prerequisites": [p for p in prerequisites if not p.is_done],
        "certificate": certificate,
        "can_enrol": scope_for(user).asn_id is not None
        if getattr(user, "is_authenticated", False)
        else False,
    }
