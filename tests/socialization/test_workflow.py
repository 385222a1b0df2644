"""Editorial workflow "Persetujuan Humas": submit, approve, reject, no direct publishing,
scheduled publishing and rollback, through the Wagtail admin where it matters."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pamong.socialization.models import PolicyPage
from tests.helpers import assert_admin_refused


def edit_data(page: PolicyPage, *, title: str, **extra) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield([("paragraph", rich_text(f"<p>{title} isi baru.</p>"))]),
            "tags": "kinerja",
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data


def _chapter(section) -> PolicyPage:
    return PolicyPage.objects.get(slug="pendahuluan")


def _submit(client, page, title):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, edit_data(page, title=title, **{"action-submit": "Submit"}))
    assert response.status_code == 302, response.content.decode()[:2000]


def _task_state(page):
    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(page.pk), status="in_progress"
    )
    return state.current_task_state


@pytest.mark.django_db
def test_editor_submits_and_moderator_approval_publishes(world, section, client_for):
    page = _chapter(section)
    client = client_for(world.humas_editor)
    _submit(client, page, "Pendahuluan (revisi)")
    page.refresh_from_db()
    assert page.title == "Pendahuluan"  # still the old live version
    assert page.has_unpublished_changes
    task_state = _task_state(page)
    # The editor cannot approve their own submission.
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert page.title == "Pendahuluan"
    # The moderator approves: the revision goes live.
    client = client_for(world.humas_moderator)
    response = client.post(url, {"comment": "Sudah sesuai."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Pendahuluan (revisi)"
    assert page.live and not page.has_unpublished_changes
    assert client_for(None).get("/kebijakan/pendahuluan/").content.decode().count("Pendahuluan (revisi)") >= 1


@pytest.mark.django_db
def test_reject_keeps_the_live_version(world, section, client_for):
    page = _chapter(section)
    live_revision = page.live_revision_id
    _submit(client_for(world.humas_editor), page, "Judul yang ditolak")
    task_state = _task_state(page)
    client = client_for(world.humas_moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    response = client.post(url, {"comment": "Perbaiki contoh penerapannya."})
    assert response.status_code == 302
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.comment == "Perbaiki contoh penerapannya."
    assert page.title == "Pendahuluan"
    assert page.live_revision_id == live_revision
    assert page.get_latest_revision_as_object().title == "Judul yang ditolak"
    assert "Judul yang ditolak" not in client_for(None).get("/kebijakan/pendahuluan/").content.decode()


@pytest.mark.django_db
def test_editor_cannot_publish_directly(world, section, client_for):
    page = _chapter(section)
    perms = page.permissions_for_user(world.humas_editor)
    assert perms.can_edit() and not perms.can_publish()
    assert page.permissions_for_user(world.humas_moderator).can_publish()
    client = client_for(world.humas_editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(url, edit_data(page, title="Terbit langsung?", **{"action-publish": "Publish"}))
    page.refresh_from_db()
    assert page.title == "Pendahuluan"
    # Wagtail's own publish view refuses as well.
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail: "no permission"
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_other_roles_cannot_edit_pages(world, section, client_for):
    page = _chapter(section)
    for role in ("asn", "hr_same", "bkpsdm"):
        client = client_for(world.users()[role])
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_data(page, title=f"Diubah {role}")
        )
        assert_admin_refused(response, role)
        page.refresh_from_db()
        assert page.get_latest_revision_as_object().title == "Pendahuluan"


@pytest.mark.django_db
def test_scheduled_publishing(world, section, client_for):
    page = _chapter(section)
    go_live = timezone.now() + datetime.timedelta(days=1)
    draft = page.get_latest_revision_as_object()
    draft.title = "Pendahuluan terjadwal"
    draft.go_live_at = go_live
    revision = draft.save_revision(user=world.humas_moderator)
    revision.publish(user=world.humas_moderator)
    page.refresh_from_db()
    revision.refresh_from_db()
    assert page.title == "Pendahuluan"
    assert revision.approved_go_live_at == go_live
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.title == "Pendahuluan"  # not yet
    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.title == "Pendahuluan terjadwal"
    assert page.live_revision_id == revision.pk


@pytest.mark.django_db
def test_revision_history_and_rollback(world, section, client_for):
    page = _chapter(section)
    first = page.live_revision
    draft = page.get_latest_revision_as_object()
    draft.title = "Pendahuluan versi kedua"
    draft.save_revision(user=world.humas_moderator).publish(user=world.humas_moderator)
    page.refresh_from_db()
    assert page.title == "Pendahuluan versi kedua"
    client = client_for(world.humas_moderator)
    assert client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200
    assert (
        client.get(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])).status_code
        == 200
    )
    # Rolling back = publishing the earlier revision's content as a new revision.
    old = first.as_object()
    old.save_revision(user=world.humas_moderator, previous_revision=first).publish(user=world.humas_moderator)
    page.refresh_from_db()
    assert page.title == "Pendahuluan"
    assert page.revisions.count() == 3


@pytest.mark.django_db
def test_reconfirmation_through_submit_and_approve(world, section, client_for):
    from pamong.socialization.selectors import acknowledgement_for
    from pamong.socialization.services import acknowledgement_record

    page = _chapter(section)
    acknowledgement_record(user=world.staff_a.user, page=page)
    editor = client_for(world.humas_editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_data(page, title="Pendahuluan (penting)", **{"action-submit": "Submit"})
    data["require_reconfirmation"] = "on"
    assert editor.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.ack_valid_from is None  # submitting changes nothing live
    assert acknowledgement_for(user=world.staff_a.user, page=page) is not None
    task_state = _task_state(page)
    moderator = client_for(world.humas_moderator)
    moderator.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    page.refresh_from_db()
    assert page.title == "Pendahuluan (penting)"
    assert page.ack_valid_from is not None
    assert acknowledgement_for(user=world.staff_a.user, page=page) is None
    # The next edit form starts with the box cleared.
    html = editor.get(url).content.decode()
    box = html[
        html.index('name="require_reconfirmation"') - 200 : html.index('name="require_reconfirmation"') + 200
    ]
    assert "checked" not in box


@pytest.mark.django_db
def test_editor_creates_a_chapter_as_draft_and_submits_it(world, section, client_for):
    url = reverse("wagtailadmin_pages:add", args=["socialization", "policypage", section.pk])
    data = nested_form_data(
        {
            "title": "Bab baru",
            "slug": "bab-baru",
            "summary": "Ringkasan bab baru.",
            "body": streamfield([("paragraph", rich_text("<p>Isi bab baru.</p>"))]),
            "tags": "kinerja",
            "comments": inline_formset([]),
        }
    )
    data["action-submit"] = "Submit"
    editor = client_for(world.humas_editor)
    assert editor.get(url).status_code == 200
    assert editor.post(url, data).status_code == 302
    page = PolicyPage.objects.get(slug="bab-baru")
    assert not page.live
    assert page.workflow_in_progress
    assert client_for(None).get("/kebijakan/bab-baru/").status_code == 404
    # A chapter cannot be created directly under the home page, and non-humas users cannot add at all.
    home_url = reverse(
        "wagtailadmin_pages:add", args=["socialization", "policypage", section.get_parent().pk]
    )
    refused = editor.get(home_url)
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail: "no permission"
    hr = client_for(world.hr_a.user)
    refused = hr.post(url, {**data, "slug": "bab-hr"})
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert not PolicyPage.objects.filter(slug="bab-hr").exists()
