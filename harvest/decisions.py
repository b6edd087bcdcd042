"""What waits for a moderator after the harvests, and the moderator's decisions: plain functions that
the admin screen, the commands and the tests share.

- a possible match (a record whose name only looks like an entry's): the same entry, or another one;
- a proposal (the source's value of a field an editor changed by hand): take it, or keep the page's;
- a flag (an entry a source no longer lists): keep the entry (unpublishing it stays a page action).

A match decision is applied by the source's next harvest (which then reads every record again); a
proposal taken becomes a revision by the moderator, published unless the page has changes waiting
for moderation, in which case it joins them in the workflow.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opendata.importer import import_record

from .entries import HARVESTED
from .models import Listing, PossibleMatch, Proposal, Provenance


class DecisionError(Exception):
    """A decision that cannot be made (already decided, the entry is gone): said to the moderator."""


@dataclass
class Waiting:
    matches: list = field(default_factory=list)  # [(PossibleMatch, candidate page or None)]
    proposals: list = field(default_factory=list)  # [(Proposal, page or None, current value)]
    gone: list = field(default_factory=list)  # [(Listing, page or None)]

    def __len__(self):
        return len(self.matches) + len(self.proposals) + len(self.gone)


def _pages(entry_type, keys, language=None):
    """{translation_key: page} in ``language`` (else in any language, the first found): one query."""
    model = HARVESTED.get(entry_type)
    if model is None or not keys:
        return {}
    pages = model.objects.filter(translation_key__in=keys).select_related("locale").order_by("pk")
    if language:
        pages = pages.filter(locale__language_code=language)
    found = {}
    for page in pages:
        found.setdefault(page.translation_key, page)
    return found


def waiting(source=None, limit=200):
    """The open decisions, oldest first (of ``source`` only, when given)."""
    matches = PossibleMatch.objects.filter(decision=PossibleMatch.Decision.OPEN).select_related(
        "listing__source"
    )
    proposals = Proposal.objects.filter(decision=Proposal.Decision.OPEN).select_related("source")
    gone = Listing.objects.filter(gone_since__isnull=False, gone_kept=False).select_related("source")
    if source is not None:
        matches = matches.filter(listing__source=source)
        proposals = proposals.filter(source=source)
        gone = gone.filter(source=source)
    result = Waiting()
    matches = list(matches.order_by("pk")[:limit])
    gone = list(gone.order_by("gone_since", "pk")[:limit])
    for entry_type in HARVESTED:
        of_type = [match for match in matches if match.listing.entry_type == entry_type]
        found = _pages(entry_type, {match.candidate_key for match in of_type})
        result.matches += [(match, found.get(match.candidate_key)) for match in of_type]
        of_type = [listing for listing in gone if listing.entry_type == entry_type]
        found = _pages(entry_type, {listing.translation_key for listing in of_type})
        result.gone += [(listing, found.get(listing.translation_key)) for listing in of_type]
    proposals = list(proposals.order_by("proposed_at", "pk")[:limit])
    pages = {}  # (translation key, language) → page, with its latest revision: a query per type
    for entry_type, model in HARVESTED.items():
        keys = {proposal.translation_key for proposal in proposals if proposal.entry_type == entry_type}
        if keys:
            for page in model.objects.filter(translation_key__in=keys).select_related(
                "locale", "latest_revision"
            ):
                pages[(page.translation_key, page.locale.language_code)] = page
    for proposal in proposals:
        page = pages.get((proposal.translation_key, proposal.language))
        current = _current_value(page, proposal.field) if page else None
        result.proposals.append((proposal, page, current))
    return result


def _current_value(page, name):
    """The field as the page's latest revision stores it (what an editor last wrote), for the
    moderator to read beside the source's: read from the revision's content, not rebuilt as a page
    (that would cost a dozen queries a proposal)."""
    if page.latest_revision is not None and name in page.latest_revision.content:
        return page.latest_revision.content[name]
    return getattr(page, name, None)


def decide_match(match, *, same, user):
    """The record of ``match`` describes its candidate (``same``) or another entry. Applied by the
    source's next harvest."""
    with transaction.atomic():
        # the listing's row first: two moderators deciding two candidates of one record wait in turn
        Listing.objects.select_for_update().filter(possible_matches__pk=match.pk).first()
        match = PossibleMatch.objects.select_for_update().select_related("listing").get(pk=match.pk)
        if match.decision != PossibleMatch.Decision.OPEN:
            raise DecisionError("already decided")
        now = timezone.now()
        match.decision = PossibleMatch.Decision.SAME if same else PossibleMatch.Decision.DIFFERENT
        match.decided_by, match.decided_at = user, now
        match.save()
        if same:
            # one entry only: the listing's other candidates are other entries
            match.listing.possible_matches.filter(decision=PossibleMatch.Decision.OPEN).update(
                decision=PossibleMatch.Decision.DIFFERENT, decided_by=user, decided_at=now
            )
            Listing.objects.filter(pk=match.listing.pk).update(translation_key=match.candidate_key, digest="")
        else:
            Listing.objects.filter(pk=match.listing.pk).update(digest="")
    return match


def decide_proposal(proposal, *, accept, user):
    """Take the source's value into the page (a revision by ``user``) or keep the page's."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("source").get(pk=proposal.pk)
        if proposal.decision != Proposal.Decision.OPEN:
            raise DecisionError("already decided")
        now = timezone.now()
        if accept:
            page = _pages(proposal.entry_type, [proposal.translation_key], proposal.language).get(
                proposal.translation_key
            )
            if page is None:
                raise DecisionError("the entry no longer exists")
            if not page.permissions_for_user(user).can_publish():
                raise PermissionDenied
            latest = page.get_latest_revision_as_object()
            data = {
                "type": proposal.entry_type,
                "language": proposal.language,
                "translation_key": str(proposal.translation_key),
                "title": latest.title,
                proposal.field: proposal.value,
            }
            # a page whose changes wait for moderation is not published with this value: the value
            # joins them, and the workflow decides
            publish = not page.has_unpublished_changes
            import_record(data, user=user, publish=publish, moderate=not publish)
            # the page now says what the source says: the next harvest sees an unedited field
            Provenance.objects.update_or_create(
                translation_key=proposal.translation_key,
                language=proposal.language,
                field=proposal.field,
                source=proposal.source,
                defaults={
                    "value": proposal.value,
                    "harvested_at": proposal.proposed_at,
                    "published": publish,
                },
            )
        proposal.decision = Proposal.Decision.ACCEPTED if accept else Proposal.Decision.DECLINED
        proposal.decided_by, proposal.decided_at = user, now
        proposal.save()
    return proposal


def keep_gone(listing, *, user):
    """A moderator saw that the source no longer lists the entry, and keeps it as it is."""
    updated = Listing.objects.filter(pk=listing.pk, gone_since__isnull=False, gone_kept=False).update(
        gone_kept=True
    )
    if not updated:
        raise DecisionError("already decided")
