"""What a visitor notices when searching, on every engine (see conftest: database, and Elasticsearch
when one is configured)."""

import pytest
from wagtail.models import PageViewRestriction

from search.models import SearchDocument
from tests.factories import category, tool

pytestmark = pytest.mark.django_db


# --- language analysis ------------------------------------------------------------------------------


def test_a_french_query_finds_other_forms_of_its_words(engine):
    engine.publish(tool("Zéphyr", summary="Un outil pour l'élaboration de la décision publique."))

    assert "Zéphyr" in engine.titles("outils")  # plural → singular
    assert "Zéphyr" in engine.titles("publiques")  # feminine plural → singular
    assert "Zéphyr" in engine.titles("elaboration")  # no accent → accented
    assert "Zéphyr" in engine.titles("ÉLABORATIONS")
    assert "Zéphyr" in engine.titles("l'outil")  # elided article
    assert "Zéphyr" in engine.titles("zephyr")


def test_a_spanish_query_finds_other_forms_of_its_words(engine):
    engine.publish(tool("Quetzal", summary="Herramienta de participación ciudadana.", language="es"))

    assert "Quetzal" in engine.titles("herramientas", "es")
    assert "Quetzal" in engine.titles("participacion", "es")
    assert "Quetzal" in engine.titles("ciudadanas", "es")


def test_an_english_query_finds_other_forms_of_its_words(engine):
    engine.publish(tool("Albatross", summary="A data portal for city councils.", language="en"))

    assert "Albatross" in engine.titles("portals", "en")
    assert "Albatross" in engine.titles("council", "en")


def test_results_stay_in_the_visitors_language_unless_all_languages_are_asked(engine):
    engine.publish(tool("Zéphyr", summary="Un outil de consultation."))
    engine.publish(tool("Quetzal", summary="Herramienta de consulta.", language="es"))

    assert "Zéphyr" not in engine.titles("consultation", "en")
    assert "Quetzal" not in engine.titles("herramientas", "fr")

    everywhere = engine.search("herramientas", "fr", all_languages=True)
    quetzal = next(hit for hit in everywhere.hits if hit.title == "Quetzal")
    assert quetzal.language == "es"
    assert quetzal.url.startswith("/es/")
    # and each language keeps its own analysis: French plural finds the French page
    assert "Zéphyr" in engine.titles("consultations", "es", all_languages=True)


# --- ranking and phrases ----------------------------------------------------------------------------


def test_a_word_in_the_title_ranks_above_the_summary_above_the_body(engine):
    engine.publish(tool("Carnet C", summary="Un carnet.", body="On y parle de mangrove."))
    engine.publish(tool("Carnet B", summary="Une mangrove en ligne."))
    engine.publish(tool("Mangrove A", summary="Un carnet."))

    assert engine.titles("mangrove") == ["Mangrove A", "Carnet B", "Carnet C"]


def test_a_quoted_phrase_needs_its_words_together(engine):
    engine.publish(tool("Together", summary="Une consultation publique sur les marées."))
    engine.publish(tool("Apart", summary="La marée publique est ouverte à la consultation."))

    assert set(engine.titles("consultation publique marées")) >= {"Together", "Apart"}
    phrase = engine.titles('"consultation publique" marées')
    assert "Together" in phrase
    assert "Apart" not in phrase


def test_a_minus_sign_excludes_a_word(engine):
    engine.publish(tool("Lagune un", summary="Lagune et récif."))
    engine.publish(tool("Lagune deux", summary="Lagune seule."))

    assert engine.titles("lagune -récif") == ["Lagune deux"]


# --- facets -----------------------------------------------------------------------------------------


def test_facets_count_and_filters_combine_with_the_query(engine):
    portal = category()
    first = tool("Banquise un", summary="Banquise portail.", countries=["SN"])
    second = tool("Banquise deux", summary="Banquise forum.", countries=["SN", "TN"])
    third = tool("Banquise trois", summary="Banquise encore.", countries=["TN"])
    first.categories.set([portal])
    for page in (first, second, third):
        engine.publish(page)

    results = engine.search("banquise")
    assert results.total == 3
    countries = {value.value: value.count for value in results.facets["country"]}
    assert countries == {"SN": 2, "TN": 2}
    assert {v.value: v.count for v in results.facets["kind"]} == {"tool": 3}
    assert {v.value: v.count for v in results.facets["category"]} == {"portail-essai": 1}
    assert [v.label for v in results.facets["category"]] == ["Portail des essais"]

    senegal = engine.search("banquise", filters={"country": ["SN"]})
    assert sorted(hit.title for hit in senegal.hits) == ["Banquise deux", "Banquise un"]
    # the country facet still offers Tunisia, with what choosing it too would add
    assert {v.value: (v.count, v.selected) for v in senegal.facets["country"]} == {
        "SN": (2, True),
        "TN": (2, False),
    }
    both = engine.search("banquise", filters={"country": ["SN"], "category": ["portail-essai"]})
    assert [hit.title for hit in both.hits] == ["Banquise un"]


def test_filters_without_words_list_the_matching_entries(engine):
    engine.publish(tool("Fjord", summary="Rien à voir.", countries=["IS"]))

    results = engine.search("", filters={"country": ["IS"], "kind": ["tool"]})
    assert [hit.title for hit in results.hits] == ["Fjord"]


def test_open_source_facet_says_whether_a_tool_is_open_source_and_licence_names_the_licence(engine):
    from snippets.models import Licence

    open_licence = Licence.objects.filter(is_open_source=True, locale__language_code="fr").first()
    closed_licence = Licence.objects.filter(is_open_source=False, locale__language_code="fr").first()
    engine.publish(tool("Toundra libre", summary="Toundra.", licence=open_licence))
    engine.publish(tool("Toundra fermée", summary="Toundra.", licence=closed_licence))

    results = engine.search("toundra")
    assert {v.value: v.count for v in results.facets["open-source"]} == {"open": 1, "closed": 1}
    assert engine.titles("toundra", filters={"open-source": ["open"]}) == ["Toundra libre"]
    # the licence facet is the licence itself (its slug, the same in every language)
    assert {v.value: v.count for v in results.facets["licence"]} == {
        open_licence.slug: 1,
        closed_licence.slug: 1,
    }
    assert engine.titles("toundra", filters={"licence": [closed_licence.slug]}) == ["Toundra fermée"]


# --- what the results look like ---------------------------------------------------------------------


def test_matched_words_are_highlighted_and_text_is_escaped(engine):
    engine.publish(tool("Savane <b>", summary="Les outils de la savane & du désert."))

    hit = engine.search("outil").hits
    hit = next(h for h in hit if h.title.startswith("Savane"))
    assert "<mark>outils</mark>" in str(hit.snippet_html)
    assert "&amp;" in str(hit.snippet_html)
    assert "<b>" not in str(hit.title_html)


@pytest.mark.slow  # indexes enough pages for several result pages on a live engine
def test_results_come_a_page_at_a_time(engine):
    for number in range(23):
        engine.publish(tool(f"Archipel {number:02d}", summary="Archipel."))

    first = engine.search("archipel", sort="title")
    second = engine.search("archipel", sort="title", page=2)
    assert first.total == second.total == 23
    assert len(first.hits) == 20
    assert [hit.title for hit in second.hits] == ["Archipel 20", "Archipel 21", "Archipel 22"]
    assert first.has_next and not second.has_next


def test_a_misspelt_query_shows_results_for_the_likely_words(engine):
    engine.publish(tool("Kilimandjaro", summary="Un sommet enneigé."))

    results = engine.search("kilimanjaro")
    assert [hit.title for hit in results.hits] == ["Kilimandjaro"]
    assert results.corrected_from == "kilimanjaro"

    exact = engine.search("kilimanjaro", exact=True)
    assert exact.total == 0


def test_a_query_nothing_resembles_finds_nothing(engine):
    results = engine.search("qwxzpvbn")
    assert results.total == 0
    assert results.hits == []
    assert not results.corrected_from


def test_titles_are_suggested_as_the_visitor_types(engine):
    engine.publish(tool("Éolienne citoyenne", summary="Énergie."))

    titles = [hit.title for hit in engine.autocomplete("eoli")]
    assert "Éolienne citoyenne" in titles
    assert "Éolienne citoyenne" in [hit.title for hit in engine.autocomplete("citoy")]
    assert "Éolienne citoyenne" not in [hit.title for hit in engine.autocomplete("eoli", ["en"])]


# --- only what is live and public -------------------------------------------------------------------


def test_a_draft_is_never_found(engine):
    draft = tool("Glacier brouillon", summary="Glacier.", live=False)
    draft.save_revision()

    assert engine.titles("glacier") == []


def test_an_unpublished_page_disappears_at_once(engine):
    page = engine.publish(tool("Volcan", summary="Volcan."))
    assert engine.titles("volcan") == ["Volcan"]

    engine.unpublish(page)

    assert engine.titles("volcan") == []
    assert engine.autocomplete("volc") == []


def test_changes_waiting_for_moderation_are_not_searchable(engine, editor):
    from wagtail.models import Workflow

    page = engine.publish(tool("Lagon", summary="Un lagon bleu."))
    page.summary = "Un atoll secret."
    revision = page.save_revision(user=editor)
    with engine.capture(execute=True):
        Workflow.objects.get(name="Moderation").start(page, editor)
    engine.refresh()
    assert revision.pk

    assert engine.titles("atoll") == []
    assert engine.titles("lagon") == ["Lagon"]

    new_page = tool("Récif en attente", summary="Récif.", live=False)
    new_page.save_revision(user=editor)
    with engine.capture(execute=True):
        Workflow.objects.get(name="Moderation").start(new_page, editor)
    assert engine.titles("récif") == []


def test_private_pages_are_not_found_until_they_are_public_again(engine):
    page = engine.publish(tool("Oasis", summary="Oasis."))

    restriction = engine.after(
        lambda: PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    )
    assert engine.titles("oasis") == []

    engine.after(restriction.delete)
    assert engine.titles("oasis") == ["Oasis"]


def test_a_deleted_page_is_gone(engine):
    page = engine.publish(tool("Dune", summary="Dune."))
    engine.after(page.delete)

    # "Dune" itself is gone; a fuzzy engine may still offer pages with near words ("une", "dans")
    assert "Dune" not in engine.titles("dune")
    assert engine.search("dune").corrected_from or engine.titles("dune") == []
    assert not SearchDocument.objects.filter(title="Dune").exists()


@pytest.mark.slow  # indexes and refreshes a live engine several times
def test_a_private_section_hides_every_page_under_it(engine):
    from pages.tools import ToolIndexPage
    from tests.factories import section

    engine.publish(tool("Bora", summary="Bora."))
    tools = section(ToolIndexPage, "fr")

    restriction = engine.after(
        lambda: PageViewRestriction.objects.create(page=tools, restriction_type=PageViewRestriction.LOGIN)
    )
    assert engine.titles("bora") == []
    assert engine.titles("", filters={"kind": ["tool"]}) == []

    engine.after(restriction.delete)
    assert engine.titles("bora") == ["Bora"]


def test_a_page_moved_into_a_private_section_leaves_the_results(engine):
    from pages.tools import ToolIndexPage
    from tests.factories import section

    page = engine.publish(tool("Chinook", summary="Chinook."))
    private = section(ToolIndexPage, "es")
    engine.after(
        lambda: PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    )

    engine.after(lambda: page.move(private, pos="last-child"))

    assert engine.titles("chinook") == []
