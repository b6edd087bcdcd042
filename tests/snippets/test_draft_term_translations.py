"""A draft term stays a draft in every language until a moderator publishes it, then is live in all."""

import pytest
from wagtail.models import Locale

from core.content import Texts, instance
from core.translations import translate
from snippets.models import TechnicalCriterion
from tests.factories import term

pytestmark = pytest.mark.django_db


def draft_criterion(slug):
    criterion = term(TechnicalCriterion, slug, "Sobriété d'essai", languages=("fr",))["fr"]
    criterion.live = False
    criterion.save_revision()
    criterion.save()
    return criterion


def test_a_translation_of_a_draft_term_is_a_draft_however_it_is_made():
    criterion = draft_criterion("sobriete-essai")
    english = Locale.objects.get(language_code="en")
    # wagtail-localize publishes the translations it makes, as the demo and imports make them
    made = translate(criterion, english, instance(TechnicalCriterion, {"name": "Trial sobriety"}, "en"))
    copy = criterion.copy_for_translation(Locale.objects.get(language_code="es"))
    copy.live = True
    copy.save()

    versions = TechnicalCriterion.objects.filter(translation_key=criterion.translation_key)
    assert versions.count() == 3
    assert not any(version.live for version in versions)
    made.refresh_from_db()
    assert made.name == "Trial sobriety" and not made.live


def test_publishing_the_term_publishes_its_translations():
    criterion = draft_criterion("clarte-essai")
    copy = criterion.copy_for_translation(Locale.objects.get(language_code="es"))
    copy.name = "Claridad de prueba"
    copy.save()

    criterion.latest_revision.publish()

    versions = TechnicalCriterion.objects.filter(translation_key=criterion.translation_key)
    assert all(version.live for version in versions)
    assert versions.get(locale__language_code="es").name == "Claridad de prueba"


def test_a_new_translation_of_a_live_term_is_live():
    criterion = term(TechnicalCriterion, "lisibilite-essai", Texts("Lisibilité", "Legibility", "Legibilidad"))
    assert all(version.live for version in criterion.values())
