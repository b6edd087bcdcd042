"""What contributors say about the catalogue: endorsements ("we use it"), arguments, votes, reports.

Endorsements and arguments are about a page in every language: they name the page they were
written on, and are read through its ``translation_key`` (``subject_key``), so a French argument
is shown on the English page too, labelled with its language.

One vote per person and item is the database's rule (the unique constraints below), not a check in
a view: two clicks at once cannot make two votes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin

TITLE_LENGTH = 120
TEXT_LENGTH = 2000
CONTEXT_LENGTH = 500
REASON_LENGTH = 1000


class Stance(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")


class Membership(models.Model):
    """A person may speak for an organisation: recorded by a moderator (admin, "Organisation members")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "pages.OrganisationPage", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("added on"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership")]

    def __str__(self):
        return f"{self.user} · {self.organisation}"


class EndorsementQuerySet(models.QuerySet):
    def standing(self):
        """The one definition of a standing endorsement: approved by a moderator (live), neither
        withdrawn by its author nor hidden by a moderator. ``Endorsement.is_standing`` is the same rule
        for one row; whether visitors may see its organisation is ``counts.organisation_shown``."""
        return self.filter(live=True, withdrawn_at__isnull=True, hidden_at__isnull=True)


class Endorsement(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """An organisation (or a person) says it uses a tool. Live once a moderator approved it."""

    tool = models.ForeignKey(
        "pages.ToolPage", verbose_name=_("tool"), on_delete=models.CASCADE, related_name="endorsements"
    )
    subject_key = models.UUIDField(db_index=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    organisation = models.ForeignKey(
        "pages.OrganisationPage",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="endorsements",
        help_text=_("Empty when the person speaks for themselves."),
    )
    organisation_key = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    since_year = models.PositiveSmallIntegerField(_("in use since (year)"), null=True, blank=True)
    context = models.TextField(_("what it is used for"), blank=True, max_length=CONTEXT_LENGTH)
    use_case = models.ForeignKey(
        "pages.UseCasePage",
        verbose_name=_("use case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("declared on"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden by a moderator on"), null=True, blank=True)

    # written from the site by contributors: their draft is theirs to save and withdraw, and only a
    # moderator makes it live (moderation/publishing.py)
    drafted_by_contributors = True
    withdrawal_fields = ("withdrawn_at",)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-created_at"]
        constraints = [
            # one standing declaration per tool and organisation (or person), whatever the language
            models.UniqueConstraint(
                fields=["subject_key", "organisation_key"],
                condition=models.Q(withdrawn_at__isnull=True, organisation_key__isnull=False),
                name="one_endorsement_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["subject_key", "author"],
                condition=models.Q(withdrawn_at__isnull=True, organisation_key__isnull=True),
                name="one_personal_endorsement",
            ),
        ]

    def __str__(self):
        who = self.organisation.title if self.organisation_id else self.author.get_full_name() or self.author
        return f"{who} → {self.tool.title}"

    def save(self, *args, **kwargs):
        if self.tool_id and not self.subject_key:
            self.subject_key = self.tool.translation_key
        self.organisation_key = self.organisation.translation_key if self.organisation_id else None
        super().save(*args, **kwargs)

    @property
    def is_standing(self):
        """``EndorsementQuerySet.standing`` for this row."""
        return self.live and self.withdrawn_at is None and self.hidden_at is None


class Argument(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("Waiting for a moderator")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by a moderator")
        WITHDRAWN = "withdrawn", _("Withdrawn by its author")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    subject_key = models.UUIDField(db_index=True, editable=False)
    criterion = models.ForeignKey(
        "snippets.TechnicalCriterion",
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("answers"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    text = models.TextField(_("text"), max_length=TEXT_LENGTH)
    language = models.CharField(_("language"), max_length=8)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="arguments"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_at = models.DateTimeField(_("written on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("argument")
        verbose_name_plural = _("arguments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["subject_key", "status"], name="argument_subject_status")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.page_id and not self.subject_key:
            self.subject_key = self.page.translation_key
        super().save(*args, **kwargs)


class Vote(models.Model):
    class Value(models.IntegerChoices):
        UP = 1, "+1"
        DOWN = -1, "−1"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_votes"
    )
    argument = models.ForeignKey(
        Argument, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    endorsement = models.ForeignKey(
        Endorsement, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    value = models.SmallIntegerField(choices=Value.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "argument"],
                condition=models.Q(argument__isnull=False),
                name="one_vote_per_argument",
            ),
            models.UniqueConstraint(
                fields=["user", "endorsement"],
                condition=models.Q(endorsement__isnull=False),
                name="one_vote_per_endorsement",
            ),
            models.CheckConstraint(condition=models.Q(value__in=[1, -1]), name="vote_is_plus_or_minus_one"),
            models.CheckConstraint(
                condition=models.Q(argument__isnull=False, endorsement__isnull=True)
                | models.Q(argument__isnull=True, endorsement__isnull=False),
                name="vote_on_one_item",
            ),
        ]

    def __str__(self):
        return f"{self.get_value_display()} · {self.argument_id or self.endorsement_id}"


class Report(models.Model):
    class Outcome(models.TextChoices):
        OPEN = "", _("Waiting for a moderator")
        HIDDEN = "hidden", _("Hidden")
        KEPT = "kept", _("Kept")

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    argument = models.ForeignKey(
        Argument, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    endorsement = models.ForeignKey(
        Endorsement, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.TextField(_("why it should be hidden"), max_length=REASON_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OPEN, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "argument"],
                condition=models.Q(argument__isnull=False),
                name="one_report_per_argument",
            ),
            models.UniqueConstraint(
                fields=["reporter", "endorsement"],
                condition=models.Q(endorsement__isnull=False),
                name="one_report_per_endorsement",
            ),
            models.CheckConstraint(
                condition=models.Q(argument__isnull=False, endorsement__isnull=True)
                | models.Q(argument__isnull=True, endorsement__isnull=False),
                name="report_on_one_item",
            ),
        ]

    def __str__(self):
        return f"{self.argument or self.endorsement}: {self.reason[:60]}"


class CountedAction(models.Model):
    """One thing a person did (a vote, a changed or withdrawn vote, an argument, a report…), kept while a
    rate limit (``rules.counted``) counts it: limits count actions, not the rows that remain after them.

    Written in the action's transaction and removed by the person's next action once its window has
    passed, so the table holds about one window of each person's actions (no cron).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("counted action")
        verbose_name_plural = _("counted actions")
        indexes = [models.Index(fields=["user", "at"], name="counted_action_user_at")]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.at:%Y-%m-%d %H:%M:%S}"
