from django.urls import path

from . import account_views, letter_views, views

app_name = "people"
urlpatterns = [
    path("akun/", views.account, name="account"),
    path("akun/sandi/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/aktivasi/", account_views.activation_request, name="activation"),
    path("akun/aktivasi/terkirim/", account_views.ActivationSentView.as_view(), name="activation_sent"),
    path("akun/aktivasi/kode/", account_views.activation_code, name="activation_code"),
    path(
        "akun/aktivasi/selesai/", account_views.ActivationCompleteView.as_view(), name="activation_complete"
    ),
    path(
        "akun/aktivasi/<uidb64>/<token>/",
        account_views.ActivationConfirmView.as_view(),
        name="activation_confirm",
    ),
    path("akun/lupa-sandi/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "akun/lupa-sandi/terkirim/", account_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "akun/lupa-sandi/selesai/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "akun/lupa-sandi/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("hr/surat-aktivasi/", letter_views.activation_letters_index, name="activation_letters_index"),
    path("hr/surat-aktivasi/<int:instansi_id>/", letter_views.activation_letters, name="activation_letters"),
    path("pegawai/", views.asn_list, name="asn_list"),
    path("pegawai/<int:pk>/", views.asn_detail, name="asn_detail"),
]
