"""``{{ nip|nip_masked }}``: a NIP as a public page may show it (see ``pamong.people.nip``)."""

from __future__ import annotations

from django import template

from pamong.people.nip import nip_masked as mask

register = template.Library()


@register.filter
def nip_masked(value) -> str:
    return mask(str(value or ""))
