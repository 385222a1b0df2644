from django.urls import path

from . import views

app_name = "sso"
urlpatterns = [
    path("masuk/", views.SSOStartView.as_view(), name="start"),
    path("kembali/", views.SSOCallbackView.as_view(), name="callback"),
]
