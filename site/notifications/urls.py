from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("saya/notifikasi/", views.inbox, name="inbox"),
    path("saya/notifikasi/<int:pk>/buka/", views.open_notification, name="open"),
    path("saya/notifikasi/<int:pk>/dibaca/", views.mark_read, name="mark_read"),
    path("saya/notifikasi/semua-dibaca/", views.mark_all_read, name="mark_all_read"),
    path("saya/notifikasi/preferensi/", views.preferences, name="preferences"),
]
