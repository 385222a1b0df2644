from django.urls import path

from . import views

app_name = "siasn"

urlpatterns = [
    path("hr/siasn/<slug:code>/", views.reconciliation, name="reconciliation"),
    path("hr/siasn/<slug:code>/periksa/", views.reconcile_now, name="reconcile_now"),
    path("hr/siasn/antrean/<int:pk>/kirim-ulang/", views.outbox_resend_view, name="outbox_resend"),
]
