"""After the checks: each public tool's facts, score and band, its point of the day for the history
chart, and the items that need an editor's attention. Local work only (no request leaves the site).

Nothing here changes a page: a tool's status is a moderator's decision, which the "Needs attention"
queue proposes (``PROPOSALS``) and never takes.
"""

import hashlib
import json
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import freshness
from harvest.models import Listing
from pages.relations import visible
from pages.tools import ToolPage
from search.indexing import update_pages

from . import probe, scoring
from .models import Attention, Band, PageAddress, Vitality, VitalityPoint

# what each kind of attention item suggests a moderator consider (never done by the checks)
PROPOSALS = {
    Attention.Kind.REPOSITORY_ARCHIVED: "archived",
    Attention.Kind.REPOSITORY_SILENT: "unmaintained",
}


def facts_of(tool, addresses, release):
    """A tool's language-neutral facts from its checked addresses and its sources' release.

    What an address's last check could not establish is not a fact: a repository whose forge could
    not be asked this time gives its state and reason only, never the dates of an earlier check (they
    would age into "inactive" on a site that lost its network)."""
    facts = {"status": tool.status, "edited_at": _iso(tool.last_published_at)}
    website = addresses.get("website")
    if website is not None and website.checked_at:
        facts["website"] = {
            "url": website.url,
            "state": website.state,
            "reason": website.reason,
            "status": website.status,
            "since": _iso(website.failing_since),
            "final_url": website.final_url if website.final_url != website.url else "",
        }
    repository = addresses.get("source_code_url")
    if repository is not None and repository.checked_at:
        facts["repository"] = {
            "url": repository.url,
            "state": repository.state,
            "reason": repository.reason,
            "status": repository.status,
        }
        if repository.state == probe.ANSWERS:
            facts["repository"].update(
                {
                    key: value
                    for key, value in (repository.repository or {}).items()
                    if key in REPOSITORY_FACTS
                }
            )
    elif tool.source_code_url:
        facts["repository"] = {"url": tool.source_code_url, "state": ""}  # not checked yet
    releases = []
    if facts.get("repository", {}).get("release_at"):
        releases.append(
            (facts["repository"]["release_at"][:10], facts["repository"].get("release", ""), "forge")
        )
    if release is not None:
        releases.append((release[0].isoformat(), release[1], "publiccode"))
    if releases:
        at, version, origin = max(releases)
        facts["release"] = {"at": at, "version": version, "from": origin}
    return facts


REPOSITORY_FACTS = (
    "forge",
    "pushed_at",
    "release_at",
    "release",
    "release_unknown",
    "archived",
    "issues_at",
    "issues_unknown",
    "open_issues",
)


def _iso(value):
    return value.isoformat() if value else None


def assess(now=None):
    """Score every public tool; returns ``{"tools": n, "changed": n}``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    tools = list(
        visible(ToolPage.objects.all()).only(
            "pk", "status", "last_published_at", "translation_key", "locale_id"
        )
    )
    ids = [tool.pk for tool in tools]
    addresses = {}
    for row in PageAddress.objects.filter(
        page_id__in=ids, field__in=("website", "source_code_url")
    ).select_related("address"):
        addresses.setdefault(row.page_id, {})[row.field] = row.address
    releases = {}
    for key, at, version in (
        Listing.objects.filter(
            translation_key__in=[tool.translation_key for tool in tools], release_date__isnull=False
        )
        .order_by("release_date")
        .values_list("translation_key", "release_date", "release_version")
    ):
        releases[key] = (at, version)  # the latest last
    existing = {row.page_id: row for row in Vitality.objects.filter(page_id__in=ids)}
    changed_bands, created, updated = [], [], []
    seen_changed = False  # what a visitor sees changed: only then is every cached page dropped
    first_today = not VitalityPoint.objects.filter(day=today).exists()  # "12 days ago" becomes 13
    for tool in tools:
        mine = addresses.get(tool.pk, {})
        facts = facts_of(tool, mine, releases.get(tool.translation_key))
        score, band = scoring.score(facts, today)
        # "checked on": when its website or repository was last asked (else now: its own facts)
        checked_at = max((a.checked_at for a in mine.values() if a.checked_at), default=now)
        row = existing.get(tool.pk)
        if row is None:
            created.append(
                Vitality(page_id=tool.pk, score=score, band=band, facts=facts, checked_at=checked_at)
            )
            if band != Band.UNKNOWN:  # the search documents said "unknown" until now
                changed_bands.append(tool.pk)
        else:
            if row.band != band:
                changed_bands.append(tool.pk)
            seen_changed |= (row.score, row.band, row.facts, timezone.localdate(row.checked_at)) != (
                score,
                band,
                facts,
                timezone.localdate(checked_at),
            )
            row.score, row.band, row.facts, row.checked_at = score, band, facts, checked_at
            updated.append(row)
    with transaction.atomic():
        Vitality.objects.bulk_create(created, batch_size=500)
        Vitality.objects.bulk_update(updated, ["score", "band", "facts", "checked_at"], batch_size=500)
        deleted, _kinds = Vitality.objects.exclude(page_id__in=ids).delete()
        VitalityPoint.objects.filter(day=today, page_id__in=ids).delete()
        # the history chart shows a year: two are kept, older points go
        VitalityPoint.objects.filter(day__lt=today - timedelta(days=2 * 366)).delete()
        VitalityPoint.objects.bulk_create(
            [
                VitalityPoint(page_id=row.page_id, day=today, score=row.score, band=row.band)
                for row in created + updated
            ],
            batch_size=500,
        )
        _attention(tools, addresses, now)
        if changed_bands:
            # the band is a search facet: the engines hear of it like of any change of the page
            update_pages(ToolPage.objects.filter(pk__in=changed_bands).select_related("locale"))
        if created or seen_changed or first_today or deleted:
            transaction.on_commit(freshness.bump)
    return {"tools": len(tools), "changed": len(changed_bands)}


def _attention(tools, addresses, now):
    found = {}  # (page id, kind) → (evidence, since)
    silent_after = timedelta(days=settings.VITALITY_SILENT_DAYS)
    for tool in tools:
        mine = addresses.get(tool.pk, {})
        website = mine.get("website")
        if website is not None and website.state == probe.FAILS:
            found[(tool.pk, Attention.Kind.WEBSITE_FAILS)] = (
                {"url": website.url, "reason": website.reason, "status": website.status},
                website.failing_since or now,
            )
        repository = mine.get("source_code_url")
        facts = (repository.repository or {}) if repository is not None else {}
        if facts.get("archived"):
            found[(tool.pk, Attention.Kind.REPOSITORY_ARCHIVED)] = (
                {"url": repository.url, "archived": True},
                None,
            )
        pushed = _parse(facts.get("pushed_at"))
        if pushed and now - pushed > silent_after and not facts.get("archived"):
            found[(tool.pk, Attention.Kind.REPOSITORY_SILENT)] = (
                {"url": repository.url, "pushed_at": facts["pushed_at"][:10]},
                pushed,
            )
    broken = {}
    for row in (
        PageAddress.objects.filter(page_id__in=[tool.pk for tool in tools], address__state=probe.FAILS)
        .exclude(field="website")
        .select_related("address")
        .order_by("address__url")
    ):
        broken.setdefault(row.page_id, []).append(row.address)
    for page_id, rows in broken.items():
        links = sorted({(a.url, a.reason, a.status or 0) for a in rows})
        since = min((a.failing_since or now) for a in rows)
        found[(page_id, Attention.Kind.BROKEN_LINKS)] = ({"links": [list(link) for link in links]}, since)

    current = {(item.page_id, item.kind): item for item in Attention.objects.all()}
    for (page_id, kind), (evidence, since) in found.items():
        key = hashlib.sha256(json.dumps(evidence, sort_keys=True).encode()).hexdigest()
        item = current.get((page_id, kind))
        if item is None:
            Attention.objects.create(
                page_id=page_id,
                kind=kind,
                evidence=evidence,
                evidence_key=key,
                since=since or now,
                active=True,
            )
            continue
        if not item.active:
            # the problem came back after it was gone: a new item, whatever was dismissed before
            item.since, item.dismissed_key = since or now, ""
        elif item.evidence_key != key:
            # the evidence changed: the dismissal of the old evidence lapses (keys differ)
            item.since = since or item.since
        item.evidence, item.evidence_key, item.active = evidence, key, True
        item.save()
    gone = [item.pk for pair, item in current.items() if pair not in found and item.active]
    Attention.objects.filter(pk__in=gone).update(active=False)


def _parse(value):
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
