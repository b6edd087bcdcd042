"""A tool page lists similar tools (what they share, said in words) and the tools used with it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from core.content import Texts
from pages.collections import CollectionItem
from pages.similar import related_tools
from pages.tools import ToolCriterionValue
from pages.use_cases import UseCaseTool
from snippets.models import Category, TechnicalCriterion, Topic
from tests.factories import CollectionPageFactory, UseCasePageFactory, term, tool
from tests.helpers.html import parse, text_of

pytestmark = pytest.mark.django_db


def make_tool(title, categories=(), topics=(), live=True, language="fr"):
    page = tool(title, summary="Texte.", language=language, live=live)
    page.categories.set(categories)
    page.topics.set(topics)
    if live:
        page.save_revision().publish()
    else:
        page.save()
    page.refresh_from_db()
    return page


def cite(tools, model=UseCasePageFactory, row=UseCaseTool, **fields):
    listing = model()
    for page in tools:
        row.objects.create(page=listing, tool=page, locale=listing.locale, **fields)
    return listing


@pytest.fixture
def catalogue():
    consultation = term(Category, "consultation-essai", Texts("Consultation", "Consultation", "Consulta"))
    portal = term(Category, "portail-essai", Texts("Portail", "Portal", "Portal"))
    other = term(Category, "autre-essai", Texts("Autre", "Other", "Otro"))
    budget = term(Topic, "budget-essai", Texts("Budget", "Budget", "Presupuesto"))
    api = term(TechnicalCriterion, "api-essai", Texts("API ouverte", "Open API", "API abierta"))
    cats = [consultation["fr"], portal["fr"]]
    tools = {
        "Alpha": make_tool("Alpha", cats, [budget["fr"]]),
        "Bêta": make_tool("Bêta", cats),
        "Gamma": make_tool("Gamma", [consultation["fr"]], [budget["fr"]]),
        "Delta": make_tool("Delta", [other["fr"]]),
        "Brouillon": make_tool("Brouillon", cats, live=False),
        "Privé": make_tool("Privé", cats),
    }
    PageViewRestriction.objects.create(page=tools["Privé"], restriction_type=PageViewRestriction.LOGIN)
    for name in ("Alpha", "Delta"):
        ToolCriterionValue.objects.create(
            page=tools[name], criterion=api["fr"], assessment="yes", locale=tools[name].locale
        )
    cite([tools["Alpha"], tools["Bêta"]], role="essai")
    cite(
        [tools["Alpha"], tools["Delta"], tools["Brouillon"]], model=CollectionPageFactory, row=CollectionItem
    )
    return tools


def names(related):
    return [item.tool.title for item in related]


def test_similar_tools_are_ranked_by_what_they_share_and_say_why(catalogue):
    with translation.override("fr"):
        similar, _together = related_tools(catalogue["Alpha"])

    # Bêta: 2 categories + 1 use case (8); Gamma: 1 category + 1 topic (5); Delta: 1 criterion (1)
    assert names(similar) == ["Bêta", "Gamma", "Delta"]
    assert [item.score for item in similar] == [8, 5, 1]
    assert similar[0].reasons == [
        "Catégories en commun : Consultation, Portail",
        "Cas d’usage qui citent les deux : 1",
    ]
    assert similar[1].reasons == ["Catégories en commun : Consultation", "Thèmes en commun : Budget"]
    assert similar[2].reasons == ["Critères techniques remplis par les deux : API ouverte"]


def test_reasons_name_the_terms_in_the_pages_language(catalogue):
    consultation = Category.objects.get(slug="consultation-essai", locale__language_code="fr")
    budget = Topic.objects.get(slug="budget-essai", locale__language_code="fr")
    uno = make_tool("Uno", [consultation], [budget], language="es")
    make_tool("Dos", [consultation], [budget], language="es")
    with translation.override("es"):
        similar, _together = related_tools(uno)
    assert names(similar) == ["Dos"]
    assert similar[0].reasons == ["Categorías en común: Consulta", "Temas en común: Presupuesto"]


def test_often_used_together_counts_the_same_use_cases_and_collections(catalogue):
    with translation.override("en"):
        _similar, together = related_tools(catalogue["Alpha"])

    assert names(together) == ["Bêta", "Delta"]
    assert together[0].reasons == ["Use cases citing both: 1"]
    assert together[1].reasons == ["Collections listing both: 1"]


def test_drafts_private_tools_and_the_tool_itself_are_never_listed(catalogue):
    similar, together = related_tools(catalogue["Alpha"])
    listed = set(names(similar)) | set(names(together))
    assert not listed & {"Alpha", "Brouillon", "Privé"}


def test_only_tools_of_the_pages_language_are_listed(catalogue):
    english = make_tool(
        "Epsilon",
        [Category.objects.get(slug="consultation-essai", locale__language_code="fr")],
        language="en",
    )
    french = names(related_tools(catalogue["Alpha"])[0])
    assert "Epsilon" not in french
    assert "Alpha" not in names(related_tools(english)[0])  # Alpha has no English version


def test_the_tool_page_shows_both_lists_with_their_reasons(client, catalogue):
    response = client.get(catalogue["Alpha"].url)

    page = parse(response)
    similar = page.select_one("section[aria-labelledby=similar-tools]")
    assert text_of(similar.select_one("h2")) == "Outils similaires"
    cards = similar.select(".card")
    assert [text_of(card.select_one("h3")) for card in cards] == ["Bêta", "Gamma", "Delta"]
    assert cards[0].select_one("h3 a")["href"] == catalogue["Bêta"].url
    assert "Catégories en commun : Consultation, Portail" in text_of(cards[0])
    together = page.select_one("section[aria-labelledby=used-together]")
    assert text_of(together.select_one("h2")) == "Souvent utilisés ensemble"


def test_a_tool_with_nothing_in_common_shows_no_empty_section(client, catalogue):
    lonely = make_tool("Solitaire")
    page = parse(client.get(lonely.url))
    assert page.select_one("section[aria-labelledby=similar-tools]") is None
    assert page.select_one("section[aria-labelledby=used-together]") is None


def test_the_similarity_takes_the_same_queries_however_many_tools_compare(catalogue):
    alpha = catalogue["Alpha"]
    with CaptureQueriesContext(connection) as before:
        related_tools(alpha)
    shared = list(alpha.categories.all())
    use_case = cite([alpha])
    for n in range(6):
        extra = make_tool(f"Zêta {n}", shared)
        UseCaseTool.objects.create(page=use_case, tool=extra, locale=use_case.locale)
    with CaptureQueriesContext(connection) as after:
        similar, together = related_tools(alpha)
    assert len(similar) == 6 and len(together) == 6
    assert len(after) == len(before)
    assert len(after) <= 16
