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
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import addresses
from opendata.duplicates import likely_duplicates
from opendata.importer import EntryError, import_record, same_value
from opendata.schema import record as page_record
from pages.tools import ToolPage

from . import entries, normalise
from .documents import DocumentError
from .fetch import FetchError, fetch
from .models import Listing, PossibleMatch, Proposal, Provenance, Run, Source, Trust
from .records import HarvestedOrganisation, RecordError

MODELS = entries.HARVESTED


def source_account(source):
    """The source's own (inactive) account: the author of its revisions in histories and reviews."""
    user, _ = get_user_model().objects.get_or_create(
        username=f"source-{source.pk}", defaults={"first_name": source.name[:150], "is_active": False}
    )
    return user


def fetch_documents(source, kind, fetcher=fetch):
    """``({address: bytes, or None when unchanged since last time}, validators, whether any changed,
    [problems])``. The source's own documents must all be fetched (``FetchError`` otherwise); an extra
    document (``Kind.extra``) that cannot be is left out, and said in the problems."""
    documents, validators, changed, problems = {}, dict(source.validators or {}), False, []
    addresses_ = list(kind.documents(source.address))
    required = len(addresses_)
    position = 0
    while position < len(addresses_):
        address = addresses_[position]
        known = validators.get(address) or {}
        try:
            fetched = fetcher(
                address, etag=known.get("etag", ""), last_modified=known.get("last_modified", "")
            )
        except FetchError as error:
            if position < required:
                raise
            problems.append({"ref": address, "note": str(error)})
            position += 1
            continue
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
    return documents, validators, changed, problems


# a run older than this that never ended died with its process: it no longer blocks the next one
STALE_RUN = timedelta(hours=6)


def harvest(source, *, progress=None, force=False, fetcher=fetch, trust=None, first_load=False):
    """Harvest ``source`` once; returns its ``Run`` with the counts and the problems per record.

    ``progress``: called with the number of records once they are read; returns what to call after
    each record. ``force``: read and apply even when the source says nothing changed. ``fetcher``:
    what fetches a document (``fetch.fetch``; the snapshots of ``first_load`` read files instead).
    ``trust``: this run's, instead of the source's. ``first_load``: publish what the run creates,
    never its changes to entries that existed (``harvest.first_load``)."""
    with transaction.atomic():
        # one run of a source at a time ("Run now" twice, cron meanwhile): the source's row is the lock
        Source.objects.select_for_update().filter(pk=source.pk).first()
        running = source.runs.filter(
            outcome=Run.Outcome.RUNNING, started_at__gt=timezone.now() - STALE_RUN
        ).first()
        previous = source.last_run
        run = Run.objects.create(source=source)
    if running is not None:
        run.outcome = Run.Outcome.FAILED
        run.error = str(
            _("A harvest of this source is already running (started %(started)s).")
            % {"started": running.started_at.strftime("%Y-%m-%d %H:%M")}
        )
        run.finished_at = timezone.now()
        run.save()
        return run
    try:
        return _harvest(source, run, previous, progress, force, fetcher, trust, first_load)
    except Exception as error:
        # whatever went wrong, the run says so and ends: it never stays "running"
        run.refresh_from_db()
        run.outcome, run.finished_at = Run.Outcome.FAILED, timezone.now()
        run.error = f"{type(error).__name__}: {error}"[:2000]
        run.save()
        raise


def _harvest(source, run, previous, progress, force, fetcher, trust, first_load):
    kind = source.get_kind()
    # a moderator decided a possible match since the last run: every record is read and applied again,
    # even those the source did not change (a confirmed organisation is linked from its tools' records)
    recheck = previous is not None and (
        PossibleMatch.objects.filter(listing__source=source, decided_at__gte=previous.started_at).exists()
    )
    force = force or recheck
    try:
        documents, validators, changed, missing = fetch_documents(source, kind, fetcher)
        if not changed and not force:
            run.outcome = Run.Outcome.UNCHANGED
        else:
            if any(body is None for body in documents.values()):
                # a document unchanged since last time is needed again to read the others with it
                documents, validators, _changed, missing = fetch_documents(
                    _without_validators(source), kind, fetcher
                )
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
    work = Harvest(source, run, recheck=recheck, trust=trust, first_load=first_load)
    work.problems += missing
    work.apply_all(records, progress=progress(len(records)) if progress else None)
    source.validators = validators
    source.save(update_fields=["validators"])
    return run


def _without_validators(source):
    source.validators = {}
    return source


class Harvest:
    def __init__(self, source, run, *, recheck=False, trust=None, first_load=False):
        self.source = source
        self.recheck = recheck
        self.trusted = (trust or source.trust) == Trust.PUBLISH_NEW
        self.first_load = first_load
        self._refs = set()  # the refs read in this run: a source listing one twice is refused the second time
        self.run = run
        self.user = source_account(source)
        self.started = run.started_at
        self.problems = []
        # read once per run, kept current as the run writes: a record costs no scan of the catalogue
        self._listings = None  # ref → Listing of this source
        self._keys = {}  # page type → the translation keys of its entries
        self._identities = {}  # page type → {identity (entries.identity): translation key}
        self._wikidata = {}  # page type → {Wikidata id: translation key}
        self._seen = []  # the listings of unchanged records, marked seen at the end in one update

    def apply_all(self, records, progress=None):
        for item in records:
            if isinstance(item, RecordError):
                self._failed(item.ref, item.message)
            else:
                self._apply_one(item)
            if progress:
                progress()
        self._mark_seen()
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
        if _ours(record.origin):
            # federation: an entry first written here, harvested back from another instance
            self.run.unchanged += 1
            return
        if record.ref in self._refs:
            self._failed(record.ref, "listed twice by the source: only its first record is read")
            return
        self._refs.add(record.ref)
        digest = hashlib.sha256(json.dumps(asdict(record), sort_keys=True, default=str).encode()).hexdigest()
        listing = self._listing(record.ref)
        now = timezone.now()
        if listing and listing.translation_key and not self._exists(page_type, listing.translation_key):
            # its entry was deleted (by a moderator): never created again by a harvest
            self._seen.append(listing.pk)
            self.run.unchanged += 1
            return
        if (
            not self.recheck
            and listing
            and listing.digest == digest
            and self._exists(page_type, listing.translation_key)
        ):
            self._seen.append(listing.pk)
            self.run.unchanged += 1
            return
        try:
            with transaction.atomic():
                listing = listing or Listing(source=self.source, ref=record.ref, entry_type=page_type)
                listing.last_seen, listing.gone_since = now, None
                listing.wikidata = record.wikidata or ""
                listing.release_date = getattr(record, "release_date", None)
                listing.release_version = getattr(record, "release_version", "")
                key = listing.translation_key if self._exists(page_type, listing.translation_key) else None
                key = key or self._match(page_type, record, listing)
                if key is False:  # a possible match waits for a moderator
                    listing.digest = ""
                    listing.save()
                    self._listings[record.ref] = listing
                    self.run.possible_matches += 1
                    return
                outcome = self._write(page_type, record, key)
                if outcome == "created":
                    # federation: the instance where the entry was first written, when this record
                    # created it here (a record matched onto an entry of ours never says it came from
                    # elsewhere)
                    listing.origin = (record.origin or "")[:500]
                listing.translation_key, listing.digest = key, digest
                listing.save()
        except (EntryError, ValueError, TypeError, ValidationError, DatabaseError) as error:
            # a value the catalogue cannot hold (too long, a NUL…), or refused by a page's checks:
            # this record fails, with the reason; it is still listed, so never flagged as gone
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self._failed(record.ref, message[:1000])
            if listing is not None and listing.pk and Listing.objects.filter(pk=listing.pk).exists():
                self._seen.append(listing.pk)
            return
        self._written(page_type, record, key)
        self._listings[record.ref] = listing
        if outcome:
            setattr(self.run, outcome, getattr(self.run, outcome) + 1)
        for note in record.notes:
            self.problems.append({"ref": record.ref, "note": note})

    def _match(self, page_type, record, listing):
        """The translation key of the entry this record describes; a new key when none; False when a
        name only looks like an existing entry's (a possible match for a moderator, never merged)."""
        model = MODELS[page_type]
        wanted = entries.identity(record)
        if wanted and wanted in self._identities_of(page_type):
            return self._identities[page_type][wanted]
        # then a stable identifier: the entry another record with the same Wikidata id became
        known = self._wikidata_of(page_type).get(record.wikidata) if record.wikidata else None
        if known and self._exists(page_type, known):
            return known
        decided = (
            {match.candidate_key: match.decision for match in PossibleMatch.objects.filter(listing=listing)}
            if listing.pk
            else {}
        )
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
                    listing=listing,
                    candidate_key=candidate,
                    reason="a similar name or the same website",
                    record_name=next((name for name in names if name), "")[:300],
                    record_website=(record.website or "")[:500],
                )
            return False
        return entries.new_key(page_type, record, self.source)

    def _write(self, page_type, record, key):
        """Create or update every language version; returns "created", "updated" or "unchanged"."""
        model = MODELS[page_type]
        outcomes = []
        # an entry a moderator unpublished (in any language) is published again by nobody but a moderator
        blocked = model.objects.filter(
            translation_key=key, live=False, first_published_at__isnull=False
        ).exists()
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
                fields["slug"] = _free_slug(model, language, entries.slug_for(fields["title"], page_type))
                if page_type == "organisation":
                    fields.update(entries.new_organisation_fields(record))
            edited = set()
            if existing is not None:
                fields, edited = self._unedited(page_type, existing, key, language, fields, record.ref)
            data = {"type": page_type, "language": language, "translation_key": str(key), **fields}
            # a trusted source publishes at once, unless someone's change waits for a moderator (the
            # revision would carry it live with the source's), or a moderator unpublished the entry in
            # another language; the first load publishes only what it creates
            publish = (
                self.trusted
                and not blocked
                and (existing is None or (not self.first_load and not existing.has_unpublished_changes))
            )
            # the duplicates were looked for by ``_match``, and a moderator may have said "different"
            outcome = import_record(
                data, user=self.user, publish=publish, moderate=not publish, check_duplicates=False
            )
            outcomes.append(outcome)
            if outcome != "unchanged":
                # the fields this source gave (not those kept as an editor wrote them)
                self._remember(
                    key,
                    language,
                    {name: value for name, value in fields.items() if name not in edited},
                    publish,
                )
            for note in notes:
                record.notes.append(note)
        if "created" in outcomes:
            return "created"
        return "updated" if "updated" in outcomes else "unchanged"

    def _unedited(self, page_type, existing, key, language, fields, ref):
        """The fields the harvest may write: not those an editor changed since this source gave them
        (or wrote before any harvest); their source value is proposed to moderators instead (a
        ``Proposal``, and a line of the run's report)."""
        current = page_record(existing.get_latest_revision_as_object())
        given = {
            row.field: row.value
            for row in Provenance.objects.filter(translation_key=key, language=language, source=self.source)
        }
        kept, edited = {}, set()
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
                edited.add(name)
                if self._propose(page_type, key, language, name, value):
                    self.problems.append(
                        {
                            "ref": ref,
                            "language": language,
                            "field": name,
                            "proposed": value,
                            "kept": "edited by hand",
                        }
                    )
        # a proposal the entry caught up with (the source now gives what the page says) has no object
        Proposal.objects.filter(
            source=self.source, translation_key=key, language=language, decision=Proposal.Decision.OPEN
        ).exclude(field__in=edited).delete()
        return kept, edited

    def _propose(self, page_type, key, language, name, value):
        """Leave the source's ``value`` of a hand-edited field for a moderator; False when a moderator
        already declined that very value."""
        proposal = Proposal.objects.filter(
            source=self.source, translation_key=key, language=language, field=name
        ).first()
        if proposal and proposal.decision == Proposal.Decision.DECLINED and same_value(proposal.value, value):
            return False
        if proposal and proposal.decision == Proposal.Decision.OPEN and same_value(proposal.value, value):
            return True
        Proposal.objects.update_or_create(
            source=self.source,
            translation_key=key,
            language=language,
            field=name,
            defaults={
                "entry_type": page_type,
                "value": value,
                "proposed_at": timezone.now(),
                "decision": Proposal.Decision.OPEN,
                "decided_by": None,
                "decided_at": None,
            },
        )
        return True

    def _remember(self, key, language, fields, published):
        """Which field this source gave, with its value; ``published``: is it what visitors read (a
        value waiting for moderation is named publicly only once published: ``provenance``)."""
        now = timezone.now()
        for name, value in fields.items():
            if name in ("slug", "kind"):
                continue
            Provenance.objects.update_or_create(
                translation_key=key,
                language=language,
                field=name,
                source=self.source,
                defaults={"value": value, "harvested_at": now, "published": published},
            )

    def _organisation_links(self, record):
        links = []
        for role, organisation in record.organisations:
            if not organisation.names or _ours(organisation.origin):
                continue
            normalise.record(organisation)
            listing, _ = Listing.objects.get_or_create(
                source=self.source,
                ref=f"organisation:{organisation.ref}",
                defaults={"entry_type": "organisation", "last_seen": timezone.now()},
            )
            Listing.objects.filter(pk=listing.pk).update(last_seen=timezone.now(), gone_since=None)
            known = listing.translation_key if self._exists("organisation", listing.translation_key) else None
            key = known or self._match("organisation", organisation, listing)
            if key is False:
                continue  # waits for a moderator: the link is made on a later harvest
            self._write("organisation", organisation, key)
            self._written("organisation", organisation, key)
            Listing.objects.filter(pk=listing.pk).update(translation_key=key)
            if str(key) not in [link["organisation"] for link in links]:
                links.append({"organisation": str(key), "role": role})
        return links

    def _listing(self, ref):
        if self._listings is None:
            self._listings = {listing.ref: listing for listing in Listing.objects.filter(source=self.source)}
        return self._listings.get(ref)

    def _exists(self, page_type, key):
        if not key:
            return False
        if page_type not in self._keys:
            self._keys[page_type] = set(
                MODELS[page_type].objects.values_list("translation_key", flat=True).distinct()
            )
        return key in self._keys[page_type]

    def _identities_of(self, page_type):
        """{identity: translation key} of the catalogue's entries of ``page_type``: one query a run."""
        if page_type not in self._identities:
            model = MODELS[page_type]
            found = {}
            for row in model.objects.values("translation_key", "website", *_repository(model)).order_by("pk"):
                for field, prefix in (("source_code_url", "repository:"), ("website", "website:")):
                    if row.get(field):
                        found.setdefault(prefix + addresses.key(row[field]), row["translation_key"])
            self._identities[page_type] = found
        return self._identities[page_type]

    def _wikidata_of(self, page_type):
        """{Wikidata id: translation key} of the entries harvested records with that id became."""
        if page_type not in self._wikidata:
            rows = (
                Listing.objects.filter(entry_type=page_type, translation_key__isnull=False)
                .exclude(wikidata="")
                .order_by("pk")
                .values_list("wikidata", "translation_key")
            )
            self._wikidata[page_type] = {}
            for wikidata, key in rows:
                self._wikidata[page_type].setdefault(wikidata, key)
        return self._wikidata[page_type]

    def _written(self, page_type, record, key):
        """Remember an entry the run wrote, for the records after it."""
        self._exists(page_type, key)  # loaded before it is added to
        self._keys[page_type].add(key)
        if record.wikidata:
            self._wikidata_of(page_type).setdefault(record.wikidata, key)
        wanted = entries.identity(record)
        if wanted:
            self._identities_of(page_type).setdefault(wanted, key)

    def _mark_seen(self):
        now = timezone.now()
        for start in range(0, len(self._seen), 500):
            chunk = self._seen[start : start + 500]
            Listing.objects.filter(pk__in=chunk).update(last_seen=now, gone_since=None)
        self._seen = []

    def _flag_gone(self):
        """Entries this source no longer lists are flagged for moderators, never unpublished."""
        # an organisation a tool names is no listing of its own: it goes with its tools
        gone = Listing.objects.filter(
            source=self.source, last_seen__lt=self.started, gone_since__isnull=True
        ).exclude(ref__startswith="organisation:")
        self.run.flagged = gone.update(gone_since=timezone.now(), gone_kept=False)


def _free_slug(model, language, slug):
    """``slug``, or ``slug-2``, ``slug-3``…: two entries of a type may share a name ("a different
    entry", a moderator said), never an address."""
    taken = set(
        model.objects.filter(locale__language_code=language, slug__startswith=slug).values_list(
            "slug", flat=True
        )
    )
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = slug[: 50 - len(suffix)] + suffix
    return candidate


def _ours(origin):
    """Whether ``origin`` (an instance's address) is this site's."""
    return bool(origin and settings.SITE_URL) and addresses.key(origin) == addresses.key(settings.SITE_URL)


def _repository(model):
    return ["source_code_url"] if model is ToolPage else []
