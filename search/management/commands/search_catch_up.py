"""``manage.py search_catch_up``: send the engine the page updates still queued (missed while it was
down or slow, or left for this command by ``SEARCH_INDEX_WORKER=queue``)."""

from django.core.management.base import BaseCommand, CommandError

from core.progress import Progress
from search import engines, indexing
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = "Send OpenSearch or Elasticsearch the queued page updates (those it has not received yet)."

    def handle(self, **options):
        engine = engines.configured()
        if engine is None:
            raise CommandError(
                "Neither OPENSEARCH_URL nor ELASTICSEARCH_URL is set: there is no search engine to catch up."
            )
        total = PendingIndexUpdate.objects.count()
        if not total:
            self.stdout.write(f"Nothing to catch up: {engine.name} has every update.")
            return
        progress = Progress(self.stdout, total, "Catching up")
        replayed, failed = indexing.catch_up(
            progress=lambda done, _total: progress.advance(done - progress.done)
        )
        progress.finish()
        message = f"{replayed} update(s) sent, {failed} still failing."
        if failed:
            raise CommandError(message + f" Is {engine.name} reachable? Run this command again later.")
        self.stdout.write(self.style.SUCCESS(message))
