"""The learner dashboard and the learner's unfinished courses."""

from __future__ import annotations

from functools import cache

from django.db.models import (
    OuterRef,
    Subquery,
)
from django.utils import timezone
from wagtail.models import Page

from pamong.people.models import ASN

from ..models import (
    Certificate,
    CoursePage,
    Enrolment,
)
from .jp import _year_bounds, jp_credits_of, jp_target_for
from .outline import course_outlines_for


def courses_in_progress(*, asn_id: int, root_url_path: str) -> list[Enrolment]:
    """The learner's unfinished courses, soonest due first (undated last), in two queries whatever
    the number of courses and lessons. Each enrolment carries ``course_title``, ``course_url``,
    ``next_url`` (the next unfinished step: one click resumes), ``started``, ``percent`` and
    ``is_overdue``."""
    today = timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(asn_id=asn_id, completed_at__isnull=True).annotate(
            course_title=Subquery(Page.objects.filter(pk=OuterRef("course_id")).values("title")[:1]),
            course_url_path=Subquery(Page.objects.filter(pk=OuterRef("course_id")).values("url_path")[:1]),
            course_path=Subquery(Page.objects.filter(pk=OuterRef("course_id"), live=True).values("path")[:1]),
            course_depth=Subquery(Page.objects.filter(pk=OuterRef("course_id")).values("depth")[:1]),
        )
    )
    outlines = course_outlines_for(
        asn_id=asn_id,
        courses=[(e.course_path, e.course_depth) for e in enrolments if e.course_path],
        root_url_path=root_url_path,
    )
    out = []
    for e in enrolments:
        outline = outlines.get(e.course_id)
        if outline is None:  # the course was unpublished
            continue
        e.course_url = outline.course_url
        e.next_url = outline.next_step_url()
        e.started = outline.started
        e.percent = outline.percent
        e.is_overdue = e.due_date is not None and e.due_date < today
        out.append(e)
    out.sort(key=lambda e: (e.due_date is None, e.due_date or today, e.course_title or ""))
    return out


@cache
def _dashboard_sql() -> str:
    """The SQL of the dashboard's enrolments, written once: the ORM spent more CPU building the
    five course subqueries than the database spent answering them. Each row: the enrolment, its
    course's title, ``url_path``, tree path and depth and JP, and its certificate's code and
    whether it was revoked. Plain SQL that SQLite and PostgreSQL both run."""
    e, p, cp, c = (
        Enrolment._meta.db_table,
        Page._meta.db_table,
        CoursePage._meta.db_table,
        Certificate._meta.db_table,
    )
    return (
        f"SELECT e.*, p.title AS course_title, p.url_path AS course_url_path, p.path AS course_path, "
        f"p.depth AS course_depth, cp.jp AS course_jp, c.code AS cert_code, "
        f"(c.revoked_at IS NOT NULL) AS cert_revoked "
        f"FROM {e} e LEFT JOIN {p} p ON p.id = e.course_id LEFT JOIN {cp} cp ON cp.page_ptr_id = e.course_id "
        f"LEFT JOIN {c} c ON c.enrolment_id = e.id WHERE e.asn_id = %s ORDER BY e.due_date, e.enrolled_at DESC"
    )


def dashboard_for(*, asn_id: int, root_url_path: str) -> dict:
    """The learner dashboard: courses in progress and completed, JP this year against the person's
    target (:func:`jp_target_for`; none for a PPPK whose instansi set none).

    Each enrolment carries ``course_title``, ``course_url``, ``next_url``, ``started``,
    ``is_overdue`` and, when completed with a certificate, ``cert_code`` and ``cert_revoked``."""
    today = timezone.localdate()
    enrolments = list(Enrolment.objects.raw(_dashboard_sql(), [asn_id]))
    outlines = course_outlines_for(
        asn_id=asn_id,
        courses=[(e.course_path, e.course_depth) for e in enrolments if not e.completed_at and e.course_path],
        root_url_path=root_url_path,
    )
    in_progress, completed = [], []
    for e in enrolments:
        e.course_url = "/" + (e.course_url_path or "")[len(root_url_path) :]
        outline = outlines.get(e.course_id)
        e.next_url = outline.next_step_url() if outline else e.course_url
        e.started = outline.started if outline else False
        e.is_overdue = e.completed_at is None and e.due_date is not None and e.due_date < today
        e.cert_revoked = bool(e.cert_revoked)
        (completed if e.completed_at else in_progress).append(e)
    in_progress.sort(key=lambda e: (e.due_date is None, e.due_date or today, e.course_title or ""))
    completed.sort(key=lambda e: e.completed_at, reverse=True)
    start, end = _year_bounds(today.year)
    credits = jp_credits_of(asn_id=asn_id, year=today.year)
    jp_year = sum(e.jp_credited for e in completed if start <= e.completed_at < end) + sum(
        c.jp for c in credits
    )
    # plain SQL: on this page the ORM's compiling cost more than the indexed read
    asn = ASN.objects.raw(
        f"SELECT id, employment_type, instansi_id FROM {ASN._meta.db_table} WHERE id = %s", [asn_id]
    )[0]
    target = jp_target_for(asn=asn)
    return {
        "in_progress": in_progress,
        "completed": completed,
        "credits": credits,
        "jp_year": jp_year,
        "jp_target": target,
        "jp_minimum": target.jp if target else None,
        "jp_percent": target.percent(jp_year) if target else None,
        "jp_missing": target.missing(jp_year) if target else 0,
        "year": today.year,
        "overdue_count": sum(1 for e in in_progress if e.is_overdue),
    }
