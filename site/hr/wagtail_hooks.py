"""Wagtail admin configuration of HR: the reports that read HR's stored figures (socialization
coverage, JP compliance) and their menu items, at the addresses they always had."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from pamong.people.access import scope_for

from . import admin_views


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("sosialisasi/cakupan/", admin_views.coverage, name="socialization_coverage"),
        path("kompetensi/kepatuhan-jp/", admin_views.jp_report, name="competencies_jp_report"),
    ]


class CoverageMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        scope = scope_for(request.user)
        return scope.is_hr or scope.is_humas


class HRMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return scope_for(request.user).is_hr


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return CoverageMenuItem(
        _("Cakupan sosialisasi"), reverse("socialization_coverage"), icon_name="doc-full", order=900
    )


@hooks.register("register_reports_menu_item")
def register_jp_report_menu_item():
    return HRMenuItem(_("Kepatuhan JP"), reverse("competencies_jp_report"), icon_name="time", order=911)
