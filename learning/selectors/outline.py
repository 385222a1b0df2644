"""A course's outline (modules and lessons in tree order) and one learner's progress on it.

The structure is the same for every learner and comes from the shared cache
(:mod:`learning.cache`); the learner's own completions and passed tests are one indexed query
(:func:`progress_of`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import connections, router
from django.db.models import (
    Q,
)
from wagtail.models import Page

from ..cache import outline_structure, outline_structures
from ..models import (
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
)

STEPLEN = Page.steplen


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
