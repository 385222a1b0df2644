from django.urls import path

from . import views

app_name = "performance"
urlpatterns = [
    path("kinerja/", views.dashboard, name="dashboard"),
    path("kinerja/skp/baru/<int:period_pk>/", views.plan_create, name="plan_create"),
    path("kinerja/skp/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("kinerja/skp/<int:pk>/indikator/", views.plan_add_indicator, name="plan_add_indicator"),
    path("kinerja/skp/<int:pk>/setujui/", views.plan_agree, name="plan_agree"),
    path("kinerja/skp/<int:pk>/realisasi/", views.realisation_record, name="realisation_record"),
    path("kinerja/skp/<int:pk>/komentar/", views.comment_add, name="comment_add"),
    path("kinerja/skp/<int:pk>/penilai/", views.raters, name="raters"),
    path("kinerja/skp/<int:pk>/periodik/", views.plan_periodic, name="plan_periodic"),
    path("kinerja/skp/<int:pk>/periodik/nilai/", views.plan_periodic_assess, name="plan_periodic_assess"),
    path("kinerja/skp/<int:pk>/hasil/", views.result, name="result"),
    path("kinerja/skp/<int:pk>/hasil.json", views.result_json, name="result_json"),
    path("kinerja/skp/<int:pk>/finalisasi/", views.result_finalise, name="result_finalise"),
    path("kinerja/skp/<int:pk>/keberatan/", views.objection_file, name="objection_file"),
    path("kinerja/bukti/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("kinerja/360/", views.rating_tasks, name="rating_tasks"),
    path("kinerja/360/<int:pk>/", views.rating_form, name="rating_form"),
    path("kinerja/keberatan/", views.objection_list, name="objection_list"),
    path("kinerja/keberatan/<int:pk>/", views.objection_detail, name="objection_detail"),
    path("kinerja/periode/", views.period_list, name="period_list"),
    path("kinerja/periode/<int:pk>/", views.period_detail, name="period_detail"),
    path("kinerja/periode/<int:pk>/predikat-organisasi/", views.org_predikat_set, name="org_predikat_set"),
    path("kinerja/periode/<int:pk>/hasil.csv", views.period_results_csv, name="period_results_csv"),
    path("kinerja/periode/<int:pk>/tindak-lanjut/", views.proposal_list, name="proposal_list"),
    path("kinerja/tindak-lanjut/<int:pk>/putuskan/", views.proposal_decide, name="proposal_decide"),
    path("kinerja/piagam/<int:pk>/", views.certificate_download, name="certificate_download"),
    path("kinerja/verifikasi/", views.verify, name="verify"),
    path("kinerja/verifikasi/<str:code>/", views.verify, name="verify_code"),
    path("kinerja/audit/", views.audit_log, name="audit_log"),
    path("kinerja/umpan-balik/", views.moderation, name="moderation"),
    path("kinerja/umpan-balik/<int:pk>/moderasi/", views.moderate, name="moderate"),
    path("kinerja/umpan-balik/unit/<int:unit_pk>/cetak/", views.channel_print, name="channel_print"),
    path("umpan-balik/<str:token>/", views.public_feedback, name="public_feedback"),
    path(
        "umpan-balik/<str:token>/terima-kasih/", views.public_feedback_thanks, name="public_feedback_thanks"
    ),
]
