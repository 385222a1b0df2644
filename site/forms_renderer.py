"""The form renderer (``FORM_RENDERER``): Django's own, with ``<select>`` written in Python.

Django renders a select through its template and then one ``{% include %}`` of the option template
(and one of the attributes template) per option. HR's filter forms offer an instansi's units, 70 to
90 options, and the includes were most of those pages' CPU (the activation-letters page spent two
thirds of its time there). :class:`FormRenderer` writes the same markup, byte for byte, without the
template engine: the escaping and localisation are the engine's own functions. It does so only
while the templates are Django's (an app that overrides one of them gets the template path, as
before) and only for options that use Django's option template; anything else goes through the
templates as before. ``tests/test_forms_renderer.py`` compares both paths on every kind of select.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
ATTRS = "django/forms/widgets/attrs.html"
_DJANGO_TEMPLATES = Path(django.__file__).parent / "forms" / "templates"


class FormRenderer(DjangoTemplates):
    @cached_property
    def _selects_in_python(self) -> bool:
        """True while the select, option and attribute templates found are Django's own."""
        return all(
            Path(self.get_template(name).origin.name).is_relative_to(_DJANGO_TEMPLATES)
            for name in (SELECT, OPTION, ATTRS)
        )

    def render(self, template_name, context, request=None):
        if template_name == SELECT and self._selects_in_python:
            widget = context["widget"]
            if all(
                option["template_name"] == OPTION
                for _name, options, _index in widget["optgroups"]
                for option in options
            ):
                return select_html(widget)
        return super().render(template_name, context, request=request)


def select_html(widget: dict) -> str:
    """``django/forms/widgets/select.html`` with its option and attribute includes, rendered as the
    template engine does (autoescape on; values localised as ``{{ value }}`` does), stripped as
    :meth:`~django.forms.renderers.BaseRenderer.render` strips."""
    context = Context(autoescape=True)

    def text(value) -> str:
        return render_value_in_context(value, context)

    def as_string(value) -> str:
        """``{{ value|stringformat:'s' }}``: the filter keeps a safe value safe (``is_safe``)."""
        formatted = stringformat(value, "s")
        return text(mark_safe(formatted) if isinstance(value, SafeData) else formatted)

    def attrs(values: dict) -> str:
        return "".join(
            f" {text(name)}" if value is True else f' {text(name)}="{as_string(value)}"'
            for name, value in values.items()
            if value is not False
        )

    parts = [f'<select name="{text(widget["name"])}"{attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{text(group_name)}">')
        for option in options:
            parts.append(
                # the option template ends with a newline, which its include keeps
                f'\n  <option value="{as_string(option["value"])}"{attrs(option["attrs"])}>'
                f"{text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts).strip()
