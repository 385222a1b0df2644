"""The admin's upload forms for SCORM packages and lesson videos: a good upload creates the snippet
through the service; a refused one shows the service's reason on the form and saves nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning.models import LessonVideo, ScormPackage
from tests.factories.content import CAPTIONS, scorm_zip, upload, video_bytes

SCORM_ADD = "wagtailsnippets_learning_scormpackage:add"
VIDEO_ADD = "wagtailsnippets_learning_lessonvideo:add"


@pytest.fixture
def admin_client(world, client_for):
    return client_for(world.admin)


def test_trainer_uploads_a_scorm_package(admin_client):
    response = admin_client.post(
        reverse(SCORM_ADD), {"title": "Etika ASN", "package_file": upload("etika.zip", scorm_zip("2004"))}
    )
    assert response.status_code == 302
    package = ScormPackage.objects.get()
    assert package.title == "Etika ASN" and package.version == "2004"


def test_refused_package_shows_the_reason_on_the_form(admin_client):
    response = admin_client.post(
        reverse(SCORM_ADD),
        {"title": "Etika ASN", "package_file": upload("etika.zip", scorm_zip(drop=("imsmanifest.xml",)))},
    )
    assert response.status_code == 200
    assert "imsmanifest.xml tidak ditemukan" in response.content.decode()
    assert not ScormPackage.objects.exists()


def test_package_form_without_file_asks_for_it(admin_client):
    response = admin_client.post(reverse(SCORM_ADD), {"title": "Etika ASN"})
    assert response.status_code == 200 and "Pilih berkasnya." in response.content.decode()
    assert not ScormPackage.objects.exists()


def test_editing_a_package_changes_only_its_title(admin_client):
    admin_client.post(reverse(SCORM_ADD), {"title": "Lama", "package_file": upload("p.zip", scorm_zip())})
    package = ScormPackage.objects.get()
    edit = reverse("wagtailsnippets_learning_scormpackage:edit", args=[package.pk])
    assert "package_file" not in admin_client.get(edit).content.decode()
    assert admin_client.post(edit, {"title": "Baru"}).status_code == 302
    package.refresh_from_db()
    assert package.title == "Baru" and package.file_count == 4


def test_trainer_uploads_a_video_and_a_bad_one_is_refused(admin_client):
    data = {
        "title": "Orientasi",
        "transcript": "Selamat datang.",
        "video_file": upload("orientasi.webm", video_bytes()),
        "captions_file": upload("orientasi.vtt", CAPTIONS.encode()),
    }
    assert admin_client.post(reverse(VIDEO_ADD), data).status_code == 302
    assert LessonVideo.objects.get().kind == "webm"
    bad = dict(
        data,
        video_file=upload("palsu.mp4", b"bukan video" * 20),
        captions_file=upload("t.vtt", CAPTIONS.encode()),
    )
    response = admin_client.post(reverse(VIDEO_ADD), bad)
    assert response.status_code == 200
    assert "bukan video MP4 atau WebM" in response.content.decode()
    assert LessonVideo.objects.count() == 1
