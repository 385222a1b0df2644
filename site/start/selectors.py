"""What needs one person now, gathered from every app's selectors for the start page (``/saya/``).

The page is a list of :class:`Section` (one per role the person has: ASN, atasan, HR, humas), each
a list of :class:`Group` (one kind of work: policy chapters, courses, SKP, …), each a list of
:class:`Item` linking to where the person acts. Inside a section the groups with work come first,
the most urgent first: overdue before due, due before undated, the earliest date first; a group
without work says what is in order.

Every group costs a fixed number of queries whatever the number of rows: lists are read with a
limit (one row more than shown, to know whether to offer "lihat semua"), counts are aggregates.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Site

from competencies import rules as competency_rules
from competencies import selectors as competency_selectors
from learning import selectors as learning_selectors
from pamong.people import selectors as people_selectors
from pamong.people.access import Scope, get_visible_asn_or_404, scope_for
from pamong.socialization import selectors as socialization_selectors
from performance import selectors as performance_selectors

#: Items shown per group; the rest are one "lihat semua" link away.
LIMIT = 10


@dataclass
class Item:
    """One thing to do: ``text`` is the link text (an action), ``url`` where it is done (empty: no
    page to act on yet), ``due`` a deadline, ``since`` how long it has been waiting."""

    text: str
    url: str
    due: datetime.date | None = None
    since: datetime.datetime | datetime.date | None = None
    note: str = ""
    overdue: bool = False

    @property
    def rank(self) -> tuple:
        """Smaller is more urgent: overdue, then due (earliest first), then undated (oldest first)."""
        tier = 0 if self.overdue else 1 if self.due else 2
        due = self.due.toordinal() if self.due else math.inf
        since = self.since
        if isinstance(since, datetime.datetime):
            waited = since.timestamp()
        elif isinstance(since, datetime.date):
            waited = datetime.datetime.combine(since, datetime.time()).timestamp()
        else:
            waited = math.inf
        return (tier, due, waited)


@dataclass
class Group:
    """One kind of work. ``empty`` says what is in order when there is nothing to do; ``status`` is
    a line shown whatever the items (e.g. JP this year); ``more_url`` lists everything."""

    key: str
    title: str
    items: list[Item]
    empty: str
    more_url: str = ""
    more: bool = False
    status: str = ""
    progress: tuple[int, int] | None = None  # (value, maximum) for a progress bar

    @property
    def rank(self) -> tuple:
        return min(item.rank for item in self.items) if self.items else (math.inf,)


@dataclass
class Section:
    key: str
    title: str
    groups: list[Group] = field(default_factory=list)

    @property
    def ordered_groups(self) -> list[Group]:
        """Groups with work first, the most urgent first; then the groups that are in order."""
        return sorted(self.groups, key=lambda g: g.rank)  # sorted() is stable: ties keep their order

    @property
    def active_groups(self) -> list[Group]:
        """Groups with work or a status line, most urgent first (shown as cards)."""
        return [g for g in self.ordered_groups if g.items or g.status]

    @property
    def done_groups(self) -> list[Group]:
        """Groups with nothing to do: one line each saying what is in order."""
        return [g for g in self.ordered_groups if not (g.items or g.status)]

    @property
    def waiting(self) -> int:
        return sum(len(g.items) for g in self.groups)


@dataclass
class StartPage:
    name: str
    roles: list[str]
    sections: list[Section]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def site_root_url_path(request) -> str:
    """The ``url_path`` of the site serving ``request`` (``"/beranda/"`` on the default site)."""
    site = Site.find_for_request(request)
    return site.root_page.url_path if site else "/"


def url_or_empty(name: str, *args) -> str:
    """``reverse(name, args)``, or ``""`` when no such URL is installed (a link is then omitted)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _limited(rows) -> tuple[list, bool]:
    rows = list(rows[: LIMIT + 1])
    return rows[:LIMIT], len(rows) > LIMIT


def start_page_for(*, user, root_url_path: str, today: datetime.date) -> StartPage:
    """Everything the start page shows for ``user``, section by section."""
    scope = scope_for(user)
    asn = get_visible_asn_or_404(user, pk=scope.asn_id) if scope.asn_id else None
    sections = []
    if asn is not None:
        sections.append(_asn_section(user=user, asn=asn, root_url_path=root_url_path, today=today))
    if scope.is_atasan:
        sections.append(_atasan_section(user=user, scope=scope, today=today))
    if scope.is_hr:
        sections.append(_hr_section(user=user, scope=scope, asn=asn))
    if scope.is_humas:
        sections.append(_humas_section(user=user, scope=scope))
    name = asn.name if asn else (user.get_full_name() or user.get_username())
    return StartPage(name=name, roles=scope.roles, sections=sections)


# --- ASN ------------------------------------------------------------------------------------------


def _asn_section(*, user, asn, root_url_path: str, today: datetime.date) -> Section:
    return Section(
        key="asn",
        title=_("Untuk Anda"),
        groups=[
            _policy_group(user=user, root_url_path=root_url_path),
            _courses_group(asn=asn, root_url_path=root_url_path),
            _jp_group(asn=asn, today=today),
            _skp_group(asn=asn, today=today),
            _rating_group(asn=asn),
        ],
    )


def _policy_group(*, user, root_url_path: str) -> Group:
    chapters = socialization_selectors.chapters_awaiting_confirmation(user=user)
    items = []
    for chapter in chapters[:LIMIT]:
        url = "/" + chapter.url_path[len(root_url_path) :] + "#konfirmasi"
        if chapter.reconfirm:
            text = _("Konfirmasi ulang bab “%(title)s”") % {"title": chapter.title}
            note = _("Isi bab ini berubah sejak konfirmasi Anda.")
        else:
            text = _("Baca dan konfirmasi bab “%(title)s”") % {"title": chapter.title}
            note = ""
        items.append(Item(text=text, url=url, note=note))
    return Group(
        key="kebijakan",
        title=_("Bab kebijakan yang menunggu konfirmasi Anda"),
        items=items,
        more=len(chapters) > LIMIT,
        more_url="/kebijakan/",
        empty=_("Semua bab kebijakan sudah Anda baca dan konfirmasi."),
    )


def _courses_group(*, asn, root_url_path: str) -> Group:
    enrolments = learning_selectors.courses_in_progress(asn_id=asn.pk, root_url_path=root_url_path)
    items = []
    for e in enrolments[:LIMIT]:
        if e.started:
            text = _("Lanjutkan “%(title)s” (%(percent)s%%)") % {
                "title": e.course_title,
                "percent": e.percent,
            }
        else:
            text = _("Mulai “%(title)s”") % {"title": e.course_title}
        note = _("Penugasan") if e.source == e.Source.ASSIGNED else ""
        items.append(Item(text=text, url=e.next_url, due=e.due_date, overdue=e.is_overdue, note=note))
    return Group(
        key="pelatihan",
        title=_("Pelatihan yang sedang Anda ikuti"),
        items=items,
        more=len(enrolments) > LIMIT,
        more_url=url_or_empty("learning:dashboard"),
        empty=_("Tidak ada pelatihan yang belum selesai."),
    )


def _jp_group(*, asn, today: datetime.date) -> Group:
    ledger = competency_selectors.jp_ledger(asn=asn, year=today.year)
    target = competency_rules.jp_target(asn.employment_type)
    items = []
    if target is None:
        status = _("%(jp)s JP pengembangan kompetensi tercatat tahun %(year)s.") % {
            "jp": ledger.total,
            "year": today.year,
        }
        empty = _("Minimal 20 JP per tahun berlaku untuk PNS; JP Anda sebagai PPPK tetap dicatat.")
        progress = None
    else:
        status = _("%(jp)s dari minimal %(target)s JP tahun %(year)s.") % {
            "jp": ledger.total,
            "target": target,
            "year": today.year,
        }
        missing = max(0, target - ledger.total)
        if missing:
            items.append(
                Item(
                    text=ngettext(
                        "Cari pelatihan untuk %(n)s JP yang masih kurang",
                        "Cari pelatihan untuk %(n)s JP yang masih kurang",
                        missing,
                    )
                    % {"n": missing},
                    url="/pelatihan/",
                    note=_("sampai akhir tahun %(year)s") % {"year": today.year},
                )
            )
        empty = _("Minimal %(target)s JP tahun ini sudah terpenuhi.") % {"target": target}
        progress = (min(ledger.total, target), target)
    return Group(
        key="jp",
        title=_("JP tahun ini"),
        items=items,
        status=status,
        progress=progress,
        more_url=url_or_empty("competencies:profile"),
        empty=empty,
    )


def _skp_group(*, asn, today: datetime.date) -> Group:
    steps = performance_selectors.skp_steps_for(asn_id=asn.pk, instansi_id=asn.instansi_id, today=today)
    dashboard = url_or_empty("performance:dashboard")
    items = []
    for step in steps:
        names = {"period": step.period.name}
        if step.kind == "create":
            items.append(Item(text=_("Susun SKP %(period)s") % names, url=dashboard))
        elif step.kind == "draft":
            items.append(
                Item(
                    text=_("Lengkapi SKP %(period)s dan sepakati dengan atasan") % names,
                    url=url_or_empty("performance:plan_detail", step.plan_id),
                )
            )
        else:
            items.append(
                Item(
                    text=ngettext(
                        "Isi realisasi %(checkin)s: %(n)s indikator (SKP %(period)s)",
                        "Isi realisasi %(checkin)s: %(n)s indikator (SKP %(period)s)",
                        step.missing,
                    )
                    % {**names, "checkin": step.checkin_label, "n": step.missing},
                    url=url_or_empty("performance:plan_detail", step.plan_id),
                    due=step.due_on,
                    overdue=step.due_on < today,
                )
            )
    return Group(
        key="skp",
        title=_("SKP"),
        items=items,
        more_url=dashboard,
        empty=_("Tidak ada langkah SKP yang perlu Anda kerjakan pada periode berjalan."),
    )


def _rating_group(*, asn) -> Group:
    tasks, more = _limited(performance_selectors.pending_rating_tasks(asn_id=asn.pk))
    items = [
        Item(
            text=_("Beri penilaian perilaku kerja untuk %(name)s") % {"name": task.plan.asn.name},
            url=url_or_empty("performance:rating_form", task.pk),
            since=task.created_at,
            note=str(task.plan.period),
        )
        for task in tasks
    ]
    return Group(
        key="360",
        title=_("Penilaian 360° yang diminta dari Anda"),
        items=items,
        more=more,
        more_url=url_or_empty("performance:rating_tasks"),
        empty=_("Tidak ada penilaian 360° yang menunggu Anda."),
    )


# --- Atasan ---------------------------------------------------------------------------------------


def _atasan_section(*, user, scope: Scope, today: datetime.date) -> Section:
    asn_id = scope.asn_id
    plans, plans_more = _limited(competency_selectors.plans_awaiting_atasan(asn_id=asn_id))
    proposals, proposals_more = _limited(competency_selectors.proposals_to_decide(user=user))
    drafts, drafts_more = _limited(performance_selectors.team_plans_to_agree(asn_id=asn_id))
    to_rate, to_rate_more = _limited(performance_selectors.team_plans_to_rate(asn_id=asn_id))
    objections, objections_more = _limited(performance_selectors.objections_to_decide(asn_id=asn_id))
    team = url_or_empty("competencies:team")
    return Section(
        key="atasan",
        title=_("Sebagai atasan"),
        groups=[
            Group(
                key="rencana",
                title=_("Rencana pengembangan untuk disetujui"),
                items=[
                    Item(
                        text=_("Tinjau rencana pengembangan %(name)s (%(year)s)")
                        % {"name": plan.asn.name, "year": plan.year},
                        url=plan.get_absolute_url(),
                        since=plan.submitted_at,
                    )
                    for plan in plans
                ],
                more=plans_more,
                more_url=team,
                empty=_("Tidak ada rencana pengembangan bawahan yang menunggu persetujuan Anda."),
            ),
            Group(
                key="usulan-level",
                title=_("Usulan level kompetensi untuk dikonfirmasi"),
                items=[
                    Item(
                        text=_("Putuskan usulan level %(level)s %(competency)s untuk %(name)s")
                        % {"level": p.level, "competency": p.competency.name, "name": p.asn.name},
                        url=team,
                    )
                    for p in proposals
                ],
                more=proposals_more,
                more_url=team,
                empty=_("Tidak ada usulan level kompetensi yang menunggu Anda."),
            ),
            Group(
                key="skp-bawahan",
                title=_("SKP bawahan untuk disepakati"),
                items=[
                    Item(
                        text=_("Sepakati SKP %(name)s (%(period)s)")
                        % {"name": plan.asn.name, "period": plan.period.name},
                        url=plan.get_absolute_url(),
                        since=plan.created_at,
                    )
                    for plan in drafts
                ],
                more=drafts_more,
                more_url=url_or_empty("performance:dashboard"),
                empty=_("Tidak ada SKP bawahan yang menunggu kesepakatan."),
            ),
            Group(
                key="dinilai",
                title=_("Bawahan untuk dinilai"),
                items=[
                    Item(
                        text=_("Nilai kinerja %(name)s (%(period)s)")
                        % {"name": plan.asn.name, "period": plan.period.name},
                        url=url_or_empty("performance:result", plan.pk),
                        due=plan.period.ends_on,
                        overdue=plan.period.ends_on < today,
                    )
                    for plan in to_rate
                ],
                more=to_rate_more,
                more_url=url_or_empty("performance:dashboard"),
                empty=_("Tidak ada bawahan yang menunggu penilaian kinerja dari Anda."),
            ),
            Group(
                key="keberatan",
                title=_("Keberatan untuk diputuskan"),
                items=[
                    Item(
                        text=_("Putuskan keberatan %(name)s") % {"name": o.evaluation.plan.asn.name},
                        url=o.get_absolute_url(),
                        since=o.filed_at,
                    )
                    for o in objections
                ],
                more=objections_more,
                more_url=url_or_empty("performance:objection_list"),
                empty=_("Tidak ada keberatan yang menunggu keputusan Anda."),
            ),
        ],
    )


# --- HR -------------------------------------------------------------------------------------------


def _hr_section(*, user, scope: Scope, asn) -> Section:
    instansi_ids = scope.hr_instansi_ids()
    counts = performance_selectors.hr_waiting_counts(user=user)
    not_activated = people_selectors.asn_awaiting_activation(instansi_ids=instansi_ids).count()
    if instansi_ids is None:
        title = _("Kepegawaian seluruh instansi")
    else:
        title = _("Kepegawaian %(instansi)s") % {"instansi": asn.instansi.name if asn else ""}
    proposal_items = [
        Item(
            text=ngettext(
                "Putuskan %(n)s usulan penghargaan/sanksi (%(period)s)",
                "Putuskan %(n)s usulan penghargaan/sanksi (%(period)s)",
                row["n"],
            )
            % {"n": row["n"], "period": row["period__name"]},
            url=url_or_empty("performance:proposal_list", row["period_id"]),
        )
        for row in counts["proposals"]
    ]
    objection_items = []
    if counts["objections"]:
        objection_items.append(
            Item(
                text=ngettext(
                    "Pantau %(n)s keberatan yang belum diputuskan",
                    "Pantau %(n)s keberatan yang belum diputuskan",
                    counts["objections"],
                )
                % {"n": counts["objections"]},
                url=url_or_empty("performance:objection_list"),
                since=counts["objections_oldest"],
            )
        )
    feedback_items = []
    if counts["feedback"]:
        feedback_items.append(
            Item(
                text=ngettext(
                    "Moderasi %(n)s umpan balik masyarakat",
                    "Moderasi %(n)s umpan balik masyarakat",
                    counts["feedback"],
                )
                % {"n": counts["feedback"]},
                url=url_or_empty("performance:moderation"),
                since=counts["feedback_oldest"],
            )
        )
    activation_items = []
    if not_activated:
        activation_items.append(
            Item(
                text=ngettext(
                    "%(n)s ASN belum mengaktifkan akun: cetak surat aktivasi",
                    "%(n)s ASN belum mengaktifkan akun: cetak surat aktivasi",
                    not_activated,
                )
                % {"n": not_activated},
                url=url_or_empty("people:activation_letters"),
            )
        )
    return Section(
        key="hr",
        title=title,
        groups=[
            Group(
                key="tindak-lanjut",
                title=_("Usulan penghargaan dan sanksi"),
                items=proposal_items,
                more_url=url_or_empty("performance:period_list"),
                empty=_("Tidak ada usulan penghargaan atau sanksi yang menunggu keputusan."),
            ),
            Group(
                key="keberatan-hr",
                title=_("Keberatan"),
                items=objection_items,
                empty=_("Tidak ada keberatan yang belum diputuskan."),
            ),
            Group(
                key="umpan-balik",
                title=_("Umpan balik masyarakat"),
                items=feedback_items,
                empty=_("Tidak ada umpan balik masyarakat yang menunggu moderasi."),
            ),
            Group(
                key="aktivasi",
                title=_("Aktivasi akun ASN"),
                items=activation_items,
                empty=_("Semua ASN aktif sudah mengaktifkan akunnya."),
            ),
        ],
    )


# --- Humas ----------------------------------------------------------------------------------------


def _humas_section(*, user, scope: Scope) -> Section:
    groups = []
    if scope.is_humas_moderator or scope.is_admin:
        pages, more = _limited(socialization_selectors.pages_to_moderate(user=user, limit=LIMIT + 1))
        groups.append(
            Group(
                key="moderasi",
                title=_("Menunggu moderasi Anda"),
                items=[
                    Item(
                        text=_("Tinjau “%(title)s”") % {"title": p.title},
                        url=url_or_empty("wagtailadmin_pages:edit", p.page_id),
                        since=p.since,
                        note=_("diajukan oleh %(name)s") % {"name": p.by} if p.by else "",
                    )
                    for p in pages
                ],
                more=more,
                more_url=url_or_empty("wagtailadmin_home"),
                empty=_("Tidak ada halaman yang menunggu moderasi Anda."),
            )
        )
    returned, returned_more = _limited(socialization_selectors.pages_returned_to(user=user, limit=LIMIT + 1))
    drafts, drafts_more = _limited(socialization_selectors.drafts_of(user=user, limit=LIMIT + 1))
    groups += [
        Group(
            key="dikembalikan",
            title=_("Dikembalikan untuk diperbaiki"),
            items=[
                Item(
                    text=_("Perbaiki “%(title)s”") % {"title": p.title},
                    url=url_or_empty("wagtailadmin_pages:edit", p.page_id),
                    since=p.since,
                )
                for p in returned
            ],
            more=returned_more,
            more_url=url_or_empty("wagtailadmin_home"),
            empty=_("Tidak ada halaman Anda yang dikembalikan moderator."),
        ),
        Group(
            key="draf",
            title=_("Draf Anda"),
            items=[
                Item(
                    text=_("Lanjutkan draf “%(title)s”") % {"title": p.title},
                    url=url_or_empty("wagtailadmin_pages:edit", p.page_id),
                    since=p.since,
                )
                for p in drafts
            ],
            more=drafts_more,
            more_url=url_or_empty("wagtailadmin_home"),
            empty=_("Tidak ada draf Anda yang belum diajukan."),
        ),
    ]
    return Section(key="humas", title=_("Konten humas"), groups=groups)
