from django import template

from ..selectors import latest_articles, policy_chapters

register = template.Library()


@register.inclusion_tag("socialization/includes/latest.html", takes_context=True)
def socialization_latest(context, limit: int = 3):
    """Latest announcements and the chapters of the policy, for the home page."""
    return {
        "articles": latest_articles(limit=limit),
        "chapters": list(policy_chapters().only("id", "title", "url_path", "path", "depth")),
        "request": context.get("request"),
    }
