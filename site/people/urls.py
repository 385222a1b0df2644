from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("akun/", views.account, name="account"),
    path("pegawai/", views.asn_list, name="asn_list"),
    path("pegawai/<int:pk>/", views.asn_detail, name="asn_detail"),
]
