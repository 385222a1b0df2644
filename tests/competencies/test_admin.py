"""Wagtail admin: the dictionary with its levels and history, standards, course links with a page chooser."""

import pytest
from django.contrib.auth.models import Group

from competencies.models import Competency, CourseCompetency
from tests.factories.learning import make_course

pytestmark = pytest.mark.django_db


def test_bkpsdm_edits_the_dictionary_and_history_records_it(world, client_for):
    client = client_for(world.bkpsdm.user)
    assert client.get("/admin/kamus_kompetensi/").status_code == 200
    competency = Competency.objects.get(code="M.4")
    edit_url = f"/admin/kamus_kompetensi/edit/{competency.pk}/"
    page = client.get(edit_url)
    assert (
        page.status_code == 200 and "Bertanggung jawab untuk memenuhi standar kerja" in page.content.decode()
    )
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else (value.pk if hasattr(value, "pk") else value)
    data["definition"] = competency.definition + " (diperbarui)"
    data["is_active"] = "on"
    levels = form.formsets["levels"]
    data.update(_formset_data(levels))
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    competency.refresh_from_db()
    assert competency.definition.endswith("(diperbarui)")
    history = client.get(f"/admin/kamus_kompetensi/history/{competency.pk}/")
    assert history.status_code == 200
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.filter(object_id=str(competency.pk), action="wagtail.edit").get()
    assert entry.user == world.bkpsdm.user and entry.label in history.content.decode()


def _formset_data(formset):
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        f"{formset.prefix}-MIN_NUM_FORMS": "5",
        f"{formset.prefix}-MAX_NUM_FORMS": "5",
    }
    for i, form in enumerate(formset.forms):
        data[f"{formset.prefix}-{i}-id"] = form.instance.pk
        for name in ("level", "description", "indicators"):
            data[f"{formset.prefix}-{i}-{name}"] = getattr(form.instance, name)
    return data


def test_course_link_admin(world, client_for):
    course = make_course(jp=4, modules=1, lessons=1)
    client = client_for(world.bkpsdm.user)
    assert client.get("/admin/kompetensi_pelatihan/new/").status_code == 200
    competency = Competency.objects.get(code="M.5")
    response = client.post(
        "/admin/kompetensi_pelatihan/new/",
        {"page": course.pk, "competency": competency.pk, "level": 3, "rule": "raise"},
    )
    assert response.status_code == 302
    assert CourseCompetency.objects.filter(page_id=course.pk, competency=competency, level=3).exists()
    assert client.get("/admin/kompetensi_pelatihan/").status_code == 200


def test_hr_instansi_sees_but_cannot_edit(world, client_for):
    assert (
        Group.objects.get(name="Pengelola Kepegawaian Instansi")
        .permissions.filter(codename="view_competency")
        .exists()
    )
    client = client_for(world.hr_a.user)
    assert client.get("/admin/kamus_kompetensi/").status_code == 200
    edit = client.get(f"/admin/kamus_kompetensi/edit/{Competency.objects.get(code='M.1').pk}/")
    assert edit.status_code == 302 and edit.url == "/admin/"  # Wagtail: "no permission", back home
    assert client_for(world.staff_a.user).get("/admin/standar_kompetensi/").status_code == 302


def test_course_link_must_point_to_a_course_or_module(world):
    from django.core.exceptions import ValidationError
    from wagtail.models import Page

    link = CourseCompetency(
        page=Page.objects.get(depth=1), competency=Competency.objects.get(code="M.1"), level=2
    )
    with pytest.raises(ValidationError):
        link.full_clean()
