"""The embedded search engine: PostgreSQL full-text search, or a Python-analysed approximation on SQLite.

PostgreSQL: each row's ``search_vector`` is built with its own language's text search configuration
(``toolbox_french``… created by migration 0002, with ``unaccent``), title weighted A, summary B, body
C; a query is parsed with ``websearch_to_tsquery`` in the same configuration, so quoted phrases and
``-word`` work as on any web search engine.

SQLite has no text search we can rely on (FTS5 is optional and has no stemming), so rows carry terms
analysed in Python (``search.analysis``) and a query matches whole terms with ``LIKE``. It is exact
for stems, phrases and accents, but scans the table: fine for the demo and a small catalogue, not
for production (see the README).
"""

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BooleanField, Case, ExpressionWrapper, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from ..analysis import analyse, as_column, fold
from ..languages import analysis_for
from ..models import SearchDocument
from ..results import MARK_END, MARK_START, Hit, Results, attach_urls, facet_values

NAME = "database"
COUNT_LIMIT = 10_000
FACET_SAMPLE = 5_000
VOCABULARY_SECONDS = 300
# each sequence adds LIKE clauses; SQLite's parser gives up on a few hundred of them
MAX_SEQUENCES = 12
QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
WORD_OR_NOT = re.compile(r"(\w+)")


def is_postgresql():
    return connection.vendor == "postgresql"


# --- indexing --------------------------------------------------------------------------------------


def store(documents):
    """Write documents (replacing any earlier version of the same pages), in one transaction."""
    documents = list(documents)
    if not documents:
        return
    postgresql = is_postgresql()
    with transaction.atomic():
        ids = [document.page_id for document in documents]
        SearchDocument.objects.filter(page_id__in=ids).delete()
        # vectors are computed in the INSERT itself: no second version of every row to vacuum
        SearchDocument.objects.bulk_create([_row(document, postgresql) for document in documents])


def _row(document, postgresql):
    row = SearchDocument(
        page_id=document.page_id,
        language=document.language,
        kind=document.kind,
        title=document.title[:255],
        title_folded=fold(document.title)[:255],
        summary=document.summary,
        body=document.body,
        translation_key=document.translation_key,
        published_at=document.published_at,
        first_published_at=document.first_published_at,
        facet_keys=as_column(
            facet_key(name, value) for name, values in sorted(document.facets.items()) for value in values
        ),
    )
    if postgresql:
        config = analysis_for(document.language).pg_config
        title = SearchVector(Value(document.title), weight="A", config=config)
        summary = SearchVector(Value(document.summary), weight="B", config=config)
        row.search_vector = title + summary + SearchVector(Value(document.body), weight="C", config=config)
        row.rank_vector = title + summary
    else:
        row.title_terms = as_column(analyse(document.title, document.language))
        row.summary_terms = as_column(analyse(document.summary, document.language))
        row.body_terms = as_column(analyse(document.body, document.language))
    return row


def facet_key(name, value):
    return f"{name}:{value}"


def remove(page_ids):
    SearchDocument.objects.filter(page_id__in=list(page_ids)).delete()


def clear():
    SearchDocument.objects.all().delete()


# --- searching -------------------------------------------------------------------------------------


def parse_text(text, language):
    """SQLite: the visitor's words as ``(required, excluded)`` lists of analysed term sequences.

    A quoted phrase, or a hyphenated word, is one sequence of several terms that must be adjacent.
    """
    required, excluded = [], []
    for match in QUERY_PART.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        if raw.lower() == "or":
            continue
        terms = analyse(raw, language)
        target = excluded if negated else required
        if terms and terms not in target and len(required) + len(excluded) < MAX_SEQUENCES:
            target.append(terms)
    return required, excluded


@dataclass
class TextMatch:
    condition: Q  # the document matches the words
    score: object  # relevance over title, summary and body
    # PostgreSQL: the words are in the title or summary (a small, indexed vector), and its own score
    head_condition: Q | None = None
    head_score: object = None


def _text_match(text, language):
    """How documents in ``language`` match ``text`` analysed in that language."""
    if is_postgresql():
        query = SearchQuery(text, config=analysis_for(language).pg_config, search_type="websearch")
        return TextMatch(
            Q(search_vector=query),
            SearchRank(F("search_vector"), query),
            Q(rank_vector=query),
            SearchRank(F("rank_vector"), query),
        )
    required, excluded = parse_text(text, language)
    if not required:
        return TextMatch(Q(pk__in=[]), Value(0.0))
    condition = Q()
    score = Value(0.0)
    for sequence in required:
        needle = f" {' '.join(sequence)} "
        condition &= _anywhere(needle)
        for column, weight in (("title_terms", 1.0), ("summary_terms", 0.4), ("body_terms", 0.2)):
            score = score + Case(
                When(**{f"{column}__contains": needle}, then=Value(weight)),
                default=Value(0.0),
                output_field=FloatField(),
            )
    for sequence in excluded:
        needle = f" {' '.join(sequence)} "
        condition &= ~_anywhere(needle)
    return TextMatch(condition, score)


def _anywhere(needle):
    return (
        Q(title_terms__contains=needle) | Q(summary_terms__contains=needle) | Q(body_terms__contains=needle)
    )


def _in_languages(languages):
    # "language = 'fr'" (not IN) lets PostgreSQL pick that language's partial text index
    if len(languages) == 1:
        return SearchDocument.objects.filter(language=languages[0])
    return SearchDocument.objects.filter(language__in=languages)


def _matching(request):
    """Documents matching the text and language of a search (not its facet filters), and how they
    rank: ``(documents, TextMatch or None)``; with several languages, each is matched its own way."""
    languages = request.languages
    documents = _in_languages(languages)
    if not request.text:
        return documents, None
    matches = {language: _text_match(request.text, language) for language in languages}
    if len(matches) == 1:
        match = matches[languages[0]]
        return documents.filter(match.condition), match

    def per_language(attribute):
        return Case(
            *(When(language=code, then=getattr(match, attribute)) for code, match in matches.items()),
            default=Value(0.0),
            output_field=FloatField(),
        )

    def any_language(attribute):
        condition = Q(pk__in=[])
        for code, match in matches.items():
            condition |= Q(language=code) & getattr(match, attribute)
        return condition

    postgresql = is_postgresql()
    combined = TextMatch(
        any_language("condition"),
        per_language("score"),
        any_language("head_condition") if postgresql else None,
        per_language("head_score") if postgresql else None,
    )
    return documents.filter(combined.condition), combined


# the expression of the GIN index created by migration 0002, which PostgreSQL uses for these filters
FACET_ARRAY = 'string_to_array(btrim("catalogue_search_searchdocument"."facet_keys"), \' \')'


def _filtered(documents, filters, except_facet=None):
    """Documents having, for each filtered facet, at least one of its chosen values."""
    for name, values in filters.items():
        if name == except_facet:
            continue
        keys = [facet_key(name, value) for value in values]
        if is_postgresql():
            documents = documents.filter(
                ExpressionWrapper(
                    RawSQL(f"{FACET_ARRAY} && %s::text[]", (keys,)), output_field=BooleanField()
                )
            )
        else:
            any_key = Q(pk__in=[])
            for key in keys:
                any_key |= Q(facet_keys__contains=f" {key} ")
            documents = documents.filter(any_key)
    return documents


def _facet_counts(matching, request):
    """Counts per facet value over (at most ``FACET_SAMPLE`` of) the matching documents.

    A facet's own selection is left out of its counts, so that the other values of that facet show
    what choosing them too would add. Returns ``(counts, sampled)``: ``sampled`` when a count was
    made over the first ``FACET_SAMPLE`` matches only, to keep a very common word fast.
    """
    counts = defaultdict(dict)
    sampled = False
    counted = request.counted_facets
    unfiltered = [name for name in counted if name not in request.filters]
    groups = [(None, unfiltered)] if unfiltered else []
    groups += [(name, [name]) for name in request.filters if name in counted]
    for except_facet, names in groups:
        scope = _filtered(matching, request.filters, except_facet).order_by()
        rows, group_sampled = _count_keys(scope, names)
        sampled = sampled or group_sampled
        for key, count in rows:
            name, _colon, value = key.partition(":")
            counts[name][value] = count
    return counts, sampled


def _count_keys(scope, names):
    prefixes = tuple(f"{name}:" for name in names)
    if is_postgresql():
        # every document has exactly one "kind:" key, so the kind counts add up to the documents read
        sql, params = scope.values("facet_keys")[:FACET_SAMPLE].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT key, count(*) FROM ({sql}) AS d, "
                "unnest(string_to_array(btrim(d.facet_keys), ' ')) AS key "
                "WHERE key LIKE ANY(%s) GROUP BY key",
                (*params, [f"{prefix}%" for prefix in (*prefixes, "kind:")]),
            )
            rows = cursor.fetchall()
        read = sum(count for key, count in rows if key.startswith("kind:"))
        return [(key, count) for key, count in rows if key.startswith(prefixes)], read >= FACET_SAMPLE
    counter = Counter()
    read = 0
    for keys in scope.values_list("facet_keys", flat=True)[:FACET_SAMPLE]:
        read += 1
        counter.update(key for key in keys.split() if key.startswith(prefixes))
    return list(counter.items()), read >= FACET_SAMPLE


NEGATION = re.compile(r"(^|\s)-\S")


def _ranked_rows(documents, match, start, size, fields, head=None):
    """One page of documents in order of relevance.

    On PostgreSQL, documents with the words in their title or summary come first, ordered by a small
    title-and-summary vector, and only then the others, by the full vector: a common word matching
    tens of thousands of bodies is ranked without scoring them all, and the title still outranks the
    summary, which outranks the body.
    """
    order = ["-score", Lower("title"), "pk"]
    if match.head_condition is None:
        return list(
            documents.annotate(score=match.score).order_by(*order).values(*fields)[start : start + size]
        )
    head = head if head is not None else documents.filter(match.head_condition)
    rows = list(
        head.annotate(score=match.head_score + 1.0).order_by(*order).values(*fields)[start : start + size]
    )
    if len(rows) < size:
        skipped = max(0, start - head.order_by().count()) if not rows else 0
        rest = documents.exclude(match.head_condition).annotate(score=match.score)
        rows += list(rest.order_by(*order).values(*fields)[skipped : skipped + size - len(rows)])
    return rows


def search(request, http_request=None, correct_spelling=True):
    matching, match = _matching(request)
    if request.since is not None:
        matching = matching.filter(published_at__gte=request.since)
    documents = _filtered(matching, request.filters)
    # counting stops at COUNT_LIMIT: beyond it the page says "more than …", and a very common word
    # does not cost a full count of the catalogue
    total = documents.order_by()[: COUNT_LIMIT + 1].count()
    start = (request.page - 1) * request.per_page
    fields = ["page_id", "language", "kind", "title", "summary"]
    if match is not None and request.sort == "relevance":
        head = None
        if match.head_condition is not None and not NEGATION.search(request.text):
            # words found in the title or summary are found in the whole text too (the full vector
            # contains both), so the head needs no test on the full, larger vector
            head = _filtered(_in_languages(request.languages).filter(match.head_condition), request.filters)
        rows = _ranked_rows(documents, match, start, request.per_page, [*fields, "score"], head)
    else:
        order = {
            "relevance": [Lower("title")],
            "title": [Lower("title")],
            "recent": [F("published_at").desc(nulls_last=True), Lower("title")],
            "newest": [F("first_published_at").desc(nulls_last=True), Lower("title")],
        }[request.sort]
        rows = list(documents.order_by(*order, "pk").values(*fields)[start : start + request.per_page])
    hits = [
        Hit(
            page_id=row["page_id"],
            language=row["language"],
            kind=row["kind"],
            title=row["title"],
            summary=row["summary"],
            score=float(row.get("score") or 0.0),
        )
        for row in rows
    ]
    if request.text and hits and not request.listing:
        _highlight(hits, request.text)
    counts, sampled = ({}, False) if request.listing else _facet_counts(matching, request)
    results = Results(
        request=request,
        hits=attach_urls(hits, http_request),
        total=min(total, COUNT_LIMIT),
        total_is_lower_bound=total > COUNT_LIMIT,
        facets=facet_values(counts, request),
        facets_sampled=sampled,
        engine=NAME,
    )
    if total == 0 and request.text and correct_spelling and not request.exact and not request.listing:
        suggestion = suggest_spelling(request.text, request.languages)
        if suggestion:
            corrected = search(request.with_text(suggestion), http_request, correct_spelling=False)
            if corrected.total:
                corrected.suggestion = suggestion
                corrected.corrected_from = request.text
                return corrected
    return results


# --- highlighting ------------------------------------------------------------------------------------


def _highlight(hits, text):
    by_id = {hit.page_id: hit for hit in hits}
    if is_postgresql():
        by_language = defaultdict(list)
        for hit in hits:
            by_language[hit.language].append(hit.page_id)
        for language, page_ids in by_language.items():
            query = SearchQuery(text, config=analysis_for(language).pg_config, search_type="websearch")
            options = {
                "config": analysis_for(language).pg_config,
                "start_sel": MARK_START,
                "stop_sel": MARK_END,
            }
            rows = SearchDocument.objects.filter(page_id__in=page_ids).annotate(
                title_marked=SearchHeadline("title", query, highlight_all=True, **options),
                summary_marked=SearchHeadline("summary", query, highlight_all=True, **options),
                body_marked=SearchHeadline(
                    "body",
                    query,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    **options,
                ),
            )
            for row in rows.values("page_id", "title_marked", "summary_marked", "body_marked"):
                _choose_snippet(by_id[row["page_id"]], row)
        return
    rows = SearchDocument.objects.filter(page_id__in=list(by_id)).values("page_id", "language", "body")
    for row in rows:
        hit = by_id[row["page_id"]]
        required, _excluded = parse_text(text, hit.language)
        terms = {term for sequence in required for term in sequence}
        _choose_snippet(
            hit,
            {
                "title_marked": mark_terms(hit.title, terms, hit.language),
                "summary_marked": mark_terms(hit.summary, terms, hit.language),
                "body_marked": mark_terms(row["body"], terms, hit.language, window=30),
            },
        )


def _choose_snippet(hit, marked):
    hit.title_marked = marked["title_marked"] or ""
    summary, body = marked["summary_marked"] or "", marked["body_marked"] or ""
    if MARK_START in summary or MARK_START not in body:
        hit.snippet_marked = summary
    else:
        hit.snippet_marked = body


def mark_terms(text, terms, language, window=None):
    """Mark the words of ``text`` whose analysed form is one of ``terms``; with ``window``, keep only
    about that many words around the first match (the whole text is returned unmarked if none)."""
    if not text:
        return ""
    parts = WORD_OR_NOT.split(text)
    first = None
    for index in range(1, len(parts), 2):
        analysed = analyse(parts[index], language)
        if analysed and analysed[0] in terms:
            parts[index] = f"{MARK_START}{parts[index]}{MARK_END}"
            first = index if first is None else first
    if window is None or first is None:
        return "".join(parts) if first is not None or window is None else ""
    start = max(0, first - window)
    end = min(len(parts), first + window * 2)
    return ("… " if start else "") + "".join(parts[start:end]).strip() + (" …" if end < len(parts) else "")


# --- spelling and autocomplete -----------------------------------------------------------------------


def vocabulary(language):
    """Words of the titles and summaries of one language, folded, with their frequency (cached)."""
    key = f"search:vocabulary:{language}"
    words = cache.get(key)
    if words is None:
        counter = Counter()
        rows = SearchDocument.objects.filter(language=language).values_list("title", "summary")
        for title, summary in rows.iterator(chunk_size=2000):
            counter.update(word for word in WORD_OR_NOT.findall(fold(f"{title} {summary}")) if len(word) > 2)
        words = dict(counter)
        cache.set(key, words, VOCABULARY_SECONDS)
    return words


def suggest_spelling(text, languages):
    """A corrected query when some of its words are unknown and close to known ones, else ``""``."""
    known = {}
    for language in languages:
        for word, count in vocabulary(language).items():
            known[word] = known.get(word, 0) + count
    if not known:
        return ""
    changed = False
    words = []
    for word in text.split():
        bare = fold(word.strip('"-'))
        if len(bare) < 3 or bare in known or not bare.isalnum():
            words.append(word)
            continue
        close = difflib.get_close_matches(bare, known, n=3, cutoff=0.75)
        if close:
            best = max(
                close,
                key=lambda candidate: (
                    difflib.SequenceMatcher(None, bare, candidate).ratio(),
                    known[candidate],
                ),
            )
            words.append(best)
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else ""


def autocomplete(text, languages, limit=8, http_request=None):
    """Titles in those languages with a word starting with what the visitor typed."""
    prefix = fold(" ".join(text.split()))
    if not prefix:
        return []
    rows = (
        SearchDocument.objects.filter(language__in=languages)
        .filter(Q(title_folded__startswith=prefix) | Q(title_folded__contains=f" {prefix}"))
        .annotate(starts=Case(When(title_folded__startswith=prefix, then=Value(0)), default=Value(1)))
        .order_by("starts", Lower("title"), "pk")
        .values("page_id", "language", "kind", "title", "summary")[:limit]
    )
    hits = [Hit(**row) for row in rows]
    return attach_urls(hits, http_request)
