from django import template

from core.localization import active_language
from pages.navigation import header
from pages.per_publish import once_per_publish
from wiki.translation_status import outdated_notice
from wiki.watching import is_watching_term

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_notice(context, page):
    """The out-of-date notice of a translated page, or None."""
    if page is None or not page.pk:
        return None
    request = context["request"]
    # the notice only changes when the page or its source is published
    return once_per_publish(
        "outdated-notice", request, page, lambda: outdated_notice(page, header(request, page)["translations"])
    )


@register.simple_tag(takes_context=True)
def is_watching(context, page):
    user = context["request"].user
    return bool(user.is_authenticated and user.watches.filter(page=page).exists())


@register.simple_tag(takes_context=True)
def watches_term(context, kind, slug):
    """Whether the signed-in visitor watches the term ``kind``/``slug`` in the active language."""
    return is_watching_term(context["request"].user, kind, slug, active_language())
