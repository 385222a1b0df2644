from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from pamong.frontcache import mark_page


@hooks.register("before_serve_page")
def remember_page_for_front_cache(page, request, serve_args, serve_kwargs):
    mark_page(request, page)


@hooks.register("insert_editor_js")
def editor_tag_input_labels():
    """Label the input Wagtail's tag field creates (axe: every form element has a label)."""
    return format_html('<script src="{}"></script>', static("js/admin-tag-labels.js"))
