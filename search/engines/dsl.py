"""Elasticsearch and OpenSearch, one description: index settings, mapping, documents, query bodies.

Both engines speak the same query DSL; only their Python client and modelsearch's base classes differ
(``search.engines.elasticsearch``, ``search.engines.opensearch``). Everything they share is here: the
plain functions that build what is sent (testable without a server), the extensions of modelsearch's
backend (one index per language, our documents, atomic alias swaps), and ``Engine``, which runs
searches and index updates through one configured kind.

Wagtail (through modelsearch) puts every page in one index with one analyser (wagtail issue 1177).
We extend its backends instead of replacing them: one backend per language in
``WAGTAILSEARCH_BACKENDS`` (``catalogue_fr``…, ``AUTO_UPDATE: False``), each with its own index
(``<prefix>fr_pages``, an alias of the index built last) with French, English or Spanish analysis.
Searching several languages at once sends one request to several indices: each index analyses the
query with its own analyser, so a query is stemmed as French in the French index and as Spanish in
the Spanish one.
"""

import contextlib
import copy
import re
from dataclasses import dataclass

from django.conf import settings
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder
from modelsearch.utils import deep_update

from pages.registry import type_of

from ..documents import build_document, facet_names, is_searchable
from ..languages import analysis_for, language_codes
from ..models import SearchDocument
from ..results import MARK_END, MARK_START, Hit, Results, attach_urls, facet_values
from . import breaker

TEXT_FIELDS = ["title^3", "summary^2", "body"]
SOURCE_FIELDS = ["page_id", "language", "kind", "title", "summary"]


class Unavailable(Exception):
    """The engine could not be reached, did not answer in time, or refused the request."""


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
            "first_published_at": {"type": "date"},
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
            **{name: {"type": "keyword"} for name in facet_names()},
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


def document_body(document):
    """The JSON sent to the engine for one page."""
    body = {
        "page_id": document.page_id,
        "language": document.language,
        "kind": document.kind,
        "translation_key": document.translation_key,
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "first_published_at": (
            document.first_published_at.isoformat() if document.first_published_at else None
        ),
    }
    for name in facet_names():
        if name != "kind":
            body[name] = document.facets.get(name, [])
    return body


# --- modelsearch's backends, extended (mixed into each engine's own classes) ---------------------------


class CatalogueMapping:
    """Our document for catalogue pages, in place of modelsearch's per-model field mapping."""

    def get_mapping(self):
        return mapping()

    def get_document_id(self, obj):
        return str(obj.pk)

    def get_document(self, obj):
        return document_body(build_document(obj.specific))


class CatalogueIndex:
    def put(self):
        self.backend.send(self.es.indices.create, self.backend.settings, index=self.name)

    def add_model(self, model):
        self.backend.send(self.es.indices.put_mapping, mapping(), index=self.name)

    def exists(self):
        return bool(self.es.indices.exists(index=self.name))

    def _belongs(self, page):
        return (
            type_of(page) is not None
            and page.locale.language_code == self.backend.language
            and is_searchable(page)
        )

    def add_item(self, item):
        # modelsearch's update_index and signal handlers may hand us any model: keep our pages only
        if type_of(item) is not None:
            self.add_items(type(item), [item])

    def add_items(self, model, items):
        pages = [item.specific for item in items if type_of(item.specific) is not None]
        self.add_documents([build_document(page) for page in pages if self._belongs(page)])

    def ensure_exists(self):
        """Create the index with our analysis if it is missing, before documents are sent: otherwise
        the engine would create it with a guessed mapping and its standard analyser. Asked every
        time (one HEAD request per batch): an engine restarted empty must not get a guessed index."""
        if not self.exists():
            self.put()

    def add_documents(self, documents):
        actions = [{"_id": str(document.page_id), **document_body(document)} for document in documents]
        if actions:
            self.ensure_exists()
            self.backend.bulk(self.es, actions, index=self.name)

    def delete_ids(self, page_ids):
        actions = [{"_op_type": "delete", "_id": str(page_id)} for page_id in page_ids]
        if actions and self.exists():  # no index, nothing to delete
            self.backend.bulk(self.es, actions, index=self.name, ignore_status=(404,))


# while a new index is filled in bulk (nobody searches it yet): no periodic refresh, no replicas to
# copy every document to; ``AtomicRebuilder.finish`` puts the index's own settings back
BUILDING_SETTINGS = {"refresh_interval": "-1", "number_of_replicas": 0}


class AtomicRebuilder(ElasticsearchAtomicIndexRebuilder):
    """modelsearch's atomic rebuilder, with the alias moved in one request.

    modelsearch adds the alias to the new index and then deletes the old one: in between, searches
    read both (every hit twice), and on a first rebuild over a plain index of that name, none. One
    ``_aliases`` request adds the alias and removes the old indices together.

    The new index is built without refreshes or replicas (``BUILDING_SETTINGS``); they are restored,
    and the index refreshed, before the alias moves to it.
    """

    def start(self):
        backend = self.index.backend
        body = deep_update(copy.deepcopy(backend.settings), {"settings": {"index": dict(BUILDING_SETTINGS)}})
        backend.send(self.index.es.indices.create, body, index=self.index.name)
        return self.index

    def finish(self):
        backend = self.index.backend
        configured = backend.settings.get("settings", {}).get("index", {})
        # None puts an engine default back
        restored = {name: configured.get(name) for name in BUILDING_SETTINGS}
        backend.send(
            self.index.es.indices.put_settings, {"settings": {"index": restored}}, index=self.index.name
        )
        self.index.refresh()
        es, name = self.alias.es, self.alias.name
        actions = [{"add": {"index": self.index.name, "alias": name}}]
        if self.alias.is_alias():
            old = [index.name for index in self.alias.aliased_indices() if index.name != self.index.name]
        elif self.alias.exists():
            old = [name]  # a plain index of the alias's name, from before atomic rebuilds
        else:
            old = []
        # and the indices of earlier rebuilds that died before their swap
        pattern = re.compile(rf"^{re.escape(name)}_[a-z0-9]{{7}}$")
        leftovers = [index for index in es.indices.get(index=f"{name}_*") if pattern.match(index)]
        old += [index for index in leftovers if index != self.index.name and index not in old]
        actions += [{"remove_index": {"index": index}} for index in old]
        backend.send(es.indices.update_aliases, {"actions": actions})


class CatalogueBackend:
    atomic_rebuilder_class = AtomicRebuilder

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

    def send(self, method, body, **params):
        """Call a client method with a request body, as this client wants it passed."""
        raise NotImplementedError


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
        "newest": [{"first_published_at": {"order": "desc", "missing": "_last"}}, {"title.sort": "asc"}],
    }[request.sort]
    scope = [{"terms": {"language": request.languages}}]
    if request.since is not None:
        scope.append({"range": {"published_at": {"gte": request.since.isoformat()}}})
    body = {
        "query": {"bool": {"must": must, "filter": scope}},
        # facet filters apply to hits, not to the aggregations, each of which leaves out its own facet
        "post_filter": {"bool": {"filter": list(filters.values())}},
        "aggs": {
            name: {
                "filter": {"bool": {"filter": [f for other, f in filters.items() if other != name]}},
                "aggs": {"values": {"terms": {"field": name, "size": 300}}},
            }
            for name in request.counted_facets
        },
        "from": (request.page - 1) * request.per_page,
        "size": request.per_page,
        "sort": sort,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
    }
    if request.listing:
        del body["aggs"]
        return body
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


# --- running searches and updates through the configured engine ---------------------------------------

# Both engines refuse to page beyond 10,000 hits (``index.max_result_window``); deeper pages of the API
# are served by the database.
MAX_WINDOW = 10_000


def refused_request(error, rejected_documents=()):
    """Whether the engine answered and refused this request (a 4xx, or documents it rejected), rather
    than failing to answer; "too many requests" and "request timeout" are failures of the engine."""
    if isinstance(error, rejected_documents):
        return True
    status = getattr(error, "status_code", None)
    if not isinstance(status, int):
        status = getattr(getattr(error, "meta", None), "status", None)
    return isinstance(status, int) and 400 <= status < 500 and status not in (408, 429)


_backends = {}


def by_language(documents):
    grouped = {}
    for document in documents:
        grouped.setdefault(document.language, []).append(document)
    return grouped


@dataclass(frozen=True)
class Engine:
    """One kind of engine, as the site uses it; ``search.engines.configured()`` says which, if any."""

    name: str
    url_setting: str
    # the client's exceptions that mean "the engine cannot serve us now": fall back, or record the update
    failures: tuple
    # ``(client, index names, body, timeout)`` → the response, as this client runs a search
    run_search: object
    # the bulk helper's error for documents the engine answered it would not take
    rejected_documents: tuple = ()

    def backend_for(self, language):
        """The language's backend, built once per configuration (it holds the connection pool)."""
        name = f"catalogue_{language}"
        key = (self.name, name, repr(settings.WAGTAILSEARCH_BACKENDS.get(name)))
        if key not in _backends:
            _backends[key] = get_search_backend(name)
        return _backends[key]

    def index_names(self, languages):
        return [self.backend_for(language).catalogue_index().name for language in languages]

    @contextlib.contextmanager
    def guarded(self):
        """Turn the client's failures into ``Unavailable``; after repeated ones, do not even try for a
        while (``breaker``), so that a hanging engine costs one timeout, not one per request."""
        if not breaker.allows(self.name):
            raise Unavailable(f"{self.name} failed repeatedly; not tried again for a while")
        try:
            yield
        except self.failures as error:
            if not refused_request(error, self.rejected_documents):  # answered: up, but the request was wrong
                breaker.failed(self.name)
            raise Unavailable(str(error) or type(error).__name__) from error
        breaker.succeeded(self.name)

    def _run(self, languages, body):
        client = self.backend_for(language_codes()[0]).es
        with self.guarded():
            response = self.run_search(client, self.index_names(languages), body, settings.SEARCH_TIMEOUT)
        response = getattr(response, "body", response)
        if response.get("_shards", {}).get("failed"):
            # an index answered and another did not (e.g. one language's index is missing): the
            # results would silently lack a language
            raise Unavailable(f"{self.name}: {response['_shards']['failed']} shard(s) failed")
        return response

    @staticmethod
    def indexed_hits(hits):
        """The hits whose page the database index holds now: an update still queued for the engine
        (unpublished, restricted, deleted) never shows a page the visitor may not see."""
        shown = set(
            SearchDocument.objects.filter(page_id__in=[hit.page_id for hit in hits]).values_list(
                "page_id", flat=True
            )
        )
        return [hit for hit in hits if hit.page_id in shown]

    def search(self, request, http_request=None):
        response = self._run(request.languages, search_body(request))
        total = response["hits"]["total"]["value"]
        suggestion = ""
        corrected_from = ""
        if total == 0 and request.text and not request.exact and not request.listing:
            suggestion = parse_suggestion(response, request.text)
            retry = request.with_text(suggestion) if suggestion else request
            response = self._run(request.languages, search_body(retry, fuzzy=not suggestion))
            total = response["hits"]["total"]["value"]
            if total:
                corrected_from = request.text
                suggestion = suggestion or request.text
        return Results(
            request=request,
            hits=attach_urls(self.indexed_hits(parse_hits(response)), http_request),
            total=total,
            facets=facet_values(parse_facets(response), request),
            suggestion=suggestion if corrected_from else "",
            corrected_from=corrected_from,
            engine=self.name,
        )

    def autocomplete(self, text, languages, limit=8, http_request=None):
        if not text.strip():
            return []
        response = self._run(languages, autocomplete_body(text, languages, limit))
        return attach_urls(self.indexed_hits(parse_hits(response)), http_request)

    def index_documents(self, documents):
        """Send documents to their languages' indices; raises ``Unavailable`` if the engine fails."""
        with self.guarded():
            for language, batch in by_language(documents).items():
                self.backend_for(language).catalogue_index().add_documents(batch)

    def delete_documents(self, page_ids, language):
        with self.guarded():
            self.backend_for(language).catalogue_index().delete_ids(page_ids)

    def refresh(self, languages=None):
        with self.guarded():
            for language in languages or language_codes():
                self.backend_for(language).catalogue_index().refresh()

    def start_rebuild(self):
        """New indices for every language, beside the live ones: ``{language: (rebuilder, index)}``."""
        rebuilders = {}
        with self.guarded():
            for language in language_codes():
                rebuilder = self.backend_for(language).rebuilder_class(
                    self.backend_for(language).catalogue_index()
                )
                rebuilders[language] = (rebuilder, rebuilder.start())
        return rebuilders

    def add_to_rebuild(self, rebuilders, documents):
        with self.guarded():
            for language, batch in by_language(documents).items():
                rebuilders[language][1].add_documents(batch)

    def finish_rebuild(self, rebuilders):
        with self.guarded():
            for rebuilder, _index in rebuilders.values():
                rebuilder.finish()

    def abandon_rebuild(self, rebuilders):
        """Delete the indices of a rebuild that failed; the live ones stay as they were."""
        with contextlib.suppress(Unavailable), self.guarded():
            for _rebuilder, index in rebuilders.values():
                index.delete()
