"""Routes of the API that live on the site's account pages (outside ``/api/v1/``): a person revokes
their own API token from "Akun saya". Included by ``pamong.urls`` so only ``pamong.api`` imports its
views (the import-layer contract)."""

from django.urls import path

from . import views

urlpatterns = [
    path("akun/token/cabut/", views.token_revoke, name="api_token_revoke"),
]
