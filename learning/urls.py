from django.urls import path, re_path

from . import content_views, outside_views, session_views, views

app_name = "learning"

CODE = r"(?P<code>[A-Za-z0-9_-]{8,64})"

urlpatterns = [
    path("belajar/", views.dashboard, name="dashboard"),
    path("belajar/daftar/<int:course_id>/", views.enrol, name="enrol"),
    path("belajar/pelajaran/<int:lesson_id>/selesai/", views.lesson_complete, name="lesson_complete"),
    path("belajar/kuis/<int:page_id>/mulai/", views.attempt_start, name="attempt_start"),
    path("belajar/percobaan/<int:pk>/", views.attempt, name="attempt"),
    path("belajar/pelajaran/<int:lesson_id>/scorm/commit/", content_views.scorm_commit, name="scorm_commit"),
    path("belajar/pelajaran/<int:lesson_id>/scorm/<path:path>", content_views.scorm_file, name="scorm_file"),
    path("belajar/pelajaran/<int:lesson_id>/video/", content_views.video_file, name="video_file"),
    path(
        "belajar/pelajaran/<int:lesson_id>/video/teks.vtt",
        content_views.video_captions,
        name="video_captions",
    ),
    path("belajar/pelajaran/<int:lesson_id>/video/mulai/", content_views.video_start, name="video_start"),
    path(
        "belajar/pelajaran/<int:lesson_id>/video/tonton/", content_views.video_progress, name="video_progress"
    ),
    path("belajar/penugasan/", views.assign, name="assign"),
    path("belajar/xapi/", views.xapi_export, name="xapi_export"),
    # classroom and online sessions
    path("belajar/sesi/", session_views.session_list, name="session_list"),
    path("belajar/sesi/laporan/", session_views.session_report, name="session_report"),
    path("belajar/sesi/<int:pk>/daftar/", session_views.session_register_view, name="session_register"),
    path("belajar/sesi/<int:pk>/batal/", session_views.session_cancel_view, name="session_cancel"),
    path("belajar/sesi/<int:pk>/tiket/", session_views.session_ticket, name="session_ticket"),
    path("belajar/sesi/<int:pk>/presensi/", session_views.session_attendance, name="session_attendance"),
    path("belajar/sesi/<int:pk>/peserta/", session_views.session_participants, name="session_participants"),
    # learning done outside Pamong
    path("belajar/luar/", outside_views.outside_list, name="outside_list"),
    path("belajar/luar/<int:pk>/sertifikat/", outside_views.outside_proof, name="outside_proof"),
    path("belajar/luar/verifikasi/", outside_views.outside_queue, name="outside_queue"),
    path("belajar/luar/<int:pk>/putuskan/", outside_views.outside_decide, name="outside_decide"),
    path("belajar/luar/impor/", outside_views.outside_import_view, name="outside_import"),
    path("belajar/xapi/saya/", views.xapi_mine, name="xapi_mine"),
    # the activity IRIs of the xAPI export (no trailing slash: the IRIs already given out keep working)
    path("xapi/activities/<str:kind>/<int:ref>", views.xapi_activity, name="xapi_activity"),
    re_path(rf"^sertifikat/{CODE}\.pdf$", views.certificate_pdf_view, name="certificate_pdf"),
    re_path(rf"^sertifikat/{CODE}/$", views.certificate_verify, name="certificate_verify"),
    re_path(rf"^sertifikat/{CODE}/cabut/$", views.certificate_revoke, name="certificate_revoke"),
    # Module and lesson pages, served without walking Wagtail's tree (see views.step_serve).
    path("pelatihan/<slug:course>/<slug:module>/", views.step_serve, name="module"),
    path("pelatihan/<slug:course>/<slug:module>/<slug:lesson>/", views.step_serve, name="lesson"),
]
