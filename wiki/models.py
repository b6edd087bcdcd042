"""Applications to become a contributor: new accounts wait for a moderator's approval."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributorApplication(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Declined")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributor_application"
    )
    motivation = models.TextField(_("what you would like to contribute"), blank=True, max_length=2000)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("applied on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contributor application")
        verbose_name_plural = _("contributor applications")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.user} ({self.status})"


class Watch(models.Model):
    """A signed-in user follows a page, or the pages naming a taxonomy term in one language.

    A term is named by its kind (``Term.term_kind``: category, topic…) and its slug, the same in
    every language, so a watch outlives the term's renaming and its translations.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    term_kind = models.CharField(_("kind of term"), max_length=40, blank=True)
    term = models.CharField(_("term"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page"], condition=models.Q(page__isnull=False), name="one_watch_per_page"
            ),
            models.UniqueConstraint(
                fields=["user", "term_kind", "term", "language"],
                condition=models.Q(page__isnull=True),
                name="one_watch_per_term",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(page__isnull=False, term="", term_kind="")
                    | models.Q(page__isnull=True) & ~models.Q(term="") & ~models.Q(term_kind="")
                ),
                name="watch_page_or_term",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.page_id or f'{self.term_kind}:{self.term}'}"
