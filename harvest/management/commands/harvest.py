"""``manage.py harvest [NAME ...] [--due] [--force] [--snapshots]``: harvest the named sources, the
enabled ones whose schedule says a harvest is due (``--due``: what cron runs), or every enabled one;
``--snapshots``: the first load of a fresh site from the copies kept in the repository, offline
(``harvest.first_load``; what ``make run`` does)."""

from django.core.management.base import BaseCommand, CommandError

from core.progress import Progress
from harvest.models import Run, Source, due_sources
from harvest.run import harvest


class Command(BaseCommand):
    help = "Harvest sources (all enabled ones unless named): changes go to moderation, nothing is lost."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="the sources' names (default: every enabled source)")
        parser.add_argument("--due", action="store_true", help="only the sources whose schedule says so")
        parser.add_argument(
            "--force", action="store_true", help="read and apply even if the source says nothing changed"
        )
        parser.add_argument(
            "--snapshots",
            action="store_true",
            help="load the snapshots kept in the repository, offline and published (sources that never ran)",
        )

    def handle(self, *args, **options):
        if options["snapshots"]:
            return self._snapshots()
        names = options["names"]
        if names:
            sources = list(Source.objects.filter(name__in=names))
        elif options["due"]:
            sources = due_sources()
        else:
            sources = list(Source.objects.filter(enabled=True))
        missing = sorted(set(names) - {source.name for source in sources})
        if missing:
            raise CommandError(f"No source named {', '.join(repr(name) for name in missing)}.")
        failed = 0
        for source in sources:
            run = harvest(source, force=options["force"], progress=self._progress(source))
            self._report(source, run)
            failed += run.outcome == Run.Outcome.FAILED
        if failed:
            raise CommandError(f"{failed} source(s) could not be harvested (see above).")

    def _snapshots(self):
        from harvest.first_load import load

        loaded = load(progress=self._progress, report=self._report)
        if not any(run for _source, run in loaded):
            self.stdout.write("The snapshots were loaded before: nothing to do.")
            return
        failed = sum(run.outcome == Run.Outcome.FAILED for _source, run in loaded if run)
        if failed:
            raise CommandError(f"{failed} snapshot(s) could not be loaded (see above).")

    def _report(self, source, run):
        self.stdout.write(f"{source.name}: {summary(run)}")
        for problem in run.problems:
            if "message" in problem:
                self.stdout.write(f"  {problem['ref']}: {problem['message']}")

    def _progress(self, source):
        return lambda total: Progress(self.stderr, total, source.name).advance


def summary(run):
    if run.outcome == Run.Outcome.FAILED:
        return f"failed: {run.error}"
    if run.outcome == Run.Outcome.UNCHANGED:
        return "nothing changed at the source"
    return (
        f"{run.created} created, {run.updated} updated, {run.unchanged} unchanged, "
        f"{run.possible_matches} possible matches, {run.flagged} flagged, {run.failed} failed"
    )
