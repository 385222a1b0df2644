"""The ASN's own section: policy chapters to confirm, courses, JP this year, SKP steps, 360° ratings."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from competencies import selectors as competency_selectors
from learning import selectors as learning_selectors
from pamong import formats
from pamong.socialization import selectors as socialization_selectors
from performance import selectors as performance_selectors

from .items import LIMIT, Group, Item, Section, group_of, url_or_empty


def asn_section(*, user, asn, root_url_path: str, today: datetime.date) -> Section:
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
            text = _("Lanjutkan “%(title)s” (%(percent)s)") % {
                "title": e.course_title,
                "percent": formats.percent(e.percent),
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
    target = (
        ledger.minimum
    )  # learning.selectors.jp_target_for: 20 JP for a PNS, the instansi's own for a PPPK
    items = []
    if target is None:
        status = _("%(jp)s JP pengembangan kompetensi tercatat tahun %(year)s.") % {
            "jp": ledger.total,
            "year": today.year,
        }
        empty = _(
            "Minimal 20 JP per tahun berlaku untuk PNS; instansi Anda belum menetapkan target JP untuk "
            "PPPK, dan JP Anda tetap dicatat."
        )
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
    return group_of(
        performance_selectors.pending_rating_tasks(asn_id=asn.pk),
        key="360",
        title=_("Penilaian 360° yang diminta dari Anda"),
        item=lambda task: Item(
            text=_("Beri penilaian perilaku kerja untuk %(name)s") % {"name": task.plan.asn.name},
            url=url_or_empty("performance:rating_form", task.pk),
            since=task.created_at,
            note=str(task.plan.period),
        ),
        more_url=url_or_empty("performance:rating_tasks"),
        empty=_("Tidak ada penilaian 360° yang menunggu Anda."),
    )
