"""``bootstrap`` gives every site its base taxonomy, not only sites with the demo; the SPDX licences."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from snippets import spdx
from snippets.base_taxonomy import TERMS
from snippets.models import Audience, Category, HackathonCriterion, Licence, TechnicalCriterion, Topic
from tests.helpers.html import texts

pytestmark = pytest.mark.django_db
MODELS = [Category, Topic, Audience, Licence, TechnicalCriterion, HackathonCriterion]


def bootstrap():
    out = io.StringIO()
    call_command("bootstrap", stdout=out)
    return out.getvalue()


@pytest.fixture
def no_taxonomy():
    """A site whose taxonomy is gone, as on a site made before bootstrap created one."""
    for model in MODELS:
        model.objects.all().delete()


def names(model, slug):
    return dict(model.objects.filter(slug=slug).values_list("locale__language_code", "name"))


@pytest.mark.slow  # bootstraps the taxonomy, 600+ SPDX licences in three languages
def test_bootstrap_creates_the_base_taxonomy_in_three_languages(no_taxonomy):
    output = bootstrap()

    assert f"{len(spdx.licences()) + 1} licences" in output  # and the proprietary one
    for model, specs in TERMS:
        for spec in specs:
            assert names(model, spec["slug"]) == spec["name"]._asdict(), (model, spec["slug"])
    assert names(Category, "participatory-budgeting") == {
        "fr": "Budget participatif",
        "en": "Participatory budgeting",
        "es": "Presupuesto participativo",
    }
    assert list(
        HackathonCriterion.objects.filter(locale__language_code="fr").values_list("slug", flat=True)
    ) == ["contribution", "internationalisation", "co-construction", "documentation", "projection"]
    # the licences: every current SPDX licence, with its identifier, name, URL and openness
    current = spdx.licences()
    assert len(current) > 600
    french = Licence.objects.filter(locale__language_code="fr")
    assert french.exclude(slug="proprietary").count() == len(current)
    agpl = french.get(spdx_id="AGPL-3.0-or-later")
    assert (agpl.name, agpl.is_open_source, agpl.url) == (
        "GNU Affero General Public License v3.0 or later",
        True,
        "https://spdx.org/licenses/AGPL-3.0-or-later.html",
    )
    assert french.get(spdx_id="MIT").is_open_source
    assert not french.get(spdx_id="Elastic-2.0").is_open_source  # in the list, neither OSI nor FSF
    assert not french.filter(spdx_id="GPL-2.0+").exists()  # deprecated identifiers are left out
    assert Licence.objects.filter(spdx_id="EUPL-1.2").count() == 3  # in every language


def test_bootstrap_again_never_overwrites_what_moderators_changed():
    forum = Category.objects.get(slug="forum", locale__language_code="es")
    forum.name = "Foros y debates"
    forum.save()
    mit = Licence.objects.get(spdx_id="MIT", locale__language_code="fr")
    mit.name = "Licence MIT (Expat)"
    mit.save()
    counts = {model: model.objects.count() for model in MODELS}

    output = bootstrap()

    assert "taxonomy: nothing missing" in output
    assert Category.objects.get(slug="forum", locale__language_code="es").name == "Foros y debates"
    assert Licence.objects.get(spdx_id="MIT", locale__language_code="fr").name == "Licence MIT (Expat)"
    assert {model: model.objects.count() for model in MODELS} == counts


def test_a_translation_a_language_lacks_is_added_and_the_others_left():
    Category.objects.filter(slug="forum", locale__language_code="en").delete()
    Licence.objects.filter(spdx_id="MIT", locale__language_code="es").delete()

    bootstrap()

    assert names(Category, "forum")["en"] == "Discussion forum"
    assert Licence.objects.filter(spdx_id="MIT").count() == 3


def test_the_editors_licence_chooser_offers_every_licence_once_searchable_by_name_or_identifier(
    editor_client,
):
    url = reverse(Licence.snippet_viewset.chooser_viewset.get_url_name("choose_results"))

    by_name = texts(editor_client.get(url, {"q": "Affero"}), "td.title")
    by_identifier = texts(editor_client.get(url, {"q": "EUPL-1.2"}), "td.title")

    assert "GNU Affero General Public License v3.0 or later" in by_name
    assert len(by_name) == len(set(by_name)), "one row per licence, not one per language"
    assert "European Union Public License 1.2" in by_identifier


def test_a_published_term_is_deleted_not_unpublished(moderator_client):
    # pages name their terms in fields, rows and history: a term taken back to a draft would linger
    forum = Category.objects.get(slug="forum", locale__language_code="fr")
    viewset = Category.snippet_viewset

    form = moderator_client.get(reverse(viewset.get_url_name("edit"), args=[forum.pk]))
    response = moderator_client.post(reverse(viewset.get_url_name("unpublish"), args=[forum.pk]))

    assert form.status_code == 200
    assert 'name="action-unpublish"' not in form.content.decode()
    assert response.status_code in (302, 403)
    forum.refresh_from_db()
    assert forum.live
