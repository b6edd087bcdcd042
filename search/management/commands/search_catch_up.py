"""``manage.py search_catch_up``: replay the Elasticsearch updates that failed while it was down."""

from django.core.management.base import BaseCommand, CommandError

from cms.progress import Progress
from search import indexing
from search.engines import elasticsearch as es
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = "Send Elasticsearch the page updates it missed (recorded when it could not be reached)."

    def handle(self, **options):
        if not es.is_configured():
            raise CommandError("ELASTICSEARCH_URL is not set: there is no Elasticsearch to catch up.")
        total = PendingIndexUpdate.objects.count()
        if not total:
            self.stdout.write("Nothing to catch up: Elasticsearch has every update.")
            return
        progress = Progress(self.stdout, total, "Catching up")
        replayed, failed = indexing.catch_up(progress=lambda done, _total: progress.advance())
        progress.finish()
        message = f"{replayed} update(s) replayed, {failed} still failing."
        if failed:
            raise CommandError(message + " Is Elasticsearch reachable? Run this command again later.")
        self.stdout.write(self.style.SUCCESS(message))
