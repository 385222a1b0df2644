"""Issue 13, defect 4: the admin never writes a status directly.

Every model form of the Wagtail admin (model viewsets and snippets of every app: people, learning,
competencies, performance) is walked; a field that is a status or the stamp of a state transition
(``status``, ``*_status``, ``state``, ``closed_at``, ``decided_by``, ``revoked_at`` …) fails the test.
Status changes are actions that call the services, which do the conditional update and the audit.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from performance.models import AuditEntry, Period, PublicFeedback
from tests.factories.performance import PeriodFactory, channel_for, public_feedback

STATUS_LIKE = re.compile(
    r"^(status|state)$|_(status|state)$"
    r"|^(closed|finalised|decided|moderated|submitted|agreed|revoked|approved|completed|done|issued)_(at|by)$"
)


def _model_viewsets() -> list[ModelViewSet]:
    get_resolver().url_patterns  # noqa: B018 - loading the admin URLs registers the viewsets
    return [vs for vs in viewsets.viewsets if isinstance(vs, ModelViewSet)]


def _status_fields(viewset: ModelViewSet) -> list[str]:
    model_fields = {f.name for f in viewset.model._meta.get_fields()}
    found = []
    for for_update in (False, True):
        form_class = viewset.get_form_class(for_update=for_update)
        found += [
            name for name in form_class.base_fields if name in model_fields and STATUS_LIKE.search(name)
        ]
    return sorted(set(found))


def test_the_walk_covers_every_app():
    labels = {vs.model._meta.app_label for vs in _model_viewsets()}
    assert {"people", "learning", "competencies", "performance"} <= labels
    names = {vs.model._meta.label for vs in _model_viewsets()}
    assert {"performance.Period", "performance.PublicFeedback", "people.ASN", "learning.Quiz"} <= names


def test_the_pattern_knows_a_status_field():
    assert STATUS_LIKE.search("status") and STATUS_LIKE.search("development_status")
    assert STATUS_LIKE.search("closed_at") and STATUS_LIKE.search("moderated_by")
    assert not STATUS_LIKE.search("starts_on") and not STATUS_LIKE.search("name")


def test_no_admin_form_edits_a_status():
    offenders = {vs.name: fields for vs in _model_viewsets() if (fields := _status_fields(vs))}
    assert offenders == {}


@pytest.mark.django_db
def test_period_edit_cannot_close_a_period(world):
    period = PeriodFactory(year=2031, status=Period.Status.RUNNING)
    admin = Client()
    admin.force_login(world.admin)
    url = reverse("kinerja_periode:edit", args=[period.pk])
    page = admin.get(url).content.decode()
    assert 'name="status"' not in page
    assert reverse("performance:period_detail", args=[period.pk]) in page  # the action that calls the service
    data = {
        "name": "Kinerja 2031",
        "year": 2031,
        "instansi": "",
        "starts_on": "2031-01-01",
        "ends_on": "2031-12-31",
        "checkins_per_year": 4,
        "status": "closed",
    }
    assert admin.post(url, data).status_code == 302
    period.refresh_from_db()
    assert period.status == Period.Status.RUNNING and period.closed_at is None


@pytest.mark.django_db
def test_public_feedback_is_moderated_through_the_service(world):
    feedback = public_feedback(channel_for(world.staff_a.unit), asn=world.staff_a, approved=False)
    admin = Client()
    admin.force_login(world.admin)
    url = reverse("kinerja_umpan_balik:edit", args=[feedback.pk])
    page = admin.get(url).content.decode()
    assert 'name="status"' not in page and 'name="decision"' in page
    assert admin.post(url, {"status": "approved"}).status_code == 200  # no decision: nothing happens
    feedback.refresh_from_db()
    assert feedback.status == PublicFeedback.Status.PENDING
    assert admin.post(url, {"decision": "approve"}).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == PublicFeedback.Status.APPROVED and feedback.moderated_by == world.admin
    assert AuditEntry.objects.filter(action="public_feedback.moderate", object_id=feedback.pk).count() == 1
    second = admin.post(url, {"decision": "reject"})  # already moderated: a message, not a 500
    assert second.status_code == 200 and "sudah dimoderasi" in second.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == PublicFeedback.Status.APPROVED
    assert admin.get(reverse("kinerja_umpan_balik:index")).status_code == 200
