"""Reads of the learning app: catalogue, outlines, progress, dashboards, certificates, records.

The lesson page is the hot path. :func:`step_context_for` takes the course outline from the shared
cache (:mod:`learning.cache`) and reads only the learner's own rows: their completions and passed
tests in one indexed query (:func:`progress_of`), and the enrolment with the attempt summary of the
current page in a second, so its cost does not grow with the size of the course or the province.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connections, router
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from wagtail.models import Page

from pamong.people.access import asn_scope_q, scope_for
from pamong.people.models import ASN
from pamong.people.regulation import RuleKind

from .cache import outline_structure, outline_structures
from .models import (
    Certificate,
    CoursePage,
    CourseTag,
    Enrolment,
    JpCredit,
    LessonCompletion,
    LessonPage,
    LessonVideo,
    PppkJpTarget,
    QuizAttempt,
    ScormAttempt,
    ScormPackage,
    Statement,
    VideoWatch,
)
from .rules import JP_ANNUAL_MINIMUM, JP_ANNUAL_MINIMUM_SOURCE, Delivery

STEPLEN = Page.steplen


# --------------------------------------------------------------------------------------------------
# Outline and progress
# --------------------------------------------------------------------------------------------------


@dataclass
class LessonStep:
    id: int
    title: str
    url: str
    required: bool
    quiz_id: int | None
    done: bool = False


@dataclass
class ModuleStep:
    id: int
    title: str
    url: str
    test_quiz_id: int | None
    test_passed: bool = False
    lessons: list[LessonStep] = field(default_factory=list)

    @property
    def required_total(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.required) + (1 if self.test_quiz_id else 0)

    @property
    def required_done(self) -> int:
        done = sum(1 for lesson in self.lessons if lesson.required and lesson.done)
        return done + (1 if self.test_quiz_id and self.test_passed else 0)

    @property
    def complete(self) -> bool:
        return self.required_total > 0 and self.required_done == self.required_total


@dataclass
class Outline:
    """A course's modules and lessons in page-tree order, with one learner's progress on them."""

    course_id: int
    course_title: str
    course_url: str
    jp: int
    show_correct_answers: bool
    modules: list[ModuleStep]
    course_path: str = ""  # the course page's tree path

    @property
    def lessons(self) -> list[LessonStep]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def required_total(self) -> int:
        return sum(module.required_total for module in self.modules)

    @property
    def required_done(self) -> int:
        return sum(module.required_done for module in self.modules)

    @property
    def percent(self) -> int:
        total = self.required_total
        return 0 if total == 0 else (100 * self.required_done) // total

    @property
    def complete(self) -> bool:
        total = self.required_total
        return total > 0 and self.required_done == total

    @property
    def started(self) -> bool:
        """Whether the learner has done any lesson or passed any module test (else the button says
        "Mulai belajar")."""
        return any(lesson.done for lesson in self.lessons) or any(m.test_passed for m in self.modules)

    def next_step_url(self) -> str:
        """Where "Lanjutkan belajar" goes: the first required lesson or module test not yet done,
        else the first lesson not yet done, else the first lesson."""
        for module in self.modules:
            for lesson in module.lessons:
                if lesson.required and not lesson.done:
                    return lesson.url
            if module.test_quiz_id and not module.test_passed:
                return module.url
        for lesson in self.lessons:
            if not lesson.done:
                return lesson.url
        lessons = self.lessons
        return lessons[0].url if lessons else self.course_url

    def neighbours(self, page_id: int) -> tuple[LessonStep | None, LessonStep | None]:
        lessons = self.lessons
        for i, lesson in enumerate(lessons):
            if lesson.id == page_id:
                return (lessons[i - 1] if i > 0 else None, lessons[i + 1] if i + 1 < len(lessons) else None)
        return None, None


def course_path_of(page: Page) -> tuple[str, int]:
    """The tree path and depth of the course a module (depth+1) or lesson (depth+2) belongs to."""
    depth = page.depth - (2 if isinstance(page, LessonPage) else 1)
    return page.path[: depth * STEPLEN], depth


def course_outline(
    *, course_path: str, course_depth: int, root_url_path: str, enrolment_id: int | None = None
) -> Outline | None:
    """The outline of the course at ``course_path`` (the course row and its live modules and lessons).

    The structure is the same for every learner and comes from the shared cache
    (:func:`learning.cache.outline_structure`, one query per content version); with
    ``enrolment_id``, each lesson says whether it is done and each module whether its test was
    passed, from ONE indexed query (:func:`progress_of`). ``root_url_path`` is the site root's
    ``url_path`` (to turn ``url_path`` into a URL).
    """
    outline = outline_structure(
        course_path=course_path, course_depth=course_depth, root_url_path=root_url_path
    )
    if outline is not None and enrolment_id is not None:
        _mark_progress([outline], *progress_of(enrolment_ids=[enrolment_id]))
    return outline


def course_outline_uncached(*, course_path: str, course_depth: int, root_url_path: str) -> Outline | None:
    """The outline without progress, read from the page tree in one query (what is cached)."""
    rows = Page.objects.filter(path__startswith=course_path, depth__lte=course_depth + 2, live=True)
    outlines = _outlines_from_rows(
        rows, course_paths={course_path}, root_url_path=root_url_path, with_progress=False
    )
    return outlines[0] if outlines else None


def course_outlines_uncached(*, courses: list[tuple[str, int]], root_url_path: str) -> dict[str, Outline]:
    """The outlines without progress of several courses ``(path, depth)``, in ONE query:
    ``{course path: Outline}`` (a course that is not live is missing)."""
    where = Q()
    for path, depth in courses:
        where |= Q(path__startswith=path, depth__lte=depth + 2)
    rows = Page.objects.filter(where, live=True)
    outlines = _outlines_from_rows(
        rows,
        course_paths={path for path, _depth in courses},
        root_url_path=root_url_path,
        with_progress=False,
    )
    return {outline.course_path: outline for outline in outlines}


def progress_of(*, enrolment_ids: list[int] | None = None, asn_id: int | None = None) -> tuple[set, set]:
    """``(done lesson ids, page ids with a passed attempt)`` of some enrolments (or of every
    enrolment of ``asn_id``), in ONE query over the completion and attempt indexes. Every lesson,
    module and dashboard page runs it: SQL written here, not built by the ORM on each request."""
    lc, qa, e = LessonCompletion._meta.db_table, QuizAttempt._meta.db_table, Enrolment._meta.db_table
    if asn_id is not None:
        mine, params = f"enrolment_id IN (SELECT id FROM {e} WHERE asn_id = %s)", [asn_id]
    else:
        ids = [int(pk) for pk in enrolment_ids or []]
        if not ids:
            return set(), set()
        mine, params = f"enrolment_id IN ({', '.join(['%s'] * len(ids))})", ids
    sql = (
        f"SELECT lesson_id, 0 FROM {lc} WHERE {mine} "
        f"UNION SELECT page_id, 1 FROM {qa} WHERE {mine} AND passed = %s"
    )
    done: set[int] = set()
    passed: set[int] = set()
    with connections[router.db_for_read(LessonCompletion)].cursor() as cursor:
        cursor.execute(sql, [*params, *params, True])
        for page_id, kind in cursor.fetchall():
            (passed if kind else done).add(page_id)
    return done, passed


def _mark_progress(outlines: list[Outline], done: set[int], passed: set[int]) -> None:
    for outline in outlines:
        for module in outline.modules:
            module.test_passed = module.id in passed
            for lesson in module.lessons:
                lesson.done = lesson.id in done


def course_outlines_for(
    *, asn_id: int, courses: list[tuple[str, int]], root_url_path: str
) -> dict[int, Outline]:
    """The outlines, with ``asn_id``'s progress, of several courses given as ``(path, depth)``:
    ``{course id: Outline}``. The structures come from the shared cache; the progress is ONE query
    whatever the number of courses and lessons (a lesson or module belongs to one course and a
    learner has one enrolment per course, so the completions are found through the ASN).
    """
    if not courses:
        return {}
    outlines = outline_structures(courses=courses, root_url_path=root_url_path)
    _mark_progress(outlines, *progress_of(asn_id=asn_id))
    return {outline.course_id: outline for outline in outlines}


def _outlines_from_rows(
    rows, *, course_paths: set[str], root_url_path: str, with_progress: bool
) -> list[Outline]:
    """Outlines built from page rows read in tree order: a row whose path is in ``course_paths``
    starts a course, the rows one and two levels below it are its modules and lessons."""
    values = [
        "id",
        "title",
        "path",
        "depth",
        "url_path",
        "coursepage__jp",
        "coursepage__show_correct_answers",
        "modulepage__test_quiz_id",
        "lessonpage__required",
        "lessonpage__quiz_id",
    ]
    if with_progress:
        values += ["done", "passed"]
    outlines: list[Outline] = []
    outline = module = None
    course_depth = 0
    for row in rows.order_by("path").values(*values):
        url = "/" + row["url_path"][len(root_url_path) :]
        if row["path"] in course_paths:
            course_depth = row["depth"]
            outline = Outline(
                course_id=row["id"],
                course_title=row["title"],
                course_url=url,
                jp=row["coursepage__jp"] or 0,
                show_correct_answers=bool(row["coursepage__show_correct_answers"]),
                modules=[],
                course_path=row["path"],
            )
            outlines.append(outline)
            module = None
        elif outline is None:
            continue
        elif row["depth"] == course_depth + 1:
            module = ModuleStep(
                id=row["id"],
                title=row["title"],
                url=url,
                test_quiz_id=row["modulepage__test_quiz_id"],
                test_passed=bool(row.get("passed")),
            )
            outline.modules.append(module)
        elif (
            module is not None
            and row["depth"] == course_depth + 2
            and row["lessonpage__required"] is not None
        ):
            module.lessons.append(
                LessonStep(
                    id=row["id"],
                    title=row["title"],
                    url=url,
                    required=row["lessonpage__required"],
                    quiz_id=row["lessonpage__quiz_id"],
                    done=bool(row.get("done")),
                )
            )
    return outlines


def root_url_path_for(page: Page, request=None) -> str:
    """The ``url_path`` of the site root above ``page`` (``"/beranda/"`` on the default site)."""
    if request is not None and page.url_path.endswith(request.path[1:]) and request.path.startswith("/"):
        return page.url_path[: len(page.url_path) - len(request.path) + 1]  # served at its own URL
    url = page.get_url(request=request) or page.url_path
    if url.startswith("http"):
        url = urlsplit(url).path
    return page.url_path[: len(page.url_path) - len(url) + 1]


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


# --------------------------------------------------------------------------------------------------
# Catalogue and course page
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# Learner dashboard and JP
# --------------------------------------------------------------------------------------------------


def jp_for_year(*, asn_id: int, year: int) -> int:
    """JP credited to an ASN in a calendar year (local time): courses completed, plus the other JP
    credits (attended sessions, verified outside learning; :func:`jp_credits`)."""
    start, end = _year_bounds(year)
    total = Enrolment.objects.filter(asn_id=asn_id, completed_at__gte=start, completed_at__lt=end).aggregate(
        total=Sum("jp_credited")
    )["total"]
    other = jp_credits(year=year).filter(asn_id=asn_id).aggregate(total=Sum("jp"))["total"]
    return (total or 0) + (other or 0)


def jp_credits(*, year: int | None = None) -> QuerySet[JpCredit]:
    """JP credited outside course completions — an attended session's JP, a verified outside record
    (each at most once) — earned in ``year``. Every JP total (the ledger, the 20 JP meter, HR's
    compliance figures) adds these to the JP of completed courses."""
    credits = JpCredit.objects.all()
    return credits if year is None else credits.filter(earned_on__year=year)


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


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


# --------------------------------------------------------------------------------------------------
# JP targets
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JpTarget:
    """The JP a year an ASN is measured against, and where that figure comes from."""

    jp: int
    source: str
    source_kind: str

    @property
    def is_national(self) -> bool:
        return self.source_kind == RuleKind.NATIONAL

    @property
    def basis_label(self) -> str:
        return f"{RuleKind(self.source_kind).label}: {self.source}"

    def percent(self, total: int) -> int:
        return min(100, (100 * total) // self.jp) if self.jp else 100

    def missing(self, total: int) -> int:
        return max(0, self.jp - total)


#: The national minimum, for PNS only.
PNS_JP_TARGET = JpTarget(JP_ANNUAL_MINIMUM, JP_ANNUAL_MINIMUM_SOURCE, RuleKind.NATIONAL)


def jp_target_for(*, asn: ASN) -> JpTarget | None:
    """The JP target of ``asn`` for a calendar year, or ``None`` when there is none.

    A PNS: the national minimum of 20 JP (:data:`PNS_JP_TARGET`). A PPPK: the target their instansi
    set (:class:`~learning.models.PppkJpTarget`, one query), else ``None`` — no national rule sets a
    minimum for PPPK, so a PPPK is never reported against 20 JP by default."""
    if asn.employment_type != ASN.EmploymentType.PPPK:
        return PNS_JP_TARGET
    row = PppkJpTarget.objects.filter(instansi_id=asn.instansi_id).only("jp", "source", "source_kind").first()
    return JpTarget(row.jp, row.source, row.source_kind) if row else None


def jp_target_expression(*, prefix: str = "") -> Case:
    """The JP target as a query expression over ASN rows (``prefix`` for a related ASN, e.g.
    ``"asn__"``): the national minimum for PNS, the instansi's PPPK target or NULL for PPPK."""
    return Case(
        When(
            **{f"{prefix}employment_type": ASN.EmploymentType.PPPK},
            then=Subquery(
                PppkJpTarget.objects.filter(instansi_id=OuterRef(f"{prefix}instansi_id")).values("jp")[:1]
            ),
        ),
        default=Value(JP_ANNUAL_MINIMUM),
        output_field=IntegerField(),
    )


def jp_target_sql(*, alias: str) -> tuple[str, list]:
    """The same as :func:`jp_target_expression` in raw SQL over the ASN table aliased ``alias``:
    ``(sql, params)``, NULL for a PPPK whose instansi set no target."""
    table = PppkJpTarget._meta.db_table
    sql = (
        f"(CASE WHEN {alias}.employment_type = %s "
        f"THEN (SELECT t.jp FROM {table} t WHERE t.instansi_id = {alias}.instansi_id) ELSE %s END)"
    )
    return sql, [ASN.EmploymentType.PPPK, JP_ANNUAL_MINIMUM]


def dashboard_for(*, asn_id: int, root_url_path: str) -> dict:
    """The learner dashboard: courses in progress and completed, JP this year against the person's
    target (:func:`jp_target_for`; none for a PPPK whose instansi set none)."""
    today = timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(asn_id=asn_id)
        .select_related("certificate")
        .annotate(
            course_title=Subquery(Page.objects.filter(pk=OuterRef("course_id")).values("title")[:1]),
            course_url_path=Subquery(Page.objects.filter(pk=OuterRef("course_id")).values("url_path")[:1]),
            course_jp=Subquery(CoursePage.objects.filter(pk=OuterRef("course_id")).values("jp")[:1]),
            course_path=Subquery(Page.objects.filter(pk=OuterRef("course_id")).values("path")[:1]),
            course_depth=Subquery(Page.objects.filter(pk=OuterRef("course_id")).values("depth")[:1]),
        )
        .order_by("due_date", "-enrolled_at")
    )
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
        try:
            e.cert = e.certificate
        except Certificate.DoesNotExist:
            e.cert = None
        (completed if e.completed_at else in_progress).append(e)
    in_progress.sort(key=lambda e: (e.due_date is None, e.due_date or today, e.course_title or ""))
    completed.sort(key=lambda e: e.completed_at, reverse=True)
    start, end = _year_bounds(today.year)
    credits = list(jp_credits(year=today.year).filter(asn_id=asn_id).order_by("-earned_on", "-pk"))
    jp_year = sum(e.jp_credited for e in completed if start <= e.completed_at < end) + sum(
        c.jp for c in credits
    )
    target = jp_target_for(asn=ASN.objects.only("employment_type", "instansi_id").get(pk=asn_id))
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


# --------------------------------------------------------------------------------------------------
# Certificates, attempts and records
# --------------------------------------------------------------------------------------------------


def certificate_visible_to(*, user, code: str) -> Certificate | None:
    """The certificate with ``code`` if ``user`` may download it: the holder, their atasan (two
    levels) and HR of their instansi (``pamong.people.access``); otherwise ``None``."""
    qs = Certificate.objects.filter(code=code).select_related("enrolment__asn")
    q = asn_scope_q(user, prefix="enrolment__asn__")
    if q is not None:
        qs = qs.filter(q)
    return qs.first()


def completion_certificate(*, enrolment_id: int, asn_id: int | None) -> Certificate | None:
    """The certificate of the learner's own completed enrolment, for the "course complete" moment."""
    if asn_id is None:
        return None
    return (
        Certificate.objects.filter(enrolment_id=enrolment_id, enrolment__asn_id=asn_id)
        .select_related("enrolment")
        .first()
    )


def certificate_public(*, code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code).first()


def attempt_for_owner(*, user, attempt_id: int) -> QuizAttempt | None:
    """An attempt, only for the learner who owns it."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        QuizAttempt.objects.filter(pk=attempt_id, enrolment__asn__user_id=user.pk)
        .select_related("quiz", "enrolment")
        .first()
    )


def attempt_reveals_answers(
    *, attempt: QuizAttempt, course_allows: bool, tries: AttemptTries | None = None
) -> bool:
    """Whether the result of ``attempt`` may show the correct answers, the per-question right/wrong
    marks and the explanations.

    Never while the attempt is open, never when the course says no, and otherwise only once the
    answers can no longer help on this quiz: the learner has passed it (this or an earlier attempt
    on the same page), or has used the quiz's last attempt. A failed attempt with attempts left
    reveals nothing (a learner could otherwise fail once with blanks and pass with the answers).
    """
    if attempt.is_open or not course_allows:
        return False
    if attempt.passed:
        return True
    tries = tries or attempt_tries(attempt=attempt)
    return tries.passed or tries.exhausted


@dataclass(frozen=True)
class AttemptTries:
    """How a learner stands on one quiz: submitted attempts, whether one passed, what is left.

    ``limit`` 0 means unlimited (``left`` is then ``None``).
    """

    used: int
    passed: bool
    limit: int

    @property
    def left(self) -> int | None:
        return max(0, self.limit - self.used) if self.limit else None

    @property
    def exhausted(self) -> bool:
        return bool(self.limit) and self.used >= self.limit

    @property
    def can_retry(self) -> bool:
        return not self.passed and not self.exhausted


def attempt_tries(*, attempt: QuizAttempt) -> AttemptTries:
    """The learner's attempts at the quiz of ``attempt`` on the same page (one query)."""
    counts = QuizAttempt.objects.filter(
        enrolment_id=attempt.enrolment_id, page_id=attempt.page_id, quiz_id=attempt.quiz_id
    ).aggregate(
        passed=Count("pk", filter=Q(passed=True)),
        used=Count("pk", filter=Q(state=QuizAttempt.State.SUBMITTED)),
    )
    return AttemptTries(used=counts["used"], passed=bool(counts["passed"]), limit=attempt.quiz.max_attempts)


def statements_for(
    *, user, since: datetime.datetime | None = None, instansi_id: int | None = None
) -> QuerySet:
    """Learning records visible to ``user`` (HR scope), oldest first, with the actor joined;
    ``since`` keeps those stored after that time (xAPI: ``stored``, not ``timestamp``)."""
    qs = Statement.objects.select_related("asn").order_by("timestamp", "pk")
    q = asn_scope_q(user, prefix="asn__")
    if q is not None:
        qs = qs.filter(q)
    if since is not None:
        qs = qs.filter(stored__gt=since)
    if instansi_id:
        qs = qs.filter(asn__instansi_id=instansi_id)
    return qs


def statements_of(*, asn_id: int, since: datetime.datetime | None = None) -> QuerySet:
    """One ASN's own learning records (their download), oldest first, with the actor joined."""
    qs = Statement.objects.select_related("asn").filter(asn_id=asn_id).order_by("timestamp", "pk")
    if since is not None:
        qs = qs.filter(stored__gt=since)
    return qs


def assignment_report_for(*, user, limit: int = 50) -> list[dict]:
    """Assigned courses in the HR user's scope, grouped by course and due date, with counts."""
    today = timezone.localdate()
    qs = Enrolment.objects.filter(source=Enrolment.Source.ASSIGNED)
    q = asn_scope_q(user, prefix="asn__")
    if q is not None:
        qs = qs.filter(q)
    rows = (
        qs.values("course_id", "due_date")
        .annotate(
            total=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            overdue=Count("pk", filter=Q(completed_at__isnull=True, due_date__lt=today)),
        )
        .order_by("-due_date", "course_id")[:limit]
    )
    rows = list(rows)
    titles = dict(Page.objects.filter(pk__in={r["course_id"] for r in rows}).values_list("pk", "title"))
    for row in rows:
        row["course_title"] = titles.get(row["course_id"], "")
        row["percent"] = (100 * row["completed"]) // row["total"] if row["total"] else 0
    return rows


# --------------------------------------------------------------------------------------------------
# Packaged lesson content (SCORM, video)
# --------------------------------------------------------------------------------------------------


def lesson_content_access(*, user, lesson_id: int) -> tuple[LessonPage, Enrolment] | None:
    """A live lesson and the user's enrolment on its course, or ``None`` when the user may not open
    the lesson's content (not enrolled, lesson missing or not live). Two queries."""
    lesson = LessonPage.objects.live().defer_streamfields().filter(pk=lesson_id).first()
    if lesson is None:
        return None
    course_path, _depth = course_path_of(lesson)
    enrolment = enrolment_for(user=user, course_path=course_path)
    if enrolment is None:
        return None
    return lesson, enrolment


def scorm_runtime_for(*, lesson: LessonPage, enrolment: Enrolment | None, asn: ASN | None) -> dict | None:
    """What the SCORM player of ``lesson`` needs: the package and the flattened cmi data the runtime
    starts from (the learner, the mastery score and, on a return visit, status, location and suspend
    data, so the SCO resumes where the learner left off)."""
    package = ScormPackage.objects.filter(pk=lesson.scorm_package_id).first()
    if package is None:
        return None
    attempt = (
        ScormAttempt.objects.filter(enrolment=enrolment, lesson=lesson, package=package).first()
        if enrolment is not None
        else None
    )
    v12 = package.version == ScormPackage.Version.SCORM_12
    state: dict[str, str] = {}
    if asn is not None:
        state["cmi.core.student_id" if v12 else "cmi.learner_id"] = asn.nip
        state["cmi.core.student_name" if v12 else "cmi.learner_name"] = asn.name
    if v12 and package.mastery_score is not None:
        state["cmi.student_data.mastery_score"] = str(package.mastery_score.normalize())
    if attempt is not None:
        if v12:
            state["cmi.core.lesson_location"] = attempt.location
            if attempt.lesson_status:
                state["cmi.core.lesson_status"] = attempt.lesson_status
            state["cmi.core.entry"] = "resume"
        else:
            state["cmi.location"] = attempt.location
            if attempt.completion_status:
                state["cmi.completion_status"] = attempt.completion_status
            if attempt.success_status:
                state["cmi.success_status"] = attempt.success_status
            state["cmi.entry"] = "resume"
        state["cmi.suspend_data"] = attempt.suspend_data
    return {"package": package, "attempt": attempt, "state": state}


def video_progress_for(*, lesson: LessonPage, enrolment: Enrolment | None) -> dict | None:
    """The lesson's video and how much of it the learner has watched (percent)."""
    lesson_video = LessonVideo.objects.filter(pk=lesson.video_id).first()
    if lesson_video is None:
        return None
    watch = (
        VideoWatch.objects.filter(enrolment=enrolment, lesson=lesson, video=lesson_video).first()
        if enrolment is not None
        else None
    )
    duration = float(lesson_video.duration_seconds) or 1.0
    watched = float(watch.watched_seconds) if watch else 0.0
    return {
        "video": lesson_video,
        "watch": watch,
        "percent": min(100, round(100 * watched / duration)),
        "required_percent": settings.PAMONG_VIDEO_COMPLETION_PERCENT,
    }
