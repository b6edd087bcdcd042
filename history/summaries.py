"""Change summaries: the editor's own words for a change, from the save to the public history.

An editor may describe a change when saving or submitting it (the field under the page editor).
The summary belongs to the revision saved then. A published version may have been preceded by
several saved drafts: its summary is every summary given since the version published before it,
oldest first, so "fixed the licence" typed on a first draft still explains the version that went
live after a second save. The summary of a revision the moderators rejected is left out: it
describes content that never went live.
"""

import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, TaskState

from .models import SUMMARY_LENGTH, ChangeSummary

FIELD = "change_summary"


def clean(text):
    """One line of plain text: control characters dropped, white space collapsed, at most 300 characters."""
    text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in str(text or ""))
    return re.sub(r"\s+", " ", text).strip()[:SUMMARY_LENGTH]


def record(revision, text):
    """Keep ``text`` as ``revision``'s summary; an empty text keeps the one it may already have
    (Wagtail's autosave rewrites a revision with whatever the field holds at that moment)."""
    text = clean(text)
    if text:
        ChangeSummary.objects.update_or_create(revision=revision, defaults={"text": text})


def summaries_between(spans):
    """``{(page id, to): [texts]}`` for spans ``(page id, after revision id or None, to revision id)``:
    the summaries of a page's revisions saved after ``after`` up to ``to`` included. One query."""
    spans = list(spans)
    if not spans:
        return {}
    page_type = ContentType.objects.get_for_model(Page)
    rows = (
        ChangeSummary.objects.filter(
            revision__base_content_type=page_type,
            revision__object_id__in={str(page_id) for page_id, _after, _to in spans},
            revision_id__lte=max(to for _page, _after, to in spans),
        )
        .exclude(revision__task_states__status=TaskState.STATUS_REJECTED)
        .order_by("revision_id")
        .values_list("revision__object_id", "revision_id", "text")
    )
    by_page = {}
    for object_id, revision_id, text in rows:
        by_page.setdefault(int(object_id), []).append((revision_id, text))
    found = {}
    for page_id, after, to in spans:
        texts = [text for revision_id, text in by_page.get(page_id, []) if (after or 0) < revision_id <= to]
        found[(page_id, to)] = list(dict.fromkeys(texts))  # the same words saved twice, once
    return found
