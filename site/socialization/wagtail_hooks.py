"""Wagtail admin configuration of the socialization app: the coverage report and its menu item."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from pamong.people.access import scope_for

from . import admin_views


@hooks.register("register_admin_urls")
def register_coverage_url():
    return [path("sosialisasi/cakupan/", admin_views.coverage, name="socialization_coverage")]


class CoverageMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        scope = scope_for(request.user)
        return scope.is_hr or scope.is_humas


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return CoverageMenuItem(
        _("Cakupan sosialisasi"), reverse("socialization_coverage"), icon_name="doc-full", order=900
    )
