"""Read acknowledgement: POST only, ASN only, idempotent, reset by "minta konfirmasi ulang"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pamong.socialization.models import PolicyAcknowledgement, PolicyPage
from pamong.socialization.selectors import acknowledgement_for
from tests.factories import socialization as f


def _url(page) -> str:
    return reverse("socialization:acknowledge", args=[page.pk])


@pytest.fixture
def chapter(section) -> PolicyPage:
    return PolicyPage.objects.get(slug="pendahuluan")


@pytest.mark.django_db
def test_asn_acknowledges_once_with_user_page_revision_and_time(world, chapter, client_for):
    client = client_for(world.staff_a.user)
    response = client.post(_url(chapter))
    assert response.status_code == 302
    assert response["Location"].endswith("/kebijakan/pendahuluan/#konfirmasi")
    ack = PolicyAcknowledgement.objects.get()
    assert ack.user == world.staff_a.user
    assert ack.page_id == chapter.pk
    assert ack.revision_id == chapter.live_revision_id
    first_time = ack.acknowledged_at
    assert first_time is not None
    client.post(_url(chapter))
    assert PolicyAcknowledgement.objects.count() == 1
    ack.refresh_from_db()
    assert ack.acknowledged_at == first_time
    html = client.get("/kebijakan/pendahuluan/").content.decode()
    assert "sudah mengonfirmasi" in html
    assert "Saya sudah membaca dan memahami" not in html


@pytest.mark.django_db
def test_chapter_shows_button_with_csrf_to_asn(world, chapter, client_for):
    html = client_for(world.staff_a.user).get("/kebijakan/pendahuluan/").content.decode()
    assert "Saya sudah membaca dan memahami" in html
    form = html[html.index('id="konfirmasi"') :]
    assert 'method="post"' in form and "csrfmiddlewaretoken" in form


@pytest.mark.django_db
def test_csrf_is_enforced(world, chapter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff_a.user)
    assert client.post(_url(chapter)).status_code == 403
    assert not PolicyAcknowledgement.objects.exists()


@pytest.mark.django_db
def test_get_is_not_allowed(world, chapter, client_for):
    assert client_for(world.staff_a.user).get(_url(chapter)).status_code == 405


@pytest.mark.django_db
def test_roles(world, chapter, client_for):
    expected = {
        "anonymous": 302,
        "asn": 302,
        "atasan": 302,
        "hr_same": 302,
        "hr_other": 302,
        "bkpsdm": 302,
        "humas": 403,  # no ASN profile: nothing to confirm
        "admin": 403,
    }
    for role, user in world.users().items():
        response = client_for(user).post(_url(chapter))
        assert response.status_code == expected[role], role
        if role == "anonymous":
            assert "/masuk/" in response["Location"]
    assert PolicyAcknowledgement.objects.count() == 5


@pytest.mark.django_db
def test_not_live_or_missing_chapter_is_404(world, section, client_for):
    draft = f.chapter(index=section, title="Draf", slug="draf", live=False)
    client = client_for(world.staff_a.user)
    assert client.post(_url(draft)).status_code == 404
    assert client.post(reverse("socialization:acknowledge", args=[999999])).status_code == 404
    assert (
        client.post(reverse("socialization:acknowledge", args=[section.pk])).status_code == 404
    )  # not a chapter
    live = PolicyPage.objects.get(slug="kesimpulan")
    live.unpublish()
    assert client.post(_url(live)).status_code == 404
    assert not PolicyAcknowledgement.objects.exists()


def _publish_with_reconfirmation(page: PolicyPage, user, *, tick: bool) -> PolicyPage:
    draft = page.get_latest_revision_as_object()
    draft.title = draft.title + " (diperbarui)"
    draft.require_reconfirmation = tick
    draft.save_revision(user=user).publish(user=user)
    return PolicyPage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_reconfirmation_resets_earlier_acknowledgements(world, chapter, client_for):
    client = client_for(world.staff_a.user)
    client.post(_url(chapter))
    assert acknowledgement_for(user=world.staff_a.user, page=chapter) is not None

    # A normal edit keeps acknowledgements.
    chapter = _publish_with_reconfirmation(chapter, world.humas_moderator, tick=False)
    assert chapter.ack_valid_from is None
    assert acknowledgement_for(user=world.staff_a.user, page=chapter) is not None

    # Published with "minta konfirmasi ulang": earlier acknowledgements no longer count.
    chapter = _publish_with_reconfirmation(chapter, world.humas_moderator, tick=True)
    assert chapter.ack_valid_from is not None
    assert chapter.require_reconfirmation is False  # the box is cleared after publishing
    assert chapter.get_latest_revision_as_object().require_reconfirmation is False
    assert acknowledgement_for(user=world.staff_a.user, page=chapter) is None
    html = client.get("/kebijakan/pendahuluan/").content.decode()
    assert "Saya sudah membaca dan memahami" in html

    # Confirming again renews the same row with the new revision.
    client.post(_url(chapter))
    ack = PolicyAcknowledgement.objects.get()
    assert ack.revision_id == chapter.live_revision_id
    assert acknowledgement_for(user=world.staff_a.user, page=chapter) is not None

    # A later normal edit, or a rollback to an old revision, does not move the threshold back.
    valid_from = chapter.ack_valid_from
    first = chapter.revisions.order_by("pk").first()
    first.publish(user=world.humas_moderator)
    chapter.refresh_from_db()
    assert chapter.ack_valid_from == valid_from
    assert acknowledgement_for(user=world.staff_a.user, page=chapter) is not None


@pytest.mark.django_db
def test_reconfirmation_checkbox_is_in_the_admin_form(world, chapter, client_for):
    response = client_for(world.humas_editor).get(f"/admin/pages/{chapter.pk}/edit/")
    assert response.status_code == 200
    assert 'name="require_reconfirmation"' in response.content.decode()
