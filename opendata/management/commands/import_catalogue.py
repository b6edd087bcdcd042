"""``manage.py import_catalogue FILE [--format csv|json|publiccode] [--dry-run] [--publish]
[--unknown-terms refuse|create] [--locale fr|en|es]``."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.progress import Progress
from opendata import publiccode
from opendata.importer import import_records
from opendata.readers import FileError, csv_entries, json_document, read_bytes


class Command(BaseCommand):
    help = "Import catalogue entries from our JSON or CSV export format (matched by translation key)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--format",
            choices=["csv", "json", "publiccode"],
            help="default: from the file name (a folder: publiccode)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check everything, change nothing")
        parser.add_argument("--publish", action="store_true", help="publish instead of sending to moderation")
        parser.add_argument(
            "--unknown-terms",
            choices=["refuse", "create"],
            default="refuse",
            help=(
                "a taxonomy term the site does not have: refuse the entries that name it (default), or "
                "create it (with the names the file's taxonomy gives), as a draft for moderators unless "
                "--publish"
            ),
        )
        parser.add_argument(
            "--locale",
            choices=[code for code, _name in settings.LANGUAGES],
            help="the language of records that carry none (a CSV from elsewhere); others keep theirs",
        )

    def handle(self, **options):
        path = options["file"]
        fmt = options["format"] or _guess_format(path)
        taxonomy = {}
        try:
            if fmt == "publiccode":
                entries = [
                    entry for file in publiccode.files(path) for entry in publiccode.records_from_file(file)
                ]
            else:
                text = read_bytes(path)
                if fmt == "csv":
                    entries = csv_entries(text)
                else:
                    entries, taxonomy = json_document(text)
        except FileError as error:
            raise CommandError(f"Nothing imported from {Path(path).name}: {error}.") from error
        progress = Progress(self.stderr, len(entries), "Importing")
        report = import_records(
            entries,
            publish=options["publish"],
            dry_run=options["dry_run"],
            progress=progress.advance,
            unknown_terms=options["unknown_terms"],
            taxonomy=taxonomy,
            language=options["locale"],
        )
        progress.finish()
        for where, reason in report.failed:
            self.stderr.write(f"{where}: {reason}")
        for where, removed in report.cleaned:
            self.stderr.write(f"{where}: cleaned: {removed}")
        for where, note in report.notes:
            self.stderr.write(f"{where}: note: {note}")
        prefix = "Dry run, nothing saved: " if options["dry_run"] else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{report.summary()}."))


def _guess_format(path):
    lowered = path.lower().rstrip("/")
    if lowered.endswith((".yml", ".yaml")) or Path(path).is_dir():
        return "publiccode"
    return "csv" if lowered.endswith(".csv") else "json"
