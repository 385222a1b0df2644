from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from pamong.frontcache import front_cache_bump


class HomeConfig(AppConfig):
    name = "pamong.home"
    label = "home"
    verbose_name = _("Beranda")

    def ready(self) -> None:
        from wagtail.models import Page  # a model: it cannot load before the app registry

        uid = "pamong.frontcache.bump"
        page_published.connect(front_cache_bump, dispatch_uid=f"{uid}.published")
        page_unpublished.connect(front_cache_bump, dispatch_uid=f"{uid}.unpublished")
        page_slug_changed.connect(front_cache_bump, dispatch_uid=f"{uid}.slug")
        post_page_move.connect(front_cache_bump, dispatch_uid=f"{uid}.moved")
        post_delete.connect(front_cache_bump, sender=Page, dispatch_uid=f"{uid}.deleted")
