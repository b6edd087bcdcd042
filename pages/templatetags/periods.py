"""``{% period start end %}`` and ``{% period start end months=True %}``: see cms/periods.py."""

from django import template

from cms import periods

register = template.Library()


@register.simple_tag
def period(start, end=None, months=False):
    return periods.period(start, end, months=months)
