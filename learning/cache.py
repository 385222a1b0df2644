"""What is the same for every learner, kept in the shared cache (Redis in production).

The learner pages (lesson, module, quiz attempt, ``/belajar/``) are the hot path of a training push.
Their shared parts are read here once per content version instead of once per request:

* :func:`outline_structure` — a course's modules and lessons (titles, URLs, required, quizzes), the
  outline without anyone's progress; the learner's own progress is one indexed query on top
  (:func:`learning.selectors.progress_of`);
* :func:`lesson_body_parts` — a lesson body rendered to HTML, block by block, except the quiz
  blocks (their panel shows the learner's attempts), which are kept as the quiz's facts;
* :func:`quiz_facts` — title, description, pass mark and attempt limit of a quiz;
* :func:`step_page` — the module or lesson page at a URL (without its body, which is the part above).

Keys carry a content version (:data:`VERSION_KEY`) that :func:`content_changed` replaces whenever a
learning page, quiz, question or choice is saved, deleted, published, unpublished or moved (the
receivers are connected in :mod:`learning.apps`), so every process sharing the cache sees new
content on its next request. Entries also expire after :data:`TIMEOUT` seconds.

An entry under a versioned key never changes (new content is a new key), so each process also keeps
the entries it read, pickled, for :data:`LOCAL_SECONDS` (:func:`_get`): a learner page reads the
shared cache once (the version) instead of once per entry (the outline, the page, the body, the
quiz; each round trip cost about as much CPU as a small query). A copy is handed out on every call.
"""

from __future__ import annotations

import pickle
import time
from collections import OrderedDict

from django.core.cache import cache
from django.core.signals import request_started
from django.db.models import Q
from django.utils import translation
from django.utils.safestring import mark_safe

from .models import Choice, LessonPage, ModulePage, Question, Quiz

VERSION_KEY = "learning:content-version"
TIMEOUT = 60 * 60 * 6
#: Seconds a process keeps an entry it read (a safety net like TIMEOUT: the version decides) and
#: how many it keeps (the least recently read go first).
LOCAL_SECONDS = 60
LOCAL_ENTRIES = 512

_local: OrderedDict[str, tuple[float, bytes]] = OrderedDict()


def _get(key: str, default=None):
    """``cache.get(key, default)`` through the process's copies of versioned entries (see the module
    docstring): a fresh object on every call."""
    return _get_many([key]).get(key, default)


def _get_many(keys: list[str]) -> dict:
    """``cache.get_many(keys)`` through the process's copies (see :func:`_get`)."""
    now = time.monotonic()
    found, missing = {}, []
    for key in keys:
        kept = _local.get(key)
        if kept is not None and kept[0] > now:
            _local.move_to_end(key)
            found[key] = pickle.loads(kept[1])
        else:
            missing.append(key)
    if missing:
        read = cache.get_many(missing)
        for key, value in read.items():
            _keep(key, value, now)
        found.update(read)
    return found


def _keep(key: str, value, now: float) -> None:
    _local[key] = (now + LOCAL_SECONDS, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    _local.move_to_end(key)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)


#: While a request is served (``_read["in_request"]``), the version it read (a lesson page asks
#: three times); :func:`request_boundary` empties it when a request starts and when it finishes, so
#: each request reads the version once and afresh, and code outside requests never keeps one.
_read: dict[str, int] = {}


def content_version() -> int:
    version = _read.get(VERSION_KEY)
    if version is None:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY) or 0
        if _read:
            _read[VERSION_KEY] = version
    return version


def request_boundary(*, signal=None, **kwargs) -> None:
    """Receiver of ``request_started`` and ``request_finished`` (connected in :mod:`learning.apps`)."""
    _read.clear()
    if signal is request_started:
        _read["in_request"] = 1


def content_changed(**kwargs) -> None:
    """Make every cached outline, lesson body and quiz stale (a signal receiver)."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    _read.clear()


def outline_structure(*, course_path: str, course_depth: int, root_url_path: str):
    """The outline of the course at ``course_path`` without progress, cached per content version
    (``None`` when the course is not live). A fresh object on every call: callers may mark it."""
    from .selectors import course_outline_uncached  # the selectors import this module (a real cycle)

    key = f"learning:outline:{content_version()}:{root_url_path}:{course_path}:{course_depth}"
    found = _get(key, default=False)
    if found is not False:
        return found
    outline = course_outline_uncached(
        course_path=course_path, course_depth=course_depth, root_url_path=root_url_path
    )
    cache.set(key, outline, TIMEOUT)
    return outline


def outline_structures(*, courses: list[tuple[str, int]], root_url_path: str) -> list:
    """:func:`outline_structure` for several courses ``(path, depth)``: one cache round trip, and the
    courses missing from the cache read together in ONE query (the count does not grow with them)."""
    from .selectors import course_outlines_uncached  # the selectors import this module (a real cycle)

    version = content_version()
    keys = {
        (path, depth): f"learning:outline:{version}:{root_url_path}:{path}:{depth}" for path, depth in courses
    }
    found = _get_many(list(keys.values()))
    missing = [course for course, key in keys.items() if key not in found]
    if missing:
        read = course_outlines_uncached(courses=missing, root_url_path=root_url_path)
        fresh = {keys[course]: read.get(course[0]) for course in missing}  # None: not live
        cache.set_many(fresh, TIMEOUT)
        found.update(fresh)
    return [found[key] for key in keys.values() if found[key] is not None]


def step_page(*, suffix: str, lesson: bool):
    """The live lesson (or module) page whose URL ends with ``suffix`` (``/pelatihan/course/module/
    [lesson/]``), without its StreamFields, cached per content version (``None``: no such page, and
    the caller falls through to Wagtail's router). A fresh object on every call."""
    key = f"learning:step:{content_version()}:{suffix}"
    page = _get(key, default=False)
    if page is False:
        model = LessonPage if lesson else ModulePage
        slug = suffix.rstrip("/").rsplit("/", 1)[-1]
        page = (
            model.objects.filter(slug=slug, url_path__endswith=suffix, live=True).defer_streamfields().first()
        )
        cache.set(key, page, TIMEOUT)
    return page


def quiz_facts(quiz_id: int | None) -> dict | None:
    """``{"pk", "title", "description", "pass_mark", "max_attempts"}`` of a quiz (what its panel
    and its attempt page show), cached."""
    if not quiz_id:
        return None
    key = f"learning:quiz:{content_version()}:{quiz_id}"
    facts = _get(key, default=False)
    if facts is False:
        facts = (
            Quiz.objects.filter(pk=quiz_id)
            .values("pk", "title", "description", "pass_mark", "max_attempts")
            .first()
        )
        cache.set(key, facts, TIMEOUT)
    return facts


def lesson_body_parts(page, *, preview: bool = False) -> list[dict]:
    """The lesson body as ``[{"html": …}]`` (rendered blocks, safe) and ``[{"quiz": facts, "intro": …}]``
    (quiz blocks, rendered per learner by the template), cached per content version and language.

    A preview renders the unsaved body it was given and stores nothing."""
    key = f"learning:body:{content_version()}:{translation.get_language()}:{page.pk}"
    parts = None if preview else _get(key)
    if parts is None:
        parts = []
        for block in page.body:
            if block.block_type == "quiz":
                quiz = block.value.get("quiz")
                parts.append(
                    {"quiz": quiz_facts(getattr(quiz, "pk", None)), "intro": block.value.get("intro")}
                )
            else:
                parts.append({"html": str(block.render_as_block())})
        if not preview:
            cache.set(key, parts, TIMEOUT)
    # the HTML was rendered (and escaped) by the block templates
    return [dict(part, html=mark_safe(part["html"])) if "html" in part else part for part in parts]


def quiz_content(quiz_id: int) -> dict:
    """The questions and choices a quiz may ask (its own, and its bank's when it draws from one),
    cached: ``{"questions": {id: {"pk", "text", "kind", "explanation", "numeric_answer",
    "tolerance"}}, "choices": {id: {"pk", "text", "is_correct", "match", "sort_order"}}}`` (what an
    attempt page shows; which of them an attempt asks is stored on the attempt)."""
    key = f"learning:quiz-content:{content_version()}:{quiz_id}"
    content = _get(key)
    if content is None:
        asked = Q(quiz_id=quiz_id) | Q(bank__quizzes=quiz_id)
        questions = Question.objects.filter(asked).values(
            "pk", "text", "kind", "explanation", "numeric_answer", "tolerance"
        )
        choices = Choice.objects.filter(question__in=Question.objects.filter(asked).values("pk")).values(
            "pk", "text", "is_correct", "match", "sort_order", "question_id"
        )
        content = {"questions": {q["pk"]: q for q in questions}, "choices": {c["pk"]: c for c in choices}}
        cache.set(key, content, TIMEOUT)
    return content
