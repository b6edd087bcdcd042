"""What the harvest stores: the sources moderators manage, each run of a source, what each source
listed, where each field's value came from, and the possible matches waiting for a moderator."""

from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kinds


class Trust(models.TextChoices):
    MODERATE = "moderate", _("Every change goes to moderation")
    PUBLISH_NEW = "publish_new", _("New entries and unedited fields publish at once")


class Schedule(models.TextChoices):
    MANUAL = "manual", _("Only when run by hand")
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")


PERIODS = {
    Schedule.DAILY: timedelta(days=1),
    Schedule.WEEKLY: timedelta(days=7),
    Schedule.MONTHLY: timedelta(days=30),
}


def with_last_run(sources):
    """``sources`` with the start and outcome of their last run: the Sources screen in one query."""
    last = Run.objects.filter(source=models.OuterRef("pk")).order_by("-started_at")
    return sources.annotate(
        last_started=models.Subquery(last.values("started_at")[:1]),
        last_outcome=models.Subquery(last.values("outcome")[:1]),
    )


def due_sources(now=None):
    """The enabled sources whose schedule says a harvest is due (``manage.py harvest --due``)."""
    now = now or timezone.now()
    due = []
    for source in Source.objects.filter(enabled=True).exclude(schedule=Schedule.MANUAL):
        last = source.last_run
        if last is None or last.started_at <= now - PERIODS[source.schedule]:
            due.append(source)
    return due


def _kind_choices():
    return [(kind.name, kind.label) for kind in kinds.all_kinds()]


class Source(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=_kind_choices)
    address = models.URLField(_("address"), max_length=500)
    data_licence = models.CharField(
        _("licence of the data"),
        max_length=120,
        help_text=_("For example: Licence Ouverte 2.0, CC BY 4.0, Unlicense."),
    )
    attribution = models.TextField(
        _("attribution"), blank=True, help_text=_("Shown on every entry this source contributes to.")
    )
    language = models.CharField(
        _("language of its texts"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    schedule = models.CharField(
        _("schedule"), max_length=10, choices=Schedule.choices, default=Schedule.WEEKLY
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    trust = models.CharField(_("trust"), max_length=20, choices=Trust.choices, default=Trust.MODERATE)
    # what the source's server said last time, for conditional requests: {address: {"etag", "last_modified"}}
    validators = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind not in dict(_kind_choices()):
            raise ValidationError({"kind": _("Unknown kind of source.")})
        if urlsplit(self.address or "").username is not None:
            # the address is shown on the about page and in the records: no secret belongs in it
            raise ValidationError({"address": _("An address with a user name or a password is refused.")})

    @property
    def public_address(self):
        """The address as the about page and the records show it: without its query (a token, say)."""
        parts = urlsplit(self.address or "")
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))

    def get_kind(self):
        return kinds.get(self.kind)

    @property
    def last_run(self):
        return self.runs.first()

    @admin.display(description=_("last run"))
    def last_run_summary(self):
        if hasattr(self, "last_started"):  # annotated by the Sources screen (``with_last_run``)
            if self.last_started is None:
                return "—"
            outcome = Run.Outcome(self.last_outcome).label
            return f"{timezone.localtime(self.last_started):%Y-%m-%d %H:%M} · {outcome}"
        run = self.last_run
        if run is None:
            return "—"
        return f"{timezone.localtime(run.started_at):%Y-%m-%d %H:%M} · {run.get_outcome_display()}"


class Run(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        UNCHANGED = "unchanged", _("Nothing changed at the source")
        FAILED = "failed", _("Failed")

    source = models.ForeignKey(Source, related_name="runs", on_delete=models.CASCADE)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    error = models.TextField(blank=True)  # why the whole source failed
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    possible_matches = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    # per record: [{"ref": …, "message": …}] for the failed ones, and the notes left for editors
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("harvest run")
        verbose_name_plural = _("harvest runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"


class Listing(models.Model):
    """A record a source lists, and the catalogue entry it became (or matched)."""

    source = models.ForeignKey(Source, related_name="listings", on_delete=models.CASCADE)
    ref = models.CharField(max_length=300)
    entry_type = models.CharField(max_length=40)  # a page type's key (pages.registry)
    translation_key = models.UUIDField(null=True, blank=True, db_index=True)
    digest = models.CharField(max_length=64, blank=True)  # of the record as last read: unchanged → skipped
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()
    gone_since = models.DateTimeField(null=True, blank=True)  # no longer listed: flagged for moderators
    gone_kept = models.BooleanField(default=False)  # a moderator saw the flag and kept the entry
    # federation: the instance where the entry was first written, when the source is another toolbox
    origin = models.CharField(max_length=500, blank=True)
    wikidata = models.CharField(max_length=20, blank=True, db_index=True)  # "Q…", when the source gives it
    # the latest release the source states (publiccode.yml): one of the vitality checks' facts
    release_date = models.DateField(null=True, blank=True)
    release_version = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "ref"], name="harvest_listing_unique_ref")]

    def __str__(self):
        return f"{self.source}: {self.ref}"


class Provenance(models.Model):
    """Which source gave a field of an entry (in one language) its value, when, and what it was."""

    translation_key = models.UUIDField(db_index=True)
    language = models.CharField(max_length=10)
    field = models.CharField(max_length=60)
    source = models.ForeignKey(Source, related_name="provenance", on_delete=models.CASCADE)
    value = models.JSONField(null=True)  # as harvested: an editor's change is a value that differs from it
    harvested_at = models.DateTimeField()
    # the value is on the live page (published at once, or since by a moderator): only then do the
    # page, its records and the about page name the source (a draft's sources are no one's business)
    published = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language", "field", "source"], name="harvest_provenance_unique"
            )
        ]

    def __str__(self):
        return f"{self.field} ({self.language}) from {self.source}"


class PossibleMatch(models.Model):
    class Decision(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        SAME = "same", _("The same entry")
        DIFFERENT = "different", _("A different entry")

    listing = models.ForeignKey(Listing, related_name="possible_matches", on_delete=models.CASCADE)
    candidate_key = models.UUIDField()
    reason = models.CharField(max_length=200)
    # what the source says, for the moderator to compare with the candidate
    record_name = models.CharField(max_length=300, blank=True)
    record_website = models.CharField(max_length=500, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.OPEN)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.listing} ~ {self.candidate_key}"


class Proposal(models.Model):
    """A source's value for a field an editor changed by hand: the moderator takes it or keeps the
    editor's. Declined, the same value is not proposed again; a new value at the source is."""

    class Decision(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        ACCEPTED = "accepted", _("The source's value was taken")
        DECLINED = "declined", _("The current value was kept")

    source = models.ForeignKey(Source, related_name="proposals", on_delete=models.CASCADE)
    entry_type = models.CharField(max_length=40)
    translation_key = models.UUIDField(db_index=True)
    language = models.CharField(max_length=10)
    field = models.CharField(max_length=60)
    value = models.JSONField(null=True)
    proposed_at = models.DateTimeField()
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.OPEN)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language", "field", "source"], name="harvest_proposal_unique"
            )
        ]

    def __str__(self):
        return f"{self.field} ({self.language}) proposed by {self.source}"
