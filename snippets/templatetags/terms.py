"""Links to the terms' public pages, and a tool's similar tools, for templates."""

from django import template

from snippets import public

register = template.Library()


@register.simple_tag
def term_url(term):
    """The address of ``term``'s page in the active language ("" for anything that is not a term)."""
    if getattr(type(term), "term_kind", None) is None:
        return ""
    return public.term_url(term)


@register.simple_tag
def similar_tools(page):
    """``(similar, used together)`` for a tool page (pages/similar.py)."""
    from pages import similar  # the pages app imports the taxonomy, not the other way round at load

    return similar.related_tools(page)
