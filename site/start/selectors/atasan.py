"""The atasan's section: development plans and level proposals, SKP to agree, staff to rate,
objections to decide."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from competencies import selectors as competency_selectors
from pamong.people.access import Scope
from performance import selectors as performance_selectors

from .items import Item, Section, group_of, url_or_empty


def atasan_section(*, user, scope: Scope, today: datetime.date) -> Section:
    asn_id = scope.asn_id
    team = url_or_empty("competencies:team")
    performance = url_or_empty("performance:dashboard")
    return Section(
        key="atasan",
        title=_("Sebagai atasan"),
        groups=[
            group_of(
                competency_selectors.plans_awaiting_atasan(asn_id=asn_id),
                key="rencana",
                title=_("Rencana pengembangan untuk disetujui"),
                item=lambda plan: Item(
                    text=_("Tinjau rencana pengembangan %(name)s (%(year)s)")
                    % {"name": plan.asn.name, "year": plan.year},
                    url=plan.get_absolute_url(),
                    since=plan.submitted_at,
                ),
                more_url=team,
                empty=_("Tidak ada rencana pengembangan bawahan yang menunggu persetujuan Anda."),
            ),
            group_of(
                competency_selectors.proposals_to_decide(user=user),
                key="usulan-level",
                title=_("Usulan level kompetensi untuk dikonfirmasi"),
                item=lambda p: Item(
                    text=_("Putuskan usulan level %(level)s %(competency)s untuk %(name)s")
                    % {"level": p.level, "competency": p.competency.name, "name": p.asn.name},
                    url=team,
                ),
                more_url=team,
                empty=_("Tidak ada usulan level kompetensi yang menunggu Anda."),
            ),
            group_of(
                performance_selectors.team_plans_to_agree(asn_id=asn_id),
                key="skp-bawahan",
                title=_("SKP bawahan untuk disepakati"),
                item=lambda plan: Item(
                    text=_("Sepakati SKP %(name)s (%(period)s)")
                    % {"name": plan.asn.name, "period": plan.period.name},
                    url=plan.get_absolute_url(),
                    since=plan.created_at,
                ),
                more_url=performance,
                empty=_("Tidak ada SKP bawahan yang menunggu kesepakatan."),
            ),
            group_of(
                performance_selectors.team_plans_to_rate(asn_id=asn_id),
                key="dinilai",
                title=_("Bawahan untuk dinilai"),
                item=lambda plan: Item(
                    text=_("Nilai kinerja %(name)s (%(period)s)")
                    % {"name": plan.asn.name, "period": plan.period.name},
                    url=url_or_empty("performance:result", plan.pk),
                    due=plan.period.ends_on,
                    overdue=plan.period.ends_on < today,
                ),
                more_url=performance,
                empty=_("Tidak ada bawahan yang menunggu penilaian kinerja dari Anda."),
            ),
            group_of(
                performance_selectors.objections_to_decide(asn_id=asn_id),
                key="keberatan",
                title=_("Keberatan untuk diputuskan"),
                item=lambda o: Item(
                    text=_("Putuskan keberatan %(name)s") % {"name": o.evaluation.plan.asn.name},
                    url=o.get_absolute_url(),
                    since=o.filed_at,
                ),
                more_url=url_or_empty("performance:objection_list"),
                empty=_("Tidak ada keberatan yang menunggu keputusan Anda."),
            ),
        ],
    )
