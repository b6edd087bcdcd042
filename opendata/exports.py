"""Streaming exports of the catalogue (CSV and JSON), per language, whole or as a search's results.

Records are produced a chunk of pages at a time and written as they come, so an export of any size
needs the memory of one chunk.
"""

import csv
import json
from collections import defaultdict

from django.db.models import ForeignKey, Prefetch
from django.utils import timezone, translation
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from pages import registry
from pages.relations import visible

from .community import with_arguments, with_counts
from .csv_format import Labels, cells, columns_of
from .parts import with_parts
from .schema import (
    DATA_LICENCE,
    DATA_LICENCE_URL,
    child_relations,
    columns,
    content_fields,
    neutralised,
    publishable,
    record,
)
from .taxonomy import block, references

CHUNK = 200


def _queryset(key, pages):
    """``pages`` of one type with what their records read loaded alongside, in a few queries."""
    model = registry.get(key).model
    fields = content_fields(model)
    related = [field.name for field in fields if isinstance(field, ForeignKey)]
    prefetch = [field.name for field in fields if isinstance(field, ParentalManyToManyField)]
    for relation in child_relations(model):
        child = relation.related_model
        targets = [
            field.name
            for field in child._meta.get_fields()
            if isinstance(field, ForeignKey) and not isinstance(field, ParentalKey)
        ]
        prefetch.append(
            Prefetch(relation.get_accessor_name(), queryset=child.objects.select_related(*targets))
        )
    return pages.select_related("locale", *related).prefetch_related(*prefetch)


def catalogue_pages(key, language):
    model = registry.get(key).model
    return visible(model.objects.filter(locale__language_code=language)).order_by("path")


def _languages(language):
    return [language] if isinstance(language, str) else list(language)


def records(types, language, request=None, page_ids=None):
    """Records of live public pages of ``types`` in ``language`` (a code, or a list of codes: type by
    type, each in every language), or of ``page_ids``, in that order."""
    if page_ids is None:
        for type_key, code in ((key, code) for key in types for code in _languages(language)):
            queryset = _queryset(type_key, catalogue_pages(type_key, code))
            chunk = []
            for page in queryset.iterator(chunk_size=CHUNK):
                chunk.append(record(page, request))
                if len(chunk) == CHUNK:
                    yield from _completed(chunk)
                    chunk = []
            yield from _completed(chunk)
        return
    by_id = {}
    for start in range(0, len(page_ids), CHUNK):
        chunk = page_ids[start : start + CHUNK]
        for type_key in types:
            model = registry.get(type_key).model
            for page in _queryset(type_key, visible(model.objects.filter(pk__in=chunk))):
                by_id[page.pk] = page
        yield from _completed(record(by_id.pop(page_id), request) for page_id in chunk if page_id in by_id)


def _completed(items):
    """Records as the exports and the API give them: what visitors may see, with the community's
    counts and the parts features add (``parts``)."""
    return with_parts(with_counts(publishable(items)))


def _with_arguments(items, size=CHUNK):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield from with_arguments(chunk)
            chunk = []
    yield from with_arguments(chunk)


class _Echo:
    def write(self, value):
        return value


def csv_stream(types, language, request=None, page_ids=None):
    """A CSV for people in ``language`` (``csv_format``): headers, labels and text in that language."""
    columns = columns_of(types)
    page_types = [registry.get(type_key) for type_key in types]
    labels = Labels(language)
    writer = csv.writer(_Echo())
    with translation.override(language):
        header = [neutralised(column.header(page_types)) for column in columns]
    yield writer.writerow(header)
    for item in records(types, language, request, page_ids):
        item["data_licence"] = DATA_LICENCE
        # the language is set for each row only: the stream is read after the view has returned
        with translation.override(language):
            row = cells(item, columns, labels)
        yield writer.writerow(row)


def json_stream(types, language, request=None, page_ids=None, query=None):
    """The export as one JSON document: a header, the entries, then the taxonomy they use
    (``taxonomy.block``), so that a site without those terms can import it."""
    languages = _languages(language)
    header = {
        "licence": DATA_LICENCE,
        "licence_url": DATA_LICENCE_URL,
        "language": languages[0] if len(languages) == 1 else None,
        "languages": languages,
        "types": list(types),
        "generated_at": timezone.now().isoformat(),
        "query": query or None,
        "fields": {type_key: columns(type_key)[:-1] for type_key in types},
    }
    opening = json.dumps(header, ensure_ascii=False)[:-1]
    yield opening + ', "entries": ['
    first = True
    used = defaultdict(set)
    # public arguments travel with the JSON (not the CSV: a cell is no place for a conversation)
    for item in _with_arguments(records(types, language, request, page_ids)):
        for term_model, slug in references(registry.get(item["type"]).model, item):
            used[term_model].add(slug)
        yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False)
        first = False
    yield '\n], "taxonomy": ' + json.dumps(block(used), ensure_ascii=False) + "}\n"
