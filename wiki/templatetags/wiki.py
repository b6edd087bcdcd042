from django import template

from pages.navigation import header
from wiki.translation_status import outdated_notice

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_notice(context, page):
    """The out-of-date notice of a translated page, or None."""
    if page is None or not page.pk:
        return None
    return outdated_notice(page, header(context["request"], page)["translations"])


@register.simple_tag(takes_context=True)
def is_watching(context, page):
    user = context["request"].user
    return bool(user.is_authenticated and user.watches.filter(page=page).exists())
