"""HR's section (HR instansi, BKPSDM, administrator): follow-up proposals, objections, public
feedback to moderate, ASN who have not activated their login."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pamong.people import selectors as people_selectors
from pamong.people.access import Scope
from performance import selectors as performance_selectors

from .items import Group, Item, Section, url_or_empty


def _counted(n: int, text: str, *, url: str, since=None) -> list[Item]:
    """One item for ``n`` things waiting (``text`` has ``%(n)s``), or none when nothing waits."""
    return [Item(text=text % {"n": n}, url=url, since=since)] if n else []


def hr_section(*, user, scope: Scope, asn) -> Section:
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
    objection_items = _counted(
        counts["objections"],
        ngettext(
            "Pantau %(n)s keberatan yang belum diputuskan",
            "Pantau %(n)s keberatan yang belum diputuskan",
            counts["objections"],
        ),
        url=url_or_empty("performance:objection_list"),
        since=counts["objections_oldest"],
    )
    feedback_items = _counted(
        counts["feedback"],
        ngettext(
            "Moderasi %(n)s umpan balik masyarakat",
            "Moderasi %(n)s umpan balik masyarakat",
            counts["feedback"],
        ),
        url=url_or_empty("performance:moderation"),
        since=counts["feedback_oldest"],
    )
    activation_items = _counted(
        not_activated,
        ngettext(
            "%(n)s ASN belum mengaktifkan akun: cetak surat aktivasi",
            "%(n)s ASN belum mengaktifkan akun: cetak surat aktivasi",
            not_activated,
        ),
        url=url_or_empty("people:activation_letters"),
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
