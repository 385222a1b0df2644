from django.urls import path

from . import views

app_name = "socialization"
urlpatterns = [
    path("cari/", views.search, name="search"),
    path("topik/<slug:slug>/", views.topic, name="topic"),
    path("konfirmasi-baca/<int:page_id>/", views.acknowledge, name="acknowledge"),
]
