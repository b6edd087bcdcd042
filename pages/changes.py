"""Recent changes: the latest published revisions of one locale's public pages."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, PageLogEntry

from history.page_history import display_name
from history.summaries import summaries_between
from pages import registry
from pages.registry import kind_label
from pages.relations import visible


@dataclass
class Change:
    page: Page
    revision_id: int
    published_at: datetime
    author: str
    kind: str
    previous_revision_id: int | None = None
    summaries: list[str] = field(default_factory=list)  # the editors' own words for the change

    @property
    def kind_label(self):
        return kind_label(self.kind)

    @property
    def is_new(self):
        return self.previous_revision_id is None

    @property
    def diff_url(self):
        if self.is_new or not self.page.url:
            return ""
        return f"{self.page.url}history/{self.previous_revision_id}/{self.revision_id}/"


def catalogue_pages(language_code=None, kind=None, category=None):
    """Live public catalogue pages, optionally of one language, one type, or one tool category."""
    if category is not None:
        kind = "tool"
    types = [registry.get(kind)] if kind is not None else registry.page_types()
    content_types = ContentType.objects.get_for_models(*(page_type.model for page_type in types))
    pages = visible(Page.objects.filter(content_type__in=content_types.values()))
    if language_code is not None:
        pages = pages.filter(locale__language_code=language_code)
    if category is not None:
        pages = pages.filter(pk__in=types[0].model.objects.filter(categories__slug=category).values("pk"))
    return pages


# Other sources of news about the catalogue's pages, which the features register (the community's
# declared uses: ``community/changes.py``): each is called as ``source(language_code, kind, category,
# limit)`` and returns its lines newest first, objects that read like ``Change`` (``page``,
# ``published_at``, ``author``, ``kind_label``…) with a ``description`` and a ``guid_fragment`` for
# the feeds. History knows no feature: they come to it.
CHANGE_SOURCES = []


def register_change_source(source):
    if source not in CHANGE_SOURCES:
        CHANGE_SOURCES.append(source)


def recent_changes(language_code, kind=None, category=None, limit=50):
    """Published changes to the live public pages of a language, newest first, with the lines of the
    registered change sources (the declared uses of its tools: one more query, up to three with some).

    ``kind`` keeps one page type; ``category`` (a category identifier) keeps the tools of that
    category, for the per-category feeds.
    """
    changes = changes_to(catalogue_pages(language_code, kind, category), limit=limit)
    others = [line for source in CHANGE_SOURCES for line in source(language_code, kind, category, limit)]
    if not others:
        return changes
    return sorted([*changes, *others], key=lambda change: change.published_at, reverse=True)[:limit]


def changes_to(pages, since=None, limit=50):
    """Published changes to ``pages`` (a page queryset), newest first, optionally since a moment."""
    kinds = {
        ContentType.objects.get_for_model(page_type.model).pk: page_type.key
        for page_type in registry.page_types()
    }
    entries = PageLogEntry.objects.filter(
        action="wagtail.publish", revision__isnull=False, page_id__in=pages.values("pk")
    )
    if since is not None:
        entries = entries.filter(timestamp__gte=since)
    entries = list(
        entries.select_related("revision__user", "page__locale").order_by("-timestamp", "-pk")[:limit]
    )
    changes = [
        Change(
            page=entry.page,
            revision_id=entry.revision_id,
            published_at=entry.timestamp,
            author=display_name(entry.revision.user),
            kind=kinds.get(entry.page.content_type_id, ""),
        )
        for entry in entries
    ]
    _link_previous_versions(changes)
    found = summaries_between((c.page.pk, c.previous_revision_id, c.revision_id) for c in changes)
    for change in changes:
        change.summaries = found.get((change.page.pk, change.revision_id), [])
    return changes


def _link_previous_versions(changes):
    """Each change's previously published revision of the same page, for the link to its diff."""
    if not changes:
        return
    published = {}
    rows = (
        PageLogEntry.objects.filter(
            action="wagtail.publish",
            revision__isnull=False,
            page_id__in={change.page.pk for change in changes},
        )
        .order_by("timestamp", "pk")
        .values_list("page_id", "revision_id", "timestamp")
    )
    for page_id, revision_id, timestamp in rows:
        published.setdefault(page_id, [])
        if revision_id not in [r for r, _t in published[page_id]]:
            published[page_id].append((revision_id, timestamp))
    for change in changes:
        earlier = [r for r, t in published.get(change.page.pk, []) if t < change.published_at]
        earlier = [r for r in earlier if r != change.revision_id]
        change.previous_revision_id = earlier[-1] if earlier else None
