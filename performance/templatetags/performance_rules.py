"""``{% rule_bases instansi_id %}``: the rules behind a predikat and its consequences, each labelled
national or local with its source (:func:`performance.selectors.rule_bases_for`)."""

from __future__ import annotations

from django import template

from performance.selectors import rule_bases_for

register = template.Library()


@register.inclusion_tag("performance/includes/rule_bases.html")
def rule_bases(instansi_id: int | None) -> dict:
    return {"rule_bases": rule_bases_for(instansi_id=instansi_id)}
