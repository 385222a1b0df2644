"""``pamong.forms_renderer``: every kind of select renders exactly as Django's templates render it."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from pamong.forms_renderer import SELECT, FormRenderer


class Custom(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


def _fields() -> dict[str, forms.Field]:
    return {
        "plain": forms.ChoiceField(choices=[("", "---"), ("a", "A"), ("b", "B")]),
        "numbers": forms.ChoiceField(choices=[(2025, 2025), (2026, 2026), (12345, 12345.5)]),
        "groups": forms.ChoiceField(
            choices=[(1, "satu"), ('Kelompok <1> & "2"', [(2, "dua"), (3, "tiga")]), (4, "empat")]
        ),
        "escaping": forms.ChoiceField(
            choices=[('a"b<c>&', "x\"<y>&'z"), (mark_safe("<s>"), mark_safe("<b>tebal</b>")), (None, None)]
        ),
        "lazy": forms.ChoiceField(choices=[("y", gettext_lazy("Ya")), ("n", gettext_lazy("Tidak"))]),
        "dates": forms.ChoiceField(
            choices=[(datetime.date(2026, 10, 3), datetime.date(2026, 10, 3)), ("t", datetime.time(7, 5))]
        ),
        "attrs": forms.ChoiceField(
            choices=[("a", "A")],
            widget=forms.Select(
                attrs={
                    "class": 'x"y',
                    "data-on": True,
                    "data-off": False,
                    "data-none": None,
                    "data-n": 3,
                    "data-safe": mark_safe("<i>"),
                    "aria-describedby": "help",
                }
            ),
        ),
        "disabled": forms.ChoiceField(choices=[("a", "A")], disabled=True, required=False),
        "many": forms.MultipleChoiceField(choices=[(i, f"pilihan {i}") for i in range(90)]),
        "nullbool": forms.NullBooleanField(),
        "typed": forms.TypedChoiceField(choices=[(1, "1"), (2, "2")], coerce=int),
        "empty": forms.ChoiceField(choices=[]),
        "custom": forms.ChoiceField(choices=[("a", "A")], widget=Custom),
        "groups_model": forms.ModelChoiceField(queryset=Group.objects.order_by("name"), required=False),
        "groups_many": forms.ModelMultipleChoiceField(
            queryset=Group.objects.order_by("name"), required=False
        ),
    }


DATA = {
    "plain": "b",
    "numbers": "2026",
    "groups": "3",
    "escaping": 'a"b<c>&',
    "lazy": "n",
    "many": ["3", "89"],
    "nullbool": "true",
    "typed": "2",
    "custom": "a",
}


@pytest.mark.django_db
@pytest.mark.parametrize("bound", [False, True])
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_select_renders_as_the_templates_render_it(bound, language, settings):
    settings.USE_THOUSAND_SEPARATOR = True  # the engine localises numbers in {{ }}; so must we
    Group.objects.create(name='HR <instansi> & "humas"')
    Group.objects.create(name="Admin")
    form_class = type("Everything", (forms.Form,), _fields())
    data = dict(DATA, groups_model=str(Group.objects.get(name="Admin").pk)) if bound else None
    with override(language):
        ours = form_class(data, renderer=FormRenderer())
        django_s = form_class(data, renderer=DjangoTemplates())
        for name in ours.fields:
            assert str(ours[name]) == str(django_s[name]), name
        assert str(ours) == str(django_s)


def test_the_setting_uses_it_and_skips_the_templates_for_selects():
    form = forms.Form()
    assert isinstance(form.renderer, FormRenderer)
    field = forms.ChoiceField(choices=[(i, i) for i in range(80)])
    form.fields["unit"] = field
    with mock.patch.object(FormRenderer, "get_template", wraps=form.renderer.get_template) as loaded:
        form.renderer.__dict__.pop("_selects_in_python", None)
        html = str(form["unit"])
    assert html.count("<option") == 80
    # the one check that the templates are Django's, then no template for the select or its options
    assert SELECT in [c.args[0] for c in loaded.call_args_list][:3]
    assert form.renderer._selects_in_python
    with mock.patch.object(FormRenderer, "get_template") as loaded:
        str(form["unit"])
    loaded.assert_not_called()


def test_an_overridden_select_template_is_used(tmp_path, settings):
    """An app overriding Django's select template gets its template, not the Python path."""
    override_dir = tmp_path / "django" / "forms" / "widgets"
    override_dir.mkdir(parents=True)
    (override_dir / "select.html").write_text("<select>overridden</select>")
    renderer = FormRenderer()
    renderer.engine.engine.dirs = [str(tmp_path), *renderer.engine.engine.dirs]
    field = forms.ChoiceField(choices=[("a", "A")])
    form = type("One", (forms.Form,), {"a": field})(renderer=renderer)
    assert str(form["a"]) == "<select>overridden</select>"
