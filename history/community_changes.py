"""Declared uses in the recent changes: an endorsement a moderator approved, or its author withdrew.

An endorsement is about a tool in every language: it is listed on each language's recent changes
where that tool has a live public page, linked to that page. Hidden endorsements, and those naming
an organisation visitors cannot see, are never listed. Three queries, whatever the number.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from community.counts import organisation_shown
from community.models import Endorsement
from history.page_history import display_name
from localisation.localization import best_per_key
from pages.relations import visible
from search.results import kind_label

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


def endorsement_changes(tool_pages, language_code, since=None, limit=50):
    """Approvals and withdrawals of endorsements of ``tool_pages`` (public tools of one language)."""
    tools = {page.translation_key: page for page in tool_pages.select_related("locale")}
    if not tools:
        return []
    shown = Endorsement.objects.filter(subject_key__in=tools, first_published_at__isnull=False).filter(
        hidden_at__isnull=True
    )
    shown = shown.filter(organisation_shown()).select_related("author", "organisation")
    if since is not None:
        shown = shown.filter(Q(first_published_at__gte=since) | Q(withdrawn_at__gte=since))
    rows = list(shown.order_by("-first_published_at", "-pk")[:limit]) + list(
        shown.filter(withdrawn_at__isnull=False).order_by("-withdrawn_at", "-pk")[:limit]
    )
    names = _organisation_names({row.organisation_key for row in rows if row.organisation_key}, language_code)
    changes = {}
    for row in rows:
        who = names.get(row.organisation_key) if row.organisation_key else display_name(row.author)
        page = tools[row.subject_key]
        changes[(row.pk, DECLARED)] = EndorsementChange(page, row.first_published_at, who, DECLARED, row.pk)
        if row.withdrawn_at is not None:
            changes[(row.pk, WITHDRAWN)] = EndorsementChange(page, row.withdrawn_at, who, WITHDRAWN, row.pk)
    found = [change for change in changes.values() if since is None or change.published_at >= since]
    return sorted(found, key=lambda change: change.published_at, reverse=True)[:limit]


def _organisation_names(keys, language_code):
    if not keys:
        return {}
    pages = visible(Page.objects.filter(translation_key__in=keys)).select_related("locale")
    return {key: page.title for key, page in best_per_key(pages, language_code).items()}
