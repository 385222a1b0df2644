from django.urls import path

from . import views

app_name = "competencies"

urlpatterns = [
    path("kompetensi/", views.profile, name="profile"),
    path("kompetensi/rencana/buat/", views.plan_new, name="plan_new"),
    path("kompetensi/rencana/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("kompetensi/rencana/<int:pk>/sasaran/", views.goal_new, name="goal_new"),
    path("kompetensi/rencana/<int:pk>/ajukan/", views.plan_submit, name="plan_submit"),
    path("kompetensi/rencana/<int:pk>/setujui/", views.plan_approve, name="plan_approve"),
    path("kompetensi/rencana/<int:pk>/kembalikan/", views.plan_return, name="plan_return"),
    path("kompetensi/rencana/<int:pk>/penilaian/", views.level_review, name="level_review"),
    path("kompetensi/sasaran/<int:pk>/hapus/", views.goal_delete, name="goal_delete"),
    path("kompetensi/sasaran/<int:pk>/kegiatan/", views.activity_new, name="activity_new"),
    path("kompetensi/kegiatan/<int:pk>/hapus/", views.activity_delete, name="activity_delete"),
    path("kompetensi/kegiatan/<int:pk>/selesai/", views.activity_done, name="activity_done"),
    path("kompetensi/tim/", views.team, name="team"),
    path("kompetensi/usulan/<int:pk>/", views.proposal_decide, name="proposal_decide"),
]
