"""The admin speaks the user's language; where Wagtail has no translation, English, never French."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from tests.factories import live_tool
from tests.helpers.html import text_of
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db

# in Wagtail's French catalogue, missing from its Spanish one
MISSING_IN_SPANISH = "Search the whole site"


def speaking(user, language_code):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language_code
    profile.save()
    return user


def explorer_search(client, user):
    live_tool("Quetzal ouvert")
    parent = Page.objects.get(depth=2, locale__language_code="es")
    return client_for(client, user).get(reverse("wagtailadmin_explore", args=[parent.pk]), {"q": "Quetzal"})


def test_a_string_wagtail_lacks_in_spanish_shows_in_english_in_the_spanish_admin(client, translator_es):
    with translation.override("es"):
        assert translation.gettext(MISSING_IN_SPANISH) == MISSING_IN_SPANISH
    with translation.override("fr"):
        french = translation.gettext(MISSING_IN_SPANISH)
    assert french != MISSING_IN_SPANISH  # the test's premise: French has it

    page = text_of(explorer_search(client, speaking(translator_es, "es")))

    assert MISSING_IN_SPANISH in page
    assert french not in page
    assert "Siguiente" in page  # and the rest is Spanish


def test_the_french_admin_still_shows_french(client, translator_es):
    with translation.override("fr"):
        french = translation.gettext(MISSING_IN_SPANISH)

    assert french in text_of(explorer_search(client, speaking(translator_es, "fr")))


def test_french_stays_the_default_content_language():
    assert Locale.get_default().language_code == "fr"
