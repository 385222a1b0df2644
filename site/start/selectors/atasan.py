"""The atasan's section: development plans and level proposals, SKP to agree, staff to rate,
objections to decide."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from competencies import selectors as competency_selectors
from pamong.people.access import Scope
from performance import selectors as performance_selectors

from .items import Group, Item, Section, limited, url_or_empty


def atasan_section(*, user, scope: Scope, today: datetime.date) -> Section:
    asn_id = scope.asn_id
    plans, plans_more = limited(competency_selectors.plans_awaiting_atasan(asn_id=asn_id))
    proposals, proposals_more = limited(competency_selectors.proposals_to_decide(user=user))
    drafts, drafts_more = limited(performance_selectors.team_plans_to_agree(asn_id=asn_id))
    to_rate, to_rate_more = limited(performance_selectors.team_plans_to_rate(asn_id=asn_id))
    objections, objections_more = limited(performance_selectors.objections_to_decide(asn_id=asn_id))
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
