"""Reads of the socialization app: chapters, articles, acknowledgements and the coverage report."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Page, TaskState, WorkflowState

from pamong.people.models import ASN, Instansi, UnitKerja
from pamong.search import search_query_clean

from .models import ArticlePage, PolicyAcknowledgement, PolicyIndexPage, PolicyPage

#: An acknowledgement counts when the chapter is live and it is not older than ``ack_valid_from``.
VALID_ACK_Q = Q(page__live=True) & (
    Q(page__ack_valid_from__isnull=True) | Q(acknowledged_at__gte=F("page__ack_valid_from"))
)


def policy_chapters(*, index: PolicyIndexPage | None = None, tag: str | None = None) -> QuerySet[PolicyPage]:
    """Live, public chapters in tree order (under ``index`` when given), optionally with tag slug ``tag``."""
    qs = PolicyPage.objects.live().public()
    if index is not None:
        qs = qs.child_of(index)
    if tag:
        qs = qs.filter(tags__slug=tag)
    return qs.order_by("path").distinct()


def articles_for(*, index=None, tag: str | None = None) -> QuerySet[ArticlePage]:
    qs = ArticlePage.objects.live().public()
    if index is not None:
        qs = qs.child_of(index)
    if tag:
        qs = qs.filter(tags__slug=tag)
    return qs.order_by("-date", "-first_published_at").distinct()


def latest_articles(*, limit: int = 3) -> list[ArticlePage]:
    return list(articles_for()[:limit])


def chapter_neighbours(*, page: PolicyPage) -> tuple[PolicyPage | None, PolicyPage | None]:
    """The previous and next live chapters of the same index (one query)."""
    siblings = list(
        PolicyPage.objects.live()
        .public()
        .sibling_of(page, inclusive=True)
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth")
    )
    ids = [s.pk for s in siblings]
    if page.pk not in ids:
        return None, None
    at = ids.index(page.pk)
    return (siblings[at - 1] if at > 0 else None), (siblings[at + 1] if at + 1 < len(siblings) else None)


def valid_acknowledgements() -> QuerySet[PolicyAcknowledgement]:
    return PolicyAcknowledgement.objects.filter(VALID_ACK_Q)


def acknowledgement_for(*, user, page: PolicyPage) -> PolicyAcknowledgement | None:
    """The user's acknowledgement of ``page`` if it still counts."""
    return valid_acknowledgements().filter(user_id=user.pk, page_id=page.pk).first()


def acknowledged_page_ids(*, user, page_ids: list[int]) -> set[int]:
    if not page_ids:
        return set()
    return set(
        valid_acknowledgements()
        .filter(user_id=user.pk, page_id__in=page_ids)
        .values_list("page_id", flat=True)
    )


def chapters_awaiting_confirmation(*, user) -> list[PolicyPage]:
    """Live, public chapters ``user`` has not (or no longer validly) confirmed, in tree order — one
    query after the view-restriction check. ``reconfirm`` is true on a chapter the user had
    confirmed before it changed enough to ask again."""
    acks = PolicyAcknowledgement.objects.filter(user_id=user.pk, page_id=OuterRef("pk"))
    return list(
        policy_chapters()
        .annotate(confirmed=Exists(acks.filter(VALID_ACK_Q)), reconfirm=Exists(acks))
        .filter(confirmed=False)
        .only("id", "title", "path", "depth", "url_path")
    )


def tagged_content(*, tag_slug: str) -> tuple[list[PolicyPage], list[ArticlePage]]:
    return list(policy_chapters(tag=tag_slug)), list(articles_for(tag=tag_slug)[:50])


#: Search returns at most this many pages (enough for a policy site; keeps re-ranking cheap).
SEARCH_LIMIT = 100


def search_pages(*, query: str) -> list[Page]:
    """Live, public pages of any type matching ``query``, best first, as specific objects.

    Every page type with ``search_fields`` takes part (courses join once their pages exist). The
    backend's relevance order is kept, except that pages whose title contains a query word come
    first: SQLite's FTS5 ``bm25`` weighs title and body alike and favours short pages, so "sanksi"
    would otherwise rank the short conclusion above the chapter named after it.
    """
    results = list(Page.objects.live().public().specific().search(query)[:SEARCH_LIMIT])
    words = [w.casefold() for w in search_query_clean(query).split() if len(w) > 1]

    def title_hits(page: Page) -> int:
        title = page.title.casefold()
        return sum(1 for w in words if w in title)

    return sorted(results, key=title_hits, reverse=True)


# --- coverage report ---------------------------------------------------------------------------


@dataclass
class CoverageRow:
    """One line of the report: a unit (``unit`` set) or an instansi subtotal (``unit`` is None)."""

    instansi: Instansi
    unit: UnitKerja | None
    active: int = 0
    per_chapter: list[int] = field(default_factory=list)
    all_chapters: int = 0

    @property
    def percent(self) -> float:
        return round(100 * self.all_chapters / self.active, 1) if self.active else 0.0


@dataclass
class CoverageReport:
    chapters: list[PolicyPage]
    rows: list[CoverageRow]
    total: CoverageRow | None


def coverage_report(
    *, instansi_ids: set[int] | None, instansi_id: int | None = None, unit_id: int | None = None
) -> CoverageReport:
    """Acknowledgement coverage per instansi and unit, among active ASN.

    ``instansi_ids`` is the caller's scope (``None`` = all). Six queries whatever the number of
    units or ASN: chapters (and their view restrictions), units, active ASN per unit, acknowledgers
    per unit and chapter, and ASN who acknowledged every chapter per unit.
    """
    chapters = list(policy_chapters().only("id", "title", "path", "depth", "url_path"))
    chapter_ids = [c.pk for c in chapters]

    def asn_filter(prefix: str = "") -> Q:
        q = Q(**{f"{prefix}is_active": True})
        if instansi_ids is not None:
            q &= Q(**{f"{prefix}instansi_id__in": instansi_ids})
        if instansi_id is not None:
            q &= Q(**{f"{prefix}instansi_id": instansi_id})
        if unit_id is not None:
            q &= Q(**{f"{prefix}unit_id": unit_id})
        return q

    unit_q = Q()
    if instansi_ids is not None:
        unit_q &= Q(instansi_id__in=instansi_ids)
    if instansi_id is not None:
        unit_q &= Q(instansi_id=instansi_id)
    if unit_id is not None:
        unit_q &= Q(pk=unit_id)

    units = list(
        UnitKerja.objects.filter(unit_q).select_related("instansi").order_by("instansi__name", "code")
    )
    active = dict(
        ASN.objects.filter(asn_filter())
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    # One row per (user, chapter) by the unique constraint, so COUNT(*) counts ASN.
    per_chapter = {
        (unit, page_id): n
        for unit, page_id, n in valid_acknowledgements()
        .filter(asn_filter("user__asn__"), page_id__in=chapter_ids)
        .order_by()
        .values("user__asn__unit_id", "page_id")
        .annotate(n=Count("pk"))
        .values_list("user__asn__unit_id", "page_id", "n")
    }

    complete: dict[int, int] = {}
    if chapter_ids:
        readers_of_all = (
            valid_acknowledgements()
            .filter(page_id__in=chapter_ids)
            .order_by()
            .values("user_id")
            .annotate(c=Count("pk"))
            .filter(c__gte=len(chapter_ids))
            .values("user_id")
        )
        complete = dict(
            ASN.objects.filter(asn_filter(), user_id__in=readers_of_all)
            .order_by()
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )

    rows: list[CoverageRow] = []
    total = CoverageRow(instansi=None, unit=None, per_chapter=[0] * len(chapters))
    subtotal: CoverageRow | None = None
    for unit in units:
        if subtotal is None or subtotal.instansi.pk != unit.instansi_id:
            subtotal = CoverageRow(instansi=unit.instansi, unit=None, per_chapter=[0] * len(chapters))
            rows.append(subtotal)
        row = CoverageRow(
            instansi=unit.instansi,
            unit=unit,
            active=active.get(unit.pk, 0),
            per_chapter=[per_chapter.get((unit.pk, c.pk), 0) for c in chapters],
            all_chapters=complete.get(unit.pk, 0),
        )
        rows.append(row)
        for target in (subtotal, total):
            target.active += row.active
            target.all_chapters += row.all_chapters
            target.per_chapter = [a + b for a, b in zip(target.per_chapter, row.per_chapter, strict=True)]
    return CoverageReport(chapters=chapters, rows=rows, total=total if units else None)


# --- humas: editorial work waiting for one person -------------------------------------------------


@dataclass
class EditorialItem:
    page_id: int
    title: str
    since: object  # datetime
    by: str = ""


def pages_to_moderate(*, user, limit: int = 10) -> list[EditorialItem]:
    """Pages whose current workflow task ``user`` may approve (Wagtail's "awaiting your review"),
    oldest first. A query per active task type (one: the humas moderator task) plus two."""
    states = list(
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
        .order_by("started_at", "pk")
        .values(
            "revision__object_id", "started_at", "revision__user__first_name", "revision__user__username"
        )[:limit]
    )
    return _editorial_items(states, id_key="revision__object_id", since_key="started_at")


def pages_returned_to(*, user, limit: int = 10) -> list[EditorialItem]:
    """Pages ``user`` submitted that a moderator sent back for changes, oldest first."""
    states = list(
        WorkflowState.objects.filter(
            requested_by=user,
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type=ContentType.objects.get_for_model(Page),
        )
        .order_by("created_at", "pk")
        .values("object_id", "created_at")[:limit]
    )
    return _editorial_items(states, id_key="object_id", since_key="created_at")


def drafts_of(*, user, limit: int = 10) -> list[EditorialItem]:
    """Pages with unpublished changes last edited by ``user`` and not in a workflow, oldest first."""
    in_workflow = WorkflowState.objects.filter(
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values("object_id")
    rows = (
        Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
        .exclude(pk__in=_int_ids(in_workflow))
        .order_by("latest_revision_created_at", "pk")
        .values("id", "title", "latest_revision_created_at")[:limit]
    )
    return [
        EditorialItem(page_id=r["id"], title=r["title"], since=r["latest_revision_created_at"]) for r in rows
    ]


def _int_ids(object_ids: QuerySet) -> QuerySet:
    """Workflow states name their object by a text ``object_id``; pages are found by integer id."""
    return object_ids.annotate(page_id=Cast("object_id", output_field=IntegerField())).values("page_id")


def _editorial_items(states: list[dict], *, id_key: str, since_key: str) -> list[EditorialItem]:
    ids = [int(s[id_key]) for s in states]
    titles = dict(Page.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}
    return [
        EditorialItem(
            page_id=int(s[id_key]),
            title=titles.get(int(s[id_key]), ""),
            since=s[since_key],
            by=s.get("revision__user__first_name") or s.get("revision__user__username") or "",
        )
        for s in states
        if int(s[id_key]) in titles
    ]
