from django.urls import path, re_path

from . import views

app_name = "learning"

CODE = r"(?P<code>[A-Za-z0-9_-]{8,64})"

urlpatterns = [
    path("belajar/", views.dashboard, name="dashboard"),
    path("belajar/daftar/<int:course_id>/", views.enrol, name="enrol"),
    path("belajar/pelajaran/<int:lesson_id>/selesai/", views.lesson_complete, name="lesson_complete"),
    path("belajar/kuis/<int:page_id>/mulai/", views.attempt_start, name="attempt_start"),
    path("belajar/percobaan/<int:pk>/", views.attempt, name="attempt"),
    path("belajar/penugasan/", views.assign, name="assign"),
    path("belajar/xapi/", views.xapi_export, name="xapi_export"),
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
