"""``{% period start end %}`` and ``{% period start end months=True %}``: see core/periods.py."""

from django import template

from core import periods

register = template.Library()


@register.simple_tag
def period(start, end=None, months=False):
    return periods.period(start, end, months=months)
