from django.core.management.base import BaseCommand

from cms.catalogues import catalogue_paths, compile_catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po into .mo files (pure Python, no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Recompile even up-to-date catalogues.")

    def handle(self, *args, force=False, **options):
        written = compile_catalogues(force=force)
        for path in written:
            self.stdout.write(f"  compiled {path}")
        total = len(list(catalogue_paths()))
        self.stdout.write(
            self.style.SUCCESS(f"{len(written)} of {total} catalogues compiled, the rest were up to date.")
        )
