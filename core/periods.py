"""Dates and periods as each language writes them: one format per language (Django's locale formats),
and French elision ("d’avril", not "de avril") where a month name follows "de".

Templates use the ``period`` tag (pages/templatetags/periods.py); the functions are plain so that
tests can call them.
"""

import re

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# "de" before a vowel (or a mute h: no month name starts with an aspirated one) becomes "d’"
FRENCH_ELISION = re.compile(r"\b([Dd])e ([aeiouyhàâéèêëîïôûù])", re.IGNORECASE)


def elide(text, language=None):
    if (language or get_language() or "").startswith("fr"):
        return FRENCH_ELISION.sub(r"\1’\2", text)
    return text


def period(start, end=None, *, months=False):
    """``start`` to ``end`` (dates), by day or by month; ``Since start`` for months without an end.

    Nothing for no start; a single date when both are the same.
    """
    if not start:
        return ""
    pattern = "YEAR_MONTH_FORMAT" if months else "DATE_FORMAT"
    first = formats.date_format(start, pattern)
    if not end:
        return elide(_("Since %(start_month)s") % {"start_month": first}) if months else first
    last = formats.date_format(end, pattern)
    if first == last:
        return first
    if months:
        text = _("%(start_month)s to %(end_month)s") % {"start_month": first, "end_month": last}
    else:
        text = _("%(start)s to %(end)s") % {"start": first, "end": last}
    return elide(text)
