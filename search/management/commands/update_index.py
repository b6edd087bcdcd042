"""``manage.py update_index``: Wagtail's rebuild of the admin search, then of the catalogue search.

This command replaces Wagtail's own (the ``search`` app is listed before ``wagtail.search``): it
runs it for the admin backend, then rebuilds the visitors' index — the database documents, and with
``OPENSEARCH_URL`` or ``ELASTICSEARCH_URL`` each language's index on that engine (built beside the live
one and swapped in through an alias, so searches keep working during the rebuild).
"""

from django.core.management.base import CommandError
from modelsearch.conf import get_app_config
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from core.progress import Progress
from search import rebuild


class Command(WagtailUpdateIndex):
    help = "Rebuild the admin search index and the catalogue search indices, with progress."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--catalogue-only",
            action="store_true",
            help="Only rebuild the visitors' catalogue search (not Wagtail's admin index).",
        )

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        if not options["catalogue_only"]:
            wagtail_backends = [
                name
                for name in get_app_config().get_search_backend_config()
                if not name.startswith("catalogue_")
            ]
            for name in [options["backend_name"]] if options["backend_name"] else wagtail_backends:
                if not name.startswith("catalogue_"):
                    self.update_backend(
                        name, schema_only=options["schema_only"], chunk_size=options["chunk_size"]
                    )
        progress = Progress(self.stdout, rebuild.count(), "Catalogue search") if self.verbosity else None
        summary = rebuild.rebuild(progress=progress.advance if progress else None)
        if progress:
            progress.finish()
        if summary["engine_error"]:
            # the database search was rebuilt, but the site's configured engine was not: say so, and fail
            raise CommandError(rebuild.describe(summary))
        if progress:
            self.stdout.write(self.style.SUCCESS(rebuild.describe(summary)))
