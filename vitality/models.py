"""What the checks found, kept per address (one check serves every page naming it) and per page.

Nothing here is an editor's content: a check never writes to a page, its revisions or its status.
The tool's vitality is derived from these rows (``vitality.scoring``) and shown beside the page.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    ANSWERS = "answers", _("answers")
    FAILS = "fails", _("fails")
    UNKNOWN = "unknown", _("could not check")


class Address(models.Model):
    """An external address named by public pages, and its last check."""

    url = models.CharField(max_length=2000, unique=True)
    host = models.CharField(max_length=300, db_index=True)
    checked_at = models.DateTimeField(null=True, blank=True, db_index=True)
    state = models.CharField(max_length=10, choices=State.choices, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)  # the last HTTP status answered
    reason = models.CharField(max_length=40, blank=True)  # a code (``probe.REASONS``), never free text
    final_url = models.CharField(max_length=2000, blank=True)  # after redirects
    redirects = models.PositiveSmallIntegerField(default=0)
    elapsed_ms = models.PositiveIntegerField(null=True, blank=True)  # time to answer
    failing_since = models.DateTimeField(null=True, blank=True)  # first failure of the current streak
    not_before = models.DateTimeField(null=True, blank=True)  # a server asked us to come back later
    # a repository's facts, from its forge's API (``vitality.forges``): None when it is no repository
    # or its forge could not be asked
    forge = models.CharField(max_length=20, blank=True)
    repository = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("checked address")
        verbose_name_plural = _("checked addresses")

    def __str__(self):
        return self.url


class PageAddress(models.Model):
    """A public page names an address, in one of its fields (``website``, ``description``…)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    address = models.ForeignKey(Address, on_delete=models.CASCADE, related_name="pages")
    field = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "address", "field"], name="vitality_page_address_unique")
        ]

    def __str__(self):
        return f"{self.page_id}: {self.field} → {self.address_id}"


class Band(models.TextChoices):
    ACTIVE = "active", _("Active")
    LIKELY_ACTIVE = "likely-active", _("Likely active")
    POSSIBLY_INACTIVE = "possibly-inactive", _("Possibly inactive")
    INACTIVE = "inactive", _("Inactive")
    UNKNOWN = "unknown", _("Unknown")


class Vitality(models.Model):
    """A tool page's vitality: its score, band and the facts it was computed from (language-neutral:
    the explanation is written in the reader's language when shown)."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # 0 to 100; None: unknown
    band = models.CharField(max_length=20, choices=Band.choices, default=Band.UNKNOWN, db_index=True)
    facts = models.JSONField(default=dict)
    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("vitality")
        verbose_name_plural = _("vitalities")

    def __str__(self):
        return f"{self.page_id}: {self.band} ({self.score})"


class VitalityPoint(models.Model):
    """A tool's vitality on one day: its history page draws them."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=20, choices=Band.choices)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="vitality_point_unique")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.score}"


class Attention(models.Model):
    """Something a check found that an editor should look at, with its evidence and since when.

    A moderator or editor may dismiss it with a reason: it stays dismissed while the evidence is the
    same (``evidence_key``), and comes back when it changes."""

    class Kind(models.TextChoices):
        WEBSITE_FAILS = "website-fails", _("Website fails")
        REPOSITORY_ARCHIVED = "repository-archived", _("Repository archived")
        REPOSITORY_SILENT = "repository-silent", _("Repository silent")
        BROKEN_LINKS = "broken-links", _("Broken links")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    evidence = models.JSONField(default=dict)
    evidence_key = models.CharField(max_length=64)
    since = models.DateTimeField()
    active = models.BooleanField(default=True)  # False: the evidence is gone (kept for its dismissal)
    dismissed_key = models.CharField(max_length=64, blank=True)
    dismissed_reason = models.TextField(blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("item needing attention")
        verbose_name_plural = _("items needing attention")
        constraints = [models.UniqueConstraint(fields=["page", "kind"], name="vitality_attention_unique")]

    def __str__(self):
        return f"{self.page_id}: {self.kind}"

    @property
    def dismissed(self):
        return bool(self.dismissed_key) and self.dismissed_key == self.evidence_key


class CheckRun(models.Model):
    """One run of the checks. A run that did not finish (stopped, killed) is resumed by the next one:
    it checks only the addresses not checked since the run started."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # the process running it says it is alive: another run waits rather than ask the same hosts twice
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    is_open = models.BooleanField(default=True)  # not finished, nor abandoned: at most one is
    total = models.PositiveIntegerField(default=0)
    checked = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    unknown = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        constraints = [
            models.UniqueConstraint(
                fields=["is_open"], condition=models.Q(is_open=True), name="vitality_one_open_run"
            )
        ]

    def __str__(self):
        return f"checks of {self.started_at:%Y-%m-%d %H:%M}"
