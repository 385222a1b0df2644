from django.urls import path

from . import views

app_name = "hr"

urlpatterns = [
    path("pegawai/<int:pk>/profil/", views.profile, name="profile"),
    path("pegawai/<int:pk>/potensial/", views.potential_record, name="potential_record"),
    path("pegawai/<int:pk>/talenta/terapkan/", views.talent_apply, name="talent_apply"),
    path("hr/dasbor/", views.dashboard, name="dashboard"),
    path("hr/dasbor/unduh/<slug:table>/", views.dashboard_export, name="dashboard_export"),
    path("hr/talenta/", views.talent_grid, name="talent"),
    path("hr/talenta/unduh/", views.talent_export, name="talent_export"),
    path("hr/talenta/ambang/", views.talent_settings, name="talent_settings"),
]
