"""Declared uses in the recent changes: an endorsement a moderator approved, or its author withdrew.

An endorsement is about a tool in every language: it is listed on each language's recent changes
where that tool has a live public page, linked to that page. Hidden endorsements, and those naming
an organisation visitors cannot see, are never listed. At most three queries, whatever the number.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from community.counts import organisation_shown
from community.models import Endorsement
from core.localization import best_per_key
from history.page_history import display_name
from pages.changes import catalogue_pages, register_change_source
from pages.registry import kind_label
from pages.relations import visible

DECLARED = "declared"
WITHDRAWN = "withdrawn"
SENTENCES = {
    DECLARED: _("%(who)s declared using %(tool)s."),
    WITHDRAWN: _("%(who)s withdrew their declared use of %(tool)s."),
}


@dataclass
class EndorsementChange:
    """A line of the recent changes as ``Change`` has them (the template and the feed read both)."""

    page: Page
    published_at: datetime
    author: str
    event: str
    endorsement_id: int
    kind: str = "tool"
    summaries: list[str] = field(default_factory=list)
    is_new: bool = False
    diff_url: str = ""

    @property
    def kind_label(self):
        return kind_label(self.kind)

    @property
    def description(self):
        return str(SENTENCES[self.event]) % {"who": self.author, "tool": self.page.title}

    @property
    def guid_fragment(self):
        return f"endorsement-{self.endorsement_id}-{self.event}"


def endorsement_changes(tool_pages, language_code, limit=50):
    """Approvals and withdrawals of endorsements of ``tool_pages`` (a queryset of public tools of one
    language), newest first: one query when there are none."""
    shown = Endorsement.objects.filter(
        subject_key__in=tool_pages.values("translation_key"),
        first_published_at__isnull=False,
        hidden_at__isnull=True,
    ).filter(organisation_shown())
    # the rows whose latest event is newest hold the newest ``limit`` events
    latest = Coalesce("withdrawn_at", "first_published_at")
    rows = list(shown.select_related("author").order_by(latest.desc(), "-pk")[:limit])
    if not rows:
        return []
    tools = {
        page.translation_key: page
        for page in tool_pages.filter(translation_key__in={r.subject_key for r in rows})
    }
    names = _organisation_names({row.organisation_key for row in rows if row.organisation_key}, language_code)
    changes = []
    for row in rows:
        page = tools.get(row.subject_key)
        if page is None:  # unpublished meanwhile
            continue
        who = names.get(row.organisation_key) if row.organisation_key else display_name(row.author)
        changes.append(EndorsementChange(page, row.first_published_at, who, DECLARED, row.pk))
        if row.withdrawn_at is not None:
            changes.append(EndorsementChange(page, row.withdrawn_at, who, WITHDRAWN, row.pk))
    return sorted(changes, key=lambda change: change.published_at, reverse=True)[:limit]


def recent_uses(language_code, kind, category, limit):
    """The recent changes' source of declared uses (``pages.changes.register_change_source``): a
    declared use is news about the tool, listed with the tools' changes."""
    if kind not in (None, "tool") and category is None:
        return []
    tools = catalogue_pages(language_code, "tool", category)
    return endorsement_changes(tools, language_code, limit=limit)


def _organisation_names(keys, language_code):
    if not keys:
        return {}
    pages = visible(Page.objects.filter(translation_key__in=keys)).select_related("locale")
    return {key: page.title for key, page in best_per_key(pages, language_code).items()}


# declared uses are listed in the recent changes and their feeds
register_change_source(recent_uses)
