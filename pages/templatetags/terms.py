"""Links to the terms' public pages, and a tool's similar tools, for templates."""

from django import template

from pages import similar
from pages import terms as public
from pages.per_publish import once_per_publish

register = template.Library()


@register.simple_tag
def term_url(term):
    """The address of ``term``'s page in the active language ("" for anything that is not a term)."""
    if getattr(type(term), "term_kind", None) is None:
        return ""
    return public.term_url(term)


@register.simple_tag(takes_context=True)
def similar_tools(context, page):
    """``(similar, used together)`` for a tool page (pages/similar.py), built once per publish."""
    return once_per_publish("similar", context.get("request"), page, lambda: similar.related_tools(page))
