"""The context of a module or lesson page: the learner's enrolment with the page's quiz attempts, and
the outline with their progress (two queries whatever the course size).
"""

from __future__ import annotations

from functools import cache

from wagtail.models import Page

from pamong.people.models import ASN

from ..models import (
    Enrolment,
    QuizAttempt,
)
from .outline import course_outline, course_path_of, root_url_path_for


@cache
def _enrolment_sql(*, by_path: bool, with_attempts: bool) -> str:
    """The SQL of :func:`enrolment_for`, written once per shape: every lesson and module page runs
    it, and the ORM spent more CPU building the four attempt subqueries than the database spent
    answering them. Plain SQL that SQLite and PostgreSQL both run; parameters in the order of
    :func:`enrolment_for`."""
    e, a, q = Enrolment._meta.db_table, ASN._meta.db_table, QuizAttempt._meta.db_table
    select = [f"{e}.*"]
    if with_attempts:
        mine = f"FROM {q} x WHERE x.enrolment_id = {e}.id AND x.page_id = %s AND x.state = %s"
        select += [
            f"(SELECT COUNT(*) {mine}) AS attempts_used",
            f"(SELECT MAX(x.score) {mine}) AS best_score",
            f"(SELECT x.id {mine} ORDER BY x.id LIMIT 1) AS open_attempt_id",
            f"(SELECT x.id {mine} ORDER BY x.number DESC LIMIT 1) AS last_attempt_id",
        ]
    course = (
        f"{e}.course_id IN (SELECT p.id FROM {Page._meta.db_table} p WHERE p.path = %s)"
        if by_path
        else f"{e}.course_id = %s"
    )
    return (
        f"SELECT {', '.join(select)} FROM {e} JOIN {a} ON {a}.id = {e}.asn_id "
        f"WHERE {a}.user_id = %s AND {course} ORDER BY {e}.id LIMIT 1"
    )


def enrolment_for(
    *, user, course_id: int | None = None, course_path: str | None = None, page_id: int | None = None
) -> Enrolment | None:
    """The user's enrolment on a course (by id or tree path), in one query.

    With ``page_id`` it is annotated with that page's quiz attempts: ``attempts_used`` (submitted),
    ``best_score``, ``open_attempt_id`` and ``last_attempt_id``.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    params: list = []
    if page_id is not None:
        submitted, open_ = QuizAttempt.State.SUBMITTED, QuizAttempt.State.OPEN
        params += [page_id, submitted, page_id, submitted, page_id, open_, page_id, submitted]
    params += [user.pk, course_path if course_id is None else course_id]
    sql = _enrolment_sql(by_path=course_id is None, with_attempts=page_id is not None)
    return next(iter(Enrolment.objects.raw(sql, params)), None)


def step_context_for(*, page, user, request=None) -> dict:
    """Context of a module or lesson page: outline with progress, neighbours and quiz state.

    Two queries whatever the course size: the enrolment (with this page's attempt summary) and the
    outline (with the learner's completions).
    """
    course_path, course_depth = course_path_of(page)
    enrolment = enrolment_for(user=user, course_path=course_path, page_id=page.pk)
    outline = course_outline(
        course_path=course_path,
        course_depth=course_depth,
        root_url_path=root_url_path_for(page, request),
        enrolment_id=enrolment.pk if enrolment else None,
    )
    previous, following = outline.neighbours(page.pk) if outline else (None, None)
    current_lesson = current_module = None
    for module in outline.modules if outline else []:
        if module.id == page.pk:
            current_module = module
        for lesson in module.lessons:
            if lesson.id == page.pk:
                current_lesson, current_module = lesson, module
    quiz_id = getattr(page, "quiz_id", None) if current_lesson else getattr(page, "test_quiz_id", None)
    attempts_used = (getattr(enrolment, "attempts_used", None) or 0) if enrolment else 0
    return {
        "outline": outline,
        "enrolment": enrolment,
        "current_lesson": current_lesson,
        "current_module": current_module,
        "previous_lesson": previous,
        "next_lesson": following,
        "quiz_id": quiz_id,
        "attempts_used": attempts_used,
        "page_title": page.title,
    }
