from wagtail import hooks

from pamong.frontcache import mark_page


@hooks.register("before_serve_page")
def remember_page_for_front_cache(page, request, serve_args, serve_kwargs):
    mark_page(request, page)
