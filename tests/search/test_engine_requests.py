"""What our OpenSearch and Elasticsearch backends ask of a cluster, checked without one: index
settings and mappings per language, the document sent for a page, the bodies of searches with filters
and facets — one description for both engines (``search.engines.dsl``).

The behaviour against a real cluster is in test_behaviour.py (OpenSearch 2.19 in CI,
``OPENSEARCH_URL``; Elasticsearch by these request shapes only, or ``ELASTICSEARCH_URL``)."""

import pytest
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend
from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend

from core.content import Texts
from pages.tools import ToolPage
from pages.use_cases import UseCasePage
from search import engines
from search.config import engine_backends, engine_from_environment
from search.documents import build_document
from search.engines import dsl
from search.query import SearchRequest
from search.results import MARK_END, MARK_START, marked_html
from snippets.models import Category, Licence
from tests.factories import OrganisationPageFactory, ToolPageFactory, published, term

pytestmark = pytest.mark.django_db

BASES = {"elasticsearch": Elasticsearch9SearchBackend, "opensearch": OpenSearch3SearchBackend}


@pytest.fixture(params=["opensearch", "elasticsearch"])
def engine(request, settings):
    # a port nothing listens on: building requests never touches the network
    settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
    setattr(settings, f"{request.param.upper()}_URL", "http://127.0.0.1:9")
    settings.WAGTAILSEARCH_BACKENDS = settings.WAGTAILSEARCH_BACKENDS | engine_backends(
        request.param, "http://127.0.0.1:9", "toolbox_"
    )
    return engines.named(request.param)


@pytest.fixture
def configured(engine):
    return engine


def test_the_url_setting_selects_the_engine(engine):
    assert engines.configured() is engine


def test_one_engine_at_a_time():
    assert engine_from_environment({"OPENSEARCH_URL": "http://o:9200"}) == ("opensearch", "http://o:9200")
    assert engine_from_environment({"ELASTICSEARCH_URL": "http://e:9200"}) == (
        "elasticsearch",
        "http://e:9200",
    )
    assert engine_from_environment({}) == ("", "")
    with pytest.raises(Exception, match="not both"):
        engine_from_environment({"OPENSEARCH_URL": "http://o:9200", "ELASTICSEARCH_URL": "http://e:9200"})


def test_each_language_has_its_own_index_on_a_modelsearch_backend(engine):
    names = engine.index_names(["fr", "en", "es"])

    assert names == ["toolbox_fr_pages", "toolbox_en_pages", "toolbox_es_pages"]
    backend = engine.backend_for("es")
    assert isinstance(backend, BASES[engine.name])
    assert backend.language == "es"


@pytest.mark.parametrize(
    ("language", "stemmer", "stopwords"),
    [
        ("fr", "light_french", "_french_"),
        ("en", "english", "_english_"),
        ("es", "light_spanish", "_spanish_"),
    ],
)
def test_index_settings_analyse_text_in_the_indexs_language(configured, language, stemmer, stopwords):
    settings = configured.backend_for(language).settings
    analysis = settings["settings"]["analysis"]

    assert analysis["filter"]["toolbox_stemmer"] == {"type": "stemmer", "language": stemmer}
    assert analysis["filter"]["toolbox_stop"]["stopwords"] == stopwords
    chain = analysis["analyzer"]["toolbox_text"]["filter"]
    # accents are folded before stemming, so "participación" and "participacion" stem alike
    assert chain.index("asciifolding") < chain.index("toolbox_stemmer")
    assert chain.index("toolbox_stop") < chain.index("asciifolding")
    assert settings["mappings"]["properties"]["title"]["analyzer"] == "toolbox_text"


def test_french_elides_articles_before_anything_else(configured):
    analysis = configured.backend_for("fr").settings["settings"]["analysis"]

    assert analysis["analyzer"]["toolbox_text"]["filter"][0] == "toolbox_elision"
    assert {"l", "d", "qu"} <= set(analysis["filter"]["toolbox_elision"]["articles"])
    assert "toolbox_elision" not in configured.backend_for("en").settings["settings"]["analysis"]["filter"]


def test_the_mapping_is_strict_with_keyword_facets_and_autocomplete(configured):
    mapping = dsl.mapping()

    assert mapping["dynamic"] == "strict"
    properties = mapping["properties"]
    # every declared facet, with no code per facet: a new declaration is a new keyword field
    for facet in ("kind", "category", "country", "audience", "licence", "open-source", "period", "score"):
        assert properties[facet] == {"type": "keyword"}
    assert properties["first_published_at"] == {"type": "date"}
    assert properties["title"]["fields"]["autocomplete"]["analyzer"] == "toolbox_autocomplete"
    assert properties["title"]["fields"]["sort"]["type"] == "keyword"
    assert properties["spelling"]["analyzer"] == "toolbox_folded"


def test_the_document_sent_for_a_tool(configured):
    organisation = OrganisationPageFactory(title="Fabrique Orbelle")
    tool = published(
        ToolPage,
        {
            "title": "Calculix",
            "slug": "calculix",
            "summary": "Un moteur de calcul.",
            "categories": [term(Category, "simulation-moteur", "Simulation d'essai")["fr"]],
            "licence": term(Licence, "licence-essai", "Licence d'essai", is_open_source=True)["fr"],
            "countries": ["FR", "SN"],
            "organisation_links": [{"organisation": organisation, "role": "developer"}],
        },
        languages=("fr",),
    )["fr"]

    document = dsl.document_body(build_document(tool))

    assert document["page_id"] == tool.pk
    assert document["language"] == "fr"
    assert document["kind"] == "tool"
    assert document["title"] == "Calculix"
    assert document["summary"] == tool.summary == "Un moteur de calcul."
    assert "simulation-moteur" in document["category"]
    assert document["licence"] == ["licence-essai"]
    assert document["open-source"] == ["open"]
    assert "FR" in document["country"] and "SN" in document["country"]
    assert "Fabrique Orbelle" in document["body"]  # the organisation behind it is searchable too
    assert document["translation_key"] == str(tool.translation_key)
    assert set(document) <= set(dsl.mapping()["properties"])


def test_the_document_sent_for_a_spanish_use_case(configured):
    use_case = published(
        UseCasePage,
        {
            "title": "Calcular sus derechos",
            "slug": "calcular-derechos",
            "objectives": Texts(
                "<p>Un objetivo.</p>", "<p>An objective.</p>", "<p>Un objetivo de prueba.</p>"
            ),
        },
        languages=("fr", "es"),
    )["es"]

    document = dsl.document_body(build_document(use_case))

    assert document["language"] == "es"
    assert document["kind"] == "use-case"
    assert "Un objetivo de prueba." in document["body"] and "<p>" not in document["body"]


def test_a_search_with_words_filters_and_facets(configured):
    request = SearchRequest(
        '"consultation publique" outils',
        "fr",
        filters={"country": ["FR"], "kind": ["tool", "use-case"]},
        page=2,
    )

    body = dsl.search_body(request)

    text = body["query"]["bool"]["must"][0]["simple_query_string"]
    assert text["query"] == '"consultation publique" outils'
    assert text["fields"] == ["title^3", "summary^2", "body"]
    assert text["default_operator"] == "and"
    assert "PHRASE" in text["flags"]
    assert body["query"]["bool"]["filter"] == [{"terms": {"language": ["fr"]}}]
    assert body["post_filter"]["bool"]["filter"] == [
        {"terms": {"country": ["FR"]}},
        {"terms": {"kind": ["tool", "use-case"]}},
    ]
    # each facet is counted with the other facets' filters, not its own
    assert body["aggs"]["country"]["filter"]["bool"]["filter"] == [{"terms": {"kind": ["tool", "use-case"]}}]
    assert body["aggs"]["category"]["filter"]["bool"]["filter"] == body["post_filter"]["bool"]["filter"]
    assert body["aggs"]["kind"]["aggs"]["values"]["terms"]["field"] == "kind"
    assert body["from"] == 20 and body["size"] == 20
    assert body["sort"][0] == "_score"
    assert set(body["highlight"]["fields"]) == {"title", "summary", "body"}
    assert body["suggest"]["spelling"]["term"]["field"] == "spelling"


def test_all_languages_searches_every_index_with_its_own_analysis(configured):
    request = SearchRequest("outils", "fr", all_languages=True)

    assert dsl.search_body(request)["query"]["bool"]["filter"] == [
        {"terms": {"language": ["fr", "en", "es"]}}
    ]
    assert configured.index_names(request.languages) == [
        "toolbox_fr_pages",
        "toolbox_en_pages",
        "toolbox_es_pages",
    ]


def test_filters_without_words_match_everything_sorted_by_title(configured):
    body = dsl.search_body(SearchRequest("", "es", filters={"open-source": ["open"]}))

    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["sort"] == [{"title.sort": "asc"}]
    assert "highlight" not in body and "suggest" not in body


def test_the_fuzzy_fallback_tolerates_typos(configured):
    body = dsl.search_body(SearchRequest("kilimanjaro", "fr"), fuzzy=True)

    assert body["query"]["bool"]["must"][0]["multi_match"]["fuzziness"] == "AUTO"
    assert "suggest" not in body


def test_autocomplete_matches_title_prefixes_in_the_language(configured):
    body = dsl.autocomplete_body("éoli", ["fr"])

    assert body["query"]["bool"]["must"] == [
        {"match": {"title.autocomplete": {"query": "éoli", "operator": "and"}}}
    ]
    assert body["query"]["bool"]["filter"] == [{"terms": {"language": ["fr"]}}]


def test_a_response_becomes_hits_facets_and_a_suggestion(configured):
    tool = ToolPageFactory(title="Calculix")
    response = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_score": 3.2,
                    "_source": {
                        "page_id": tool.pk,
                        "language": "fr",
                        "kind": "tool",
                        "title": "Calculix",
                        "summary": "x",
                    },
                    "highlight": {"body": [f"le {MARK_START}moteur{MARK_END} de calcul", "un autre"]},
                }
            ],
        },
        "aggregations": {"kind": {"doc_count": 1, "values": {"buckets": [{"key": "tool", "doc_count": 1}]}}},
        "suggest": {"spelling": [{"text": "kilimanjaro", "options": [{"text": "kilimandjaro"}]}]},
    }

    hits = dsl.parse_hits(response)
    assert hits[0].page_id == tool.pk
    assert str(hits[0].snippet_html) == "le <mark>moteur</mark> de calcul … un autre"
    assert dsl.parse_facets(response) == {"kind": {"tool": 1}}
    assert dsl.parse_suggestion(response, "Kilimanjaro") == "kilimandjaro"


def test_marks_are_always_balanced():
    assert str(marked_html(f"{MARK_START}a{MARK_END} <b>")) == "<mark>a</mark> &lt;b&gt;"
    assert str(marked_html(f"a{MARK_END} {MARK_START}b")) == "a <mark>b</mark>"


def test_a_section_counts_only_its_own_facets_and_sorts_by_arrival(configured):
    request = SearchRequest(
        "",
        "fr",
        filters={"kind": ["organisation"], "country": ["FR"]},
        sort="newest",
        counted=("organisation-kind", "country"),
    )

    body = dsl.search_body(request)

    assert set(body["aggs"]) == {"organisation-kind", "country"}
    assert body["aggs"]["country"]["filter"]["bool"]["filter"] == [{"terms": {"kind": ["organisation"]}}]
    assert body["sort"][0] == {"first_published_at": {"order": "desc", "missing": "_last"}}
