"""Elasticsearch: one index per language, each with that language's analysis.

Wagtail (through django-modelsearch) puts every page in one index with one analyser (wagtail issue
1177). We extend its Elasticsearch 9 backend instead of replacing it: one backend per language in
``WAGTAILSEARCH_BACKENDS`` (``catalogue_fr``…, ``AUTO_UPDATE: False``), each creating its own index
(``<prefix>fr_pages``) with French, English or Spanish analysis. Index creation, aliases and atomic
rebuilds, bulk requests and the client's configuration are modelsearch's; the analysis, the mapping,
the documents and the query bodies are ours, built by the plain functions below so that they can be
tested without a server.

Searching several languages at once sends one request to several indices: each index analyses the
query with its own analyser, so a query is stemmed as French in the French index and as Spanish in
the Spanish one.
"""

import contextlib

import elastic_transport
import elasticsearch
import elasticsearch.helpers
from django.conf import settings
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
)
from modelsearch.utils import deep_update

from ..documents import FACETS, build_document, is_searchable, kind_of
from ..languages import analysis_for, language_codes
from ..results import MARK_END, MARK_START, Hit, Results, attach_urls, facet_values

NAME = "elasticsearch"
TEXT_FIELDS = ["title^3", "summary^2", "body"]
SOURCE_FIELDS = ["page_id", "language", "kind", "title", "summary"]
KEYWORD_FACETS = list(FACETS)

# Failures that mean "the cluster cannot serve us now": the caller falls back or records the update.
UNAVAILABLE = (elastic_transport.TransportError, elasticsearch.ApiError)


class Unavailable(Exception):
    """Elasticsearch could not be reached or refused the request."""


# --- index definition --------------------------------------------------------------------------------


def analysis_settings(language):
    """The analysis chain of one language's index.

    Order matters: elision and stop words see the words as written; accents are folded before
    stemming, so that a word typed with or without its accents reaches the stemmer identically.
    """
    analysis = analysis_for(language)
    text_filters = ["lowercase", "toolbox_stop", "asciifolding", "toolbox_stemmer"]
    filters = {
        "toolbox_stop": {"type": "stop", "stopwords": analysis.es_stopwords},
        "toolbox_stemmer": {"type": "stemmer", "language": analysis.es_stemmer},
        "toolbox_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
    }
    if analysis.elisions:
        filters["toolbox_elision"] = {
            "type": "elision",
            "articles_case": True,
            "articles": list(analysis.elisions),
        }
        text_filters.insert(0, "toolbox_elision")
    return {
        "filter": filters,
        "analyzer": {
            "toolbox_text": {"type": "custom", "tokenizer": "standard", "filter": text_filters},
            "toolbox_folded": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
            "toolbox_autocomplete": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "toolbox_edge"],
            },
        },
        "normalizer": {
            "toolbox_sort": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
        },
    }


def mapping():
    """The same fields in every language's index; only the analysers behind them differ."""
    text = {"type": "text", "analyzer": "toolbox_text", "copy_to": "spelling"}
    return {
        "dynamic": "strict",
        "properties": {
            "page_id": {"type": "integer"},
            "language": {"type": "keyword"},
            "translation_key": {"type": "keyword"},
            "published_at": {"type": "date"},
            "title": {
                **text,
                "fields": {
                    "autocomplete": {
                        "type": "text",
                        "analyzer": "toolbox_autocomplete",
                        "search_analyzer": "toolbox_folded",
                    },
                    "sort": {"type": "keyword", "normalizer": "toolbox_sort"},
                },
            },
            "summary": dict(text),
            "body": dict(text),
            "spelling": {"type": "text", "analyzer": "toolbox_folded"},
            **{name: {"type": "keyword"} for name in KEYWORD_FACETS},
        },
    }


def index_body(language):
    return {
        "settings": {
            "index": {"number_of_shards": 1, "max_ngram_diff": 19},
            "analysis": analysis_settings(language),
        },
        "mappings": mapping(),
    }


def es_document(document):
    """The JSON sent to Elasticsearch for one page."""
    body = {
        "page_id": document.page_id,
        "language": document.language,
        "kind": document.kind,
        "translation_key": document.translation_key,
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        "published_at": document.published_at.isoformat() if document.published_at else None,
    }
    for name in KEYWORD_FACETS:
        if name != "kind":
            body[name] = document.facets.get(name, [])
    return body


# --- the modelsearch backend, extended -----------------------------------------------------------------


class CatalogueMapping(Elasticsearch9Mapping):
    """Our document for catalogue pages, in place of modelsearch's per-model field mapping."""

    def get_mapping(self):
        return mapping()

    def get_document_id(self, obj):
        return str(obj.pk)

    def get_document(self, obj):
        return es_document(build_document(obj.specific))


_existing = set()


class CatalogueIndex(Elasticsearch9Index):
    def add_model(self, model):
        self.es.indices.put_mapping(index=self.name, **mapping())

    def _belongs(self, page):
        return (
            kind_of(page) is not None
            and page.locale.language_code == self.backend.language
            and is_searchable(page)
        )

    def add_item(self, item):
        # modelsearch's update_index and signal handlers may hand us any model: keep our pages only
        if kind_of(item) is not None and self._belongs(item.specific):
            super().add_item(item.specific)

    def add_items(self, model, items):
        pages = [item.specific for item in items if kind_of(item.specific) is not None]
        self.add_documents([build_document(page) for page in pages if self._belongs(page)])

    def ensure_exists(self):
        """Create the index with our analysis if it is missing, before a first document is sent:
        otherwise Elasticsearch would create it with a guessed mapping and its standard analyser."""
        key = (id(self.es), self.name)
        if key in _existing:
            return
        if not self.es.indices.exists(index=self.name):
            self.put()
        _existing.add(key)

    def add_documents(self, documents):
        actions = [{"_id": str(document.page_id), **es_document(document)} for document in documents]
        if actions:
            self.ensure_exists()
            self.backend.bulk(self.es, actions, index=self.name)

    def delete_ids(self, page_ids):
        for page_id in page_ids:
            with contextlib.suppress(elasticsearch.NotFoundError):
                self.es.delete(index=self.name, id=str(page_id))


class CatalogueBackend(Elasticsearch9SearchBackend):
    mapping_class = CatalogueMapping
    index_class = CatalogueIndex

    def __init__(self, params):
        params = dict(params)
        self.language = params.pop("LANGUAGE")
        extra_settings = params.pop("INDEX_SETTINGS", {})
        super().__init__(params)
        self.settings = deep_update(index_body(self.language), extra_settings)

    def get_index_for_model(self, model=None):
        return self.index_class(self, f"{self.index_prefix}{self.language}_pages")

    def catalogue_index(self):
        return self.get_index_for_model()


SearchBackend = CatalogueBackend


def is_configured():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


_backends = {}


def backend_for(language):
    """The language's backend, built once per configuration (it holds the connection pool)."""
    name = f"catalogue_{language}"
    key = (name, repr(settings.WAGTAILSEARCH_BACKENDS.get(name)))
    if key not in _backends:
        _backends[key] = get_search_backend(name)
    return _backends[key]


def index_names(languages):
    return [backend_for(language).catalogue_index().name for language in languages]


# --- queries -----------------------------------------------------------------------------------------


def text_query(text, fuzzy=False):
    """Title above summary above body; quoted phrases and ``-word`` as on a web search engine."""
    if fuzzy:
        return {
            "multi_match": {
                "query": text.replace('"', " "),
                "fields": TEXT_FIELDS,
                "fuzziness": "AUTO",
                "operator": "and",
            }
        }
    return {
        "simple_query_string": {
            "query": text,
            "fields": TEXT_FIELDS,
            "default_operator": "and",
            "flags": "PHRASE|NOT|WHITESPACE|PRECEDENCE",
        }
    }


def facet_filters(filters):
    return {name: {"terms": {name: values}} for name, values in filters.items()}


def search_body(request, fuzzy=False):
    """The request body of a search: query, filters, facets, highlights, spelling suggestions."""
    filters = facet_filters(request.filters)
    must = [text_query(request.text, fuzzy)] if request.text else [{"match_all": {}}]
    sort = {
        "relevance": ["_score", {"title.sort": "asc"}] if request.text else [{"title.sort": "asc"}],
        "title": [{"title.sort": "asc"}],
        "recent": [{"published_at": {"order": "desc", "missing": "_last"}}, {"title.sort": "asc"}],
    }[request.sort]
    body = {
        "query": {"bool": {"must": must, "filter": [{"terms": {"language": request.languages}}]}},
        # facet filters apply to hits, not to the aggregations, each of which leaves out its own facet
        "post_filter": {"bool": {"filter": list(filters.values())}},
        "aggs": {
            name: {
                "filter": {"bool": {"filter": [f for other, f in filters.items() if other != name]}},
                "aggs": {"values": {"terms": {"field": name, "size": 300}}},
            }
            for name in FACETS
        },
        "from": (request.page - 1) * request.per_page,
        "size": request.per_page,
        "sort": sort,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
    }
    if request.text:
        body["highlight"] = {
            "pre_tags": [MARK_START],
            "post_tags": [MARK_END],
            "fields": {
                "title": {"number_of_fragments": 0},
                "summary": {"number_of_fragments": 0},
                "body": {"fragment_size": 160, "number_of_fragments": 2},
            },
        }
        if not fuzzy:
            body["suggest"] = {
                "text": request.text,
                "spelling": {"term": {"field": "spelling", "suggest_mode": "missing", "min_word_length": 3}},
            }
    return body


def autocomplete_body(text, languages, limit=8):
    return {
        "query": {
            "bool": {
                "must": [{"match": {"title.autocomplete": {"query": text, "operator": "and"}}}],
                "filter": [{"terms": {"language": languages}}],
            }
        },
        "size": limit,
        "sort": ["_score", {"title.sort": "asc"}],
        "_source": SOURCE_FIELDS,
    }


def _client():
    return backend_for(language_codes()[0]).es


def _run(languages, body):
    try:
        return _client().search(index=index_names(languages), **body)
    except UNAVAILABLE as error:
        raise Unavailable(str(error)) from error


def parse_hits(response):
    hits = []
    for raw in response["hits"]["hits"]:
        source = raw["_source"]
        highlight = raw.get("highlight", {})
        hit = Hit(
            page_id=int(source["page_id"]),
            language=source["language"],
            kind=source["kind"],
            title=source["title"],
            summary=source.get("summary") or "",
            score=float(raw.get("_score") or 0.0),
            title_marked=(highlight.get("title") or [""])[0],
        )
        if highlight.get("summary"):
            hit.snippet_marked = highlight["summary"][0]
        elif highlight.get("body"):
            hit.snippet_marked = " … ".join(highlight["body"])
        hits.append(hit)
    return hits


def parse_facets(response):
    return {
        name: {bucket["key"]: bucket["doc_count"] for bucket in aggregation["values"]["buckets"]}
        for name, aggregation in response.get("aggregations", {}).items()
    }


def parse_suggestion(response, text):
    """The query with each misspelt word replaced by the index's best-scored correction, or ``""``."""
    words = text.split()
    changed = False
    for entry in response.get("suggest", {}).get("spelling", []):
        options = entry.get("options") or []
        if not options:
            continue
        for index, word in enumerate(words):
            if word.strip('"-').lower() == entry["text"].lower():
                words[index] = options[0]["text"]
                changed = True
    return " ".join(words) if changed else ""


def search(request, http_request=None):
    response = _run(request.languages, search_body(request))
    total = response["hits"]["total"]["value"]
    suggestion = ""
    corrected_from = ""
    if total == 0 and request.text and not request.exact:
        suggestion = parse_suggestion(response, request.text)
        retry = request.with_text(suggestion) if suggestion else request
        response = _run(request.languages, search_body(retry, fuzzy=not suggestion))
        total = response["hits"]["total"]["value"]
        if total:
            corrected_from = request.text
            suggestion = suggestion or request.text
    return Results(
        request=request,
        hits=attach_urls(parse_hits(response), http_request),
        total=total,
        facets=facet_values(parse_facets(response), request),
        suggestion=suggestion if corrected_from else "",
        corrected_from=corrected_from,
        engine=NAME,
    )


def autocomplete(text, languages, limit=8, http_request=None):
    if not text.strip():
        return []
    response = _run(languages, autocomplete_body(text, languages, limit))
    return attach_urls(parse_hits(response), http_request)


# --- index updates -----------------------------------------------------------------------------------


def index_documents(documents):
    """Send documents to their languages' indices; raises ``Unavailable`` if the cluster is down."""
    by_language = {}
    for document in documents:
        by_language.setdefault(document.language, []).append(document)
    try:
        for language, batch in by_language.items():
            backend_for(language).catalogue_index().add_documents(batch)
    except UNAVAILABLE as error:
        raise Unavailable(str(error)) from error
    except elasticsearch.helpers.BulkIndexError as error:
        raise Unavailable(str(error)) from error


def delete_documents(page_ids, language):
    try:
        backend_for(language).catalogue_index().delete_ids(page_ids)
    except UNAVAILABLE as error:
        raise Unavailable(str(error)) from error


def refresh(languages=None):
    try:
        for language in languages or language_codes():
            backend_for(language).catalogue_index().refresh()
    except UNAVAILABLE as error:
        raise Unavailable(str(error)) from error
