from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pamong import views as site_views
from pamong.people import account_views
from pamong.storage import public_media_urlpatterns

handler500 = "pamong.views.error_500"

urlpatterns = [
    path("healthz/", site_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("masuk/", account_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sso/", include("pamong.sso.urls")),  # single sign-on (OpenID Connect): 404 while off
    path("bahasa/", site_views.language_choose, name="language_choose"),
    path("", include("pamong.api.account_urls")),
    path("", include("pamong.people.urls")),
    path("", include("pamong.socialization.urls")),
    path("", include("learning.urls")),
    path("", include("competencies.urls")),
    path("", include("performance.urls")),
    path("", include("pamong.hr.urls")),
    path("", include("pamong.siasn.urls")),
    path("", include("pamong.start.urls")),
    path("", include("pamong.notifications.urls")),
    path("api/v1/", include("pamong.api.urls")),
]

if settings.DEBUG:
    # Public media only (Wagtail images); private uploads are outside MEDIA_ROOT (pamong.storage).
    urlpatterns += public_media_urlpatterns()

# Wagtail's page serving comes last: it catches every remaining path.
urlpatterns += [path("", include(wagtail_urls))]
