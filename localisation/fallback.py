"""Strings missing from a language's catalogue show in English, not in the default language.

Django gives every catalogue but the default language's a fallback: the catalogue of
``LANGUAGE_CODE``. Ours is French, the site's default content language, which Wagtail also reads
(``Locale.get_default()``, the default locale of new content, the admin's "server language"), so it
stays "fr". But then the Spanish admin shows French wherever Wagtail's Spanish catalogue lacks a
string (hundreds, among them the moderation e-mails). The msgids are English: without that
fallback, a missing string shows in English, which more Spanish-speaking people read than French.
Our own strings exist in every language (tests/cms/test_catalogues.py), so visitors see no change.

``DjangoTranslation._add_fallback`` is the one place Django chains that catalogue (for the
"django" and "djangojs" domains alike); it has kept this signature since Django 1.8.
"""

from django.utils.translation import trans_real


def _no_default_language_fallback(self, localedirs=None):
    """Leave the catalogue without fallback: gettext then returns the (English) msgid."""


def install():
    trans_real.DjangoTranslation._add_fallback = _no_default_language_fallback
    # catalogues loaded before this ran (none, normally) would keep the French fallback
    trans_real._translations = {}
    trans_real._default = None
