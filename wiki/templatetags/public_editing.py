"""``{% page_editing page as editing %}`` and ``{% uses_admin as admin %}`` for the public pages."""

from django import template
from wagtail.models import Page

from wiki import public_editing

register = template.Library()


@register.simple_tag(takes_context=True)
def page_editing(context, page):
    """Where "edit this page" or "suggest a change" leads the visitor, or None off a page."""
    if not isinstance(page, Page) or not page.pk:
        return None
    return public_editing.editing(context["request"].user, page)


@register.simple_tag(takes_context=True)
def uses_admin(context):
    """Whether the signed-in visitor may open the admin (Wagtail's own test for its user bar)."""
    return context["request"].user.has_perm("wagtailadmin.access_admin")
