"""Template filters of the catalogue cards (templates/includes/card.html)."""

from django import template

register = template.Library()


@register.filter
def takes_logo(entry):
    """Whether pages of ``entry``'s type have a logo: their cards keep its place, logo or not."""
    return any(field.name == "logo" for field in type(entry)._meta.fields)
