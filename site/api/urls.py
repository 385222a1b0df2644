"""``/api/v1/``: the read-only API, its OpenAPI schema and its docs page (assets vendored by
drf-spectacular-sidecar; the Swagger UI start-up script is a separate file, so the strict
Content-Security-Policy holds: no inline script, nothing from another host)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("instansi", views.InstansiViewSet, basename="instansi")
router.register("unit", views.UnitKerjaViewSet, basename="unit")
router.register("jabatan", views.JabatanViewSet, basename="jabatan")
router.register("asn", views.ASNViewSet, basename="asn")
router.register("kompetensi", views.CompetencyViewSet, basename="kompetensi")
router.register("rencana-pengembangan", views.DevelopmentPlanViewSet, basename="rencana")
router.register("pelatihan", views.EnrolmentViewSet, basename="pelatihan")
router.register("periode", views.PeriodViewSet, basename="periode")
router.register("hasil-kinerja", views.PerformanceResultViewSet, basename="hasil")
router.register("penghargaan-sanksi", views.FollowUpViewSet, basename="tindak-lanjut")

urlpatterns = [
    path("token/", views.TokenView.as_view(), name="token"),
    # The schema and its docs page describe the API, not its data: readable without signing in.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[AllowAny]),
        name="docs",
    ),
    *router.urls,
]
