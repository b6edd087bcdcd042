"""An argument read in the visitor's language through wagtail-localize's machine translator.

Only when the site configures one (``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``, as for page
translations): the link is not shown otherwise. The result is labelled as a machine's and never
stored; the whole-answer cache keeps it for visitors until the next change.
"""

import logging

from django.conf import settings
from wagtail.models import Locale

logger = logging.getLogger(__name__)


def translator():
    if not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None):
        return None
    from wagtail_localize.machine_translators import get_machine_translator

    try:
        return get_machine_translator()
    except ImportError:
        logger.exception("WAGTAILLOCALIZE_MACHINE_TRANSLATOR names a class that cannot be imported")
        return None


def is_configured():
    return translator() is not None


class Unavailable(Exception):
    pass


def translate(argument, language_code):
    """``(title, text)`` of ``argument`` in ``language_code``, or raise ``Unavailable``."""
    from wagtail_localize.strings import StringValue

    machine = translator()
    source = Locale.objects.filter(language_code=argument.language).first()
    target = Locale.objects.filter(language_code=language_code).first()
    if machine is None or source is None or target is None or not machine.can_translate(source, target):
        raise Unavailable
    strings = [StringValue.from_plaintext(argument.title), StringValue.from_plaintext(argument.text)]
    try:
        found = machine.translate(source, target, strings)
        return tuple(found[string].render_text() for string in strings), machine.display_name
    except Exception as error:  # a provider down, a quota: the visitor still has the original
        logger.warning("machine translation failed: %s", error)
        raise Unavailable from error
