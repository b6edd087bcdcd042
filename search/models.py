"""The database search index of the catalogue, and the engine updates still to send.

``SearchDocument`` is our own table rather than Wagtail's ``IndexEntry``: the database search
backends share one ``IndexEntry`` per object (wagtail issue 9253), which cannot hold a per-language
analysis. Wagtail's default backend keeps serving the admin search; this table serves visitors.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=8, db_index=True)
    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=255)
    title_folded = models.CharField(max_length=255, db_index=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    translation_key = models.CharField(max_length=36, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # when the page first entered the catalogue: the "newest" sort
    first_published_at = models.DateTimeField(null=True, blank=True)
    # facet values as space-delimited "name:value" keys (" kind:tool country:FR "): one column that
    # filters (a GIN index over its words on PostgreSQL) and counts without a join
    facet_keys = models.TextField(blank=True)
    # PostgreSQL: weighted tsvector built with the row's own language configuration.
    search_vector = SearchVectorField(null=True, blank=True)
    # PostgreSQL: title (A) and summary (B) only; small enough to rank many matches quickly
    rank_vector = SearchVectorField(null=True, blank=True)
    # SQLite: terms analysed in Python (see search.analysis), space-delimited.
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"{self.title} ({self.language})"


class PendingIndexUpdate(models.Model):
    """A page whose OpenSearch/Elasticsearch update is still to send: queued by a change, or failed and
    kept for ``search_catch_up``; sent from the page's current state."""

    # not a foreign key: a deleted page still has to be removed from the index
    page_id = models.PositiveIntegerField(unique=True)
    language = models.CharField(max_length=8)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=1)
    first_failed_at = models.DateTimeField(auto_now_add=True)
    last_failed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pending search index update")
        verbose_name_plural = _("pending search index updates")
        ordering = ["first_failed_at"]

    def __str__(self):
        return f"page {self.page_id} ({self.language})"


class IndexRebuild(models.Model):
    """``update_index`` is rebuilding the engine's indices: queued updates sent meanwhile are kept, to
    be sent again to the new indices once they are swapped in (they may be newer than what it read)."""

    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("search index rebuild")
        verbose_name_plural = _("search index rebuilds")

    def __str__(self):
        return f"rebuild started {self.started_at:%Y-%m-%d %H:%M}"
