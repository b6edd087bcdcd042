"""One harvest of one source: fetch, read, normalise, match, and propose each change to moderators.

Outside any web request (the ``harvest`` command, the scheduled task). Each record is applied in its
own transaction: a bad record is counted and described, the others go on; a source that cannot be
fetched or read fails as a whole and changes nothing. Nothing is published unless the source is
trusted ("new and unedited fields publish at once"); every other change is a revision by the
source's own account, submitted to the moderation workflow. A field an editor changed by hand is
never overwritten: the source's value is left beside it, in the run's report, for a moderator.
"""

import hashlib
import json
from dataclasses import asdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core import addresses
from opendata.duplicates import likely_duplicates
from opendata.importer import EntryError, import_record, same_value
from opendata.schema import record as page_record
from pages.tools import ToolPage

from . import entries, normalise
from .documents import DocumentError
from .fetch import FetchError, fetch
from .models import Listing, PossibleMatch, Provenance, Run, Trust
from .records import HarvestedOrganisation, RecordError

MODELS = entries.HARVESTED


def source_account(source):
    """The source's own (inactive) account: the author of its revisions in histories and reviews."""
    user, _ = get_user_model().objects.get_or_create(
        username=f"source-{source.pk}", defaults={"first_name": source.name[:150], "is_active": False}
    )
    return user


def fetch_documents(source, kind):
    """{address: bytes} of every document of the source, or None when none changed since last time."""
    documents, validators, changed = {}, dict(source.validators or {}), False
    addresses_ = list(kind.documents(source.address))
    position = 0
    while position < len(addresses_):
        address = addresses_[position]
        known = validators.get(address) or {}
        fetched = fetch(address, etag=known.get("etag", ""), last_modified=known.get("last_modified", ""))
        if fetched.status == 304:
            documents[address] = None
        else:
            documents[address] = fetched.body
            changed = True
        validators[address] = {"etag": fetched.etag or "", "last_modified": fetched.last_modified or ""}
        if position == 0 and kind.extra and fetched.body is not None:
            addresses_ += [
                extra for extra in kind.extra(source.address, fetched.body) if extra not in addresses_
            ]
        position += 1
    return documents, validators, changed


def harvest(source, *, progress=None, force=False):
    """Harvest ``source`` once; returns its ``Run`` with the counts and the problems per record.

    ``progress``: called with the number of records once they are read; returns what to call after
    each record. ``force``: read and apply even when the source says nothing changed."""
    run = Run.objects.create(source=source)
    kind = source.get_kind()
    try:
        documents, validators, changed = fetch_documents(source, kind)
        if not changed and not force:
            run.outcome = Run.Outcome.UNCHANGED
        else:
            if any(body is None for body in documents.values()):
                # a document unchanged since last time is needed again to read the others with it
                documents, validators, _ = fetch_documents(_without_validators(source), kind)
            records = list(kind.read(documents))
    except (FetchError, DocumentError, ValueError) as error:
        run.outcome, run.error = Run.Outcome.FAILED, str(error)
        run.finished_at = timezone.now()
        run.save()
        return run
    if run.outcome == Run.Outcome.UNCHANGED:
        run.finished_at = timezone.now()
        run.save()
        return run
    Harvest(source, run).apply_all(records, progress=progress(len(records)) if progress else None)
    source.validators = validators
    source.save(update_fields=["validators"])
    return run


def _without_validators(source):
    source.validators = {}
    return source


class Harvest:
    def __init__(self, source, run):
        self.source = source
        self.run = run
        self.user = source_account(source)
        self.started = run.started_at
        self.problems = []

    def apply_all(self, records, progress=None):
        for item in records:
            if isinstance(item, RecordError):
                self._failed(item.ref, item.message)
            else:
                self._apply_one(item)
            if progress:
                progress()
        if not self.run.failed or self.run.failed < len(records):
            self._flag_gone()
        self.run.problems = self.problems
        self.run.outcome = Run.Outcome.DONE
        self.run.finished_at = timezone.now()
        self.run.save()

    def _failed(self, ref, message):
        self.run.failed += 1
        self.problems.append({"ref": ref, "message": message})

    def _apply_one(self, record):
        page_type = "organisation" if isinstance(record, HarvestedOrganisation) else "tool"
        normalise.record(record)
        digest = hashlib.sha256(json.dumps(asdict(record), sort_keys=True, default=str).encode()).hexdigest()
        listing = Listing.objects.filter(source=self.source, ref=record.ref).first()
        now = timezone.now()
        if listing and listing.digest == digest and _exists(page_type, listing.translation_key):
            Listing.objects.filter(pk=listing.pk).update(last_seen=now, gone_since=None)
            self.run.unchanged += 1
            return
        try:
            with transaction.atomic():
                listing = listing or Listing(source=self.source, ref=record.ref, entry_type=page_type)
                listing.last_seen, listing.gone_since = now, None
                key = listing.translation_key if _exists(page_type, listing.translation_key) else None
                key = key or self._match(page_type, record, listing)
                if key is False:  # a possible match waits for a moderator
                    listing.digest = ""
                    listing.save()
                    self.run.possible_matches += 1
                    return
                outcome = self._write(page_type, record, key)
                listing.translation_key, listing.digest = key, digest
                listing.save()
        except (EntryError, ValueError, TypeError) as error:
            self._failed(record.ref, str(error))
            return
        if outcome:
            setattr(self.run, outcome, getattr(self.run, outcome) + 1)
        for note in record.notes:
            self.problems.append({"ref": record.ref, "note": note})

    def _match(self, page_type, record, listing):
        """The translation key of the entry this record describes; a new key when none; False when a
        name only looks like an existing entry's (a possible match for a moderator, never merged)."""
        model = MODELS[page_type]
        wanted = entries.identity(record)
        if wanted:
            for row in model.objects.values("translation_key", "website", *_repository(model)):
                if any(
                    wanted == prefix + addresses.key(row.get(field) or "")
                    for field, prefix in (("source_code_url", "repository:"), ("website", "website:"))
                    if field in row
                ):
                    return row["translation_key"]
        decided = {
            match.candidate_key: match.decision
            for match in PossibleMatch.objects.filter(listing__pk=listing.pk)
        }
        confirmed = [key for key, decision in decided.items() if decision == PossibleMatch.Decision.SAME]
        if confirmed:
            return confirmed[0]
        names = [*record.names.values(), *getattr(record, "aliases", [])]
        candidates = {
            page.translation_key
            for name in dict.fromkeys(names)
            if name
            for page in likely_duplicates(model, name, record.website)
        } - set(decided)
        if any(decision == PossibleMatch.Decision.OPEN for decision in decided.values()):
            return False
        if candidates:
            listing.save()
            for candidate in candidates:
                PossibleMatch.objects.create(
                    listing=listing, candidate_key=candidate, reason="a similar name or the same website"
                )
            return False
        return entries.new_key(page_type, record, self.source)

    def _write(self, page_type, record, key):
        """Create or update every language version; returns "created", "updated" or "unchanged"."""
        model = MODELS[page_type]
        trusted = self.source.trust == Trust.PUBLISH_NEW
        outcomes = []
        links = self._organisation_links(record) if page_type == "tool" else None
        for language in entries.languages_of(record, self.source):
            notes = []
            fields = (
                entries.tool_fields(record, language, self.source, notes)
                if page_type == "tool"
                else entries.organisation_fields(record, language, self.source, notes)
            )
            if links is not None:
                fields["organisation_links"] = links
            existing = model.objects.filter(translation_key=key, locale__language_code=language).first()
            if existing is None:
                if not fields["title"]:
                    raise EntryError("no name in any language")
                fields["slug"] = entries.slug_for(fields["title"], page_type)
                if page_type == "organisation":
                    fields.update(entries.new_organisation_fields(record))
            else:
                fields = self._unedited(existing, key, language, fields, record.ref)
            data = {"type": page_type, "language": language, "translation_key": str(key), **fields}
            # a trusted source publishes at once, unless someone's change waits for a moderator: the
            # revision would carry it live with the source's
            publish = trusted and (existing is None or not existing.has_unpublished_changes)
            outcome = import_record(data, user=self.user, publish=publish, moderate=not publish)
            outcomes.append(outcome)
            if outcome != "unchanged":
                self._remember(key, language, fields)
            for note in notes:
                record.notes.append(note)
        if "created" in outcomes:
            return "created"
        return "updated" if "updated" in outcomes else "unchanged"

    def _unedited(self, existing, key, language, fields, ref):
        """The fields the harvest may write: not those an editor changed since this source gave them
        (or wrote before any harvest); their source value is proposed in the run's report instead."""
        current = page_record(existing.get_latest_revision_as_object())
        given = {
            row.field: row.value
            for row in Provenance.objects.filter(translation_key=key, language=language, source=self.source)
        }
        kept = {}
        for name, value in fields.items():
            now = current.get(name)
            if same_value(now, value):
                kept[name] = value
            elif name in given and same_value(now, given[name]):
                kept[name] = value  # still what this source gave last time: nobody edited it
            elif name not in given and now in (None, "", []):
                kept[name] = value  # empty until now: filling it overwrites nobody
            else:
                kept[name] = now
                self.problems.append(
                    {
                        "ref": ref,
                        "language": language,
                        "field": name,
                        "proposed": value,
                        "kept": "edited by hand",
                    }
                )
        return kept

    def _remember(self, key, language, fields):
        now = timezone.now()
        for name, value in fields.items():
            if name in ("slug", "kind"):
                continue
            Provenance.objects.update_or_create(
                translation_key=key,
                language=language,
                field=name,
                source=self.source,
                defaults={"value": value, "harvested_at": now},
            )

    def _organisation_links(self, record):
        links = []
        for role, organisation in record.organisations:
            if not organisation.names:
                continue
            normalise.record(organisation)
            listing, _ = Listing.objects.get_or_create(
                source=self.source,
                ref=f"organisation:{organisation.ref}",
                defaults={"entry_type": "organisation", "last_seen": timezone.now()},
            )
            Listing.objects.filter(pk=listing.pk).update(last_seen=timezone.now(), gone_since=None)
            known = listing.translation_key if _exists("organisation", listing.translation_key) else None
            key = known or self._match("organisation", organisation, listing)
            if key is False:
                continue  # waits for a moderator: the link is made on a later harvest
            self._write("organisation", organisation, key)
            Listing.objects.filter(pk=listing.pk).update(translation_key=key)
            if str(key) not in [link["organisation"] for link in links]:
                links.append({"organisation": str(key), "role": role})
        return links

    def _flag_gone(self):
        """Entries this source no longer lists are flagged for moderators, never unpublished."""
        gone = Listing.objects.filter(source=self.source, last_seen__lt=self.started, gone_since__isnull=True)
        self.run.flagged = gone.update(gone_since=timezone.now())


def _repository(model):
    return ["source_code_url"] if model is ToolPage else []


def _exists(page_type, key):
    return bool(key) and MODELS[page_type].objects.filter(translation_key=key).exists()
