"""``manage.py export_catalogue --format csv|json --locale fr|en|es|all --output FILE [--type tool]``.

``--locale all`` (JSON) writes every language in one file: with the taxonomy it carries, the file
rebuilds the whole catalogue on an empty bootstrapped site (``import_catalogue --publish``).
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.progress import Progress
from opendata.exports import catalogue_pages, csv_stream, json_stream
from opendata.publiccode import NotExportable, tool_publiccode
from pages import registry


class Command(BaseCommand):
    help = "Write the live public catalogue of one language as CSV or JSON (streamed, with progress)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=["csv", "json", "publiccode"],
            default="json",
            help="publiccode: one <slug>.publiccode.yml per tool, in the --output folder",
        )
        parser.add_argument(
            "--locale",
            default=settings.LANGUAGE_CODE,
            help="a language code, or all (JSON: every language in one file, to rebuild a site)",
        )
        parser.add_argument("--type", choices=registry.keys(), help="one page type (default: all)")
        parser.add_argument("--output", default="-", help="file to write, or - for standard output")

    def handle(self, **options):
        language = options["locale"]
        codes = list(dict(settings.LANGUAGES))
        if language not in [*codes, "all"]:
            raise CommandError(f"Unknown locale {language!r}: choose one of {', '.join(codes)} or all.")
        if language == "all" and options["format"] != "json":
            raise CommandError("--locale all writes JSON only: a CSV has one language, its header's.")
        languages = codes if language == "all" else [language]
        if options["format"] == "publiccode":
            return self.export_publiccode(language, options["output"])
        types = [options["type"]] if options["type"] else registry.keys()
        total = sum(catalogue_pages(key, code).count() for key in types for code in languages)
        to_stdout = options["output"] == "-"
        progress = Progress(self.stderr, total, "Exporting")
        with translation.override(languages[0]):
            stream = (
                csv_stream(types, language) if options["format"] == "csv" else json_stream(types, languages)
            )
            try:
                out = sys.stdout if to_stdout else open(options["output"], "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from error
            try:
                for position, chunk in enumerate(stream):
                    out.write(chunk)
                    if position:  # the first piece is the header
                        progress.advance()
            finally:
                if not to_stdout:
                    out.close()
        progress.finish()
        self.stderr.write(self.style.SUCCESS(f"Exported {total} entries ({language}, {options['format']})."))

    def export_publiccode(self, language, output):

        if output == "-":
            raise CommandError("--format publiccode writes one file per tool: give a folder with --output.")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        tools = list(catalogue_pages("tool", language).specific().select_related("licence"))
        progress = Progress(self.stderr, len(tools), "Exporting")
        written = 0
        for tool in tools:
            try:
                (folder / f"{tool.slug}.publiccode.yml").write_text(tool_publiccode(tool), encoding="utf-8")
                written += 1
            except NotExportable as error:
                self.stderr.write(f"{tool.slug}: skipped, {error}")
            progress.advance()
        progress.finish()
        self.stderr.write(self.style.SUCCESS(f"Exported {written} of {len(tools)} tools as publiccode.yml."))
