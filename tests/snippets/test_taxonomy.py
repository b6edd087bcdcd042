"""The taxonomy: translatable snippets, managed by moderators in the admin."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from core.content import Texts
from pages.tools import ToolPage
from snippets.models import Audience, Category, HackathonCriterion, Licence, TechnicalCriterion, Topic
from tests.factories import category, linked_slugs, published
from tests.helpers.html import text_of
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db
TAXONOMY = [Category, Topic, Audience, Licence, TechnicalCriterion, HackathonCriterion]


@pytest.mark.parametrize("model", TAXONOMY, ids=lambda model: model.__name__)
def test_each_term_type_is_a_translatable_snippet(model):
    assert issubclass(model, TranslatableMixin)
    assert model in get_snippet_models()
    for term in model.objects.filter(locale__language_code="fr"):
        translations = {t.locale.language_code: t for t in term.get_translations(inclusive=True)}
        assert set(translations) == {"fr", "en", "es"}, term
        assert len({t.slug for t in translations.values()}) == 1, "the identifier must not be translated"


def test_the_five_hackathon_criteria_of_the_summit(client):
    criteria = HackathonCriterion.objects.filter(locale__language_code="es")
    # the bootstrap's, not the shared test catalogue's (translations keep the French slug)
    criteria = criteria.exclude(slug__in=linked_slugs(HackathonCriterion))
    names = list(criteria.values_list("name", flat=True))
    assert names == ["Contribución", "Internacionalización", "Co-construcción", "Documentación", "Proyección"]


@pytest.mark.parametrize("model", TAXONOMY, ids=lambda model: model.__name__)
def test_moderators_manage_terms_and_editors_only_read_them(client, moderator, editor, model):
    list_url = reverse(f"wagtailsnippets_snippets_{model._meta.model_name}:list")
    add_url = reverse(f"wagtailsnippets_snippets_{model._meta.model_name}:add")
    moderator_client = client_for(client, moderator)
    assert moderator_client.get(list_url).status_code == 200
    assert moderator_client.get(add_url).status_code == 200
    client.logout()
    editor_client = client_for(client, editor)
    assert editor_client.get(list_url).status_code == 200
    response = editor_client.get(add_url)
    assert response.status_code == 302 and response.url == "/admin/"


def test_a_moderator_adds_a_term_with_a_clear_error_for_a_bad_spdx_id(moderator_client):
    url = reverse("wagtailsnippets_snippets_licence:add") + "?locale=fr"
    response = moderator_client.post(
        url, {"name": "Licence douteuse", "slug": "douteuse", "spdx_id": "not a licence!", "locale": "fr"}
    )
    assert response.status_code == 200
    assert "SPDX" in response.content.decode()
    assert not Licence.objects.filter(slug="douteuse").exists()

    response = moderator_client.post(
        url,
        {
            "name": "Licence publique de l'UE",
            "slug": "eupl",
            "spdx_id": "EUPL-1.2",
            "is_open_source": "on",
            "locale": "fr",
        },
    )
    assert response.status_code == 302
    assert Licence.objects.get(slug="eupl", locale=Locale.objects.get(language_code="fr")).is_open_source


def test_a_page_shows_the_term_in_its_own_language(client):
    purchases = category("achats-essai", Texts("Achats d'essai", "Trial purchases", "Compras de prueba"))
    tool = published(ToolPage, {"title": "Marchés", "slug": "marches", "categories": [purchases]})["es"]
    text = text_of(client.get(tool.url))
    assert "Compras de prueba" in text and "Achats d'essai" not in text
