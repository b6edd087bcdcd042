from django import template

from community.models import Argument

register = template.Library()


@register.filter
def kind_of(item):
    """ "argument" or "endorsement", as the addresses and the visitor's votes name them."""
    return "argument" if isinstance(getattr(item, "obj", item), Argument) else "endorsement"


@register.filter
def vote_of(votes, item):
    """The visitor's vote on ``item`` (+1, -1) or 0."""
    return (votes or {}).get(f"{kind_of(item)}:{item.pk}", 0)
