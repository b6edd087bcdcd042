"""``manage.py check_vitality [--minutes N] [--assess-only]``: check the external addresses of every
public page that are due (websites, repositories through their forge's API, links in texts), then
score every tool. Run it from cron (hourly is fine: an address is asked again only once its last
check is older than ``VITALITY_PERIOD_HOURS``). A run that is stopped is resumed by the next one."""

from django.core.management.base import BaseCommand

from core.progress import Progress
from vitality import assess, checks


class Command(BaseCommand):
    help = "Check the links and repositories of the public pages, then score every tool's vitality."

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes", type=float, help="stop after this long; the next run resumes where this one stopped"
        )
        parser.add_argument(
            "--assess-only", action="store_true", help="score the tools from what is known, asking no server"
        )

    def handle(self, *args, **options):
        if not options["assess_only"]:
            bars = []

            def progress(total):
                bars.append(Progress(self.stderr, total, "links"))
                return bars[-1].advance

            try:
                run = checks.run(progress=progress, minutes=options["minutes"])
            except checks.RunningElsewhere as running:
                self.stdout.write(f"Nothing done: {running}.")
                return
            finally:
                for bar in bars:
                    bar.finish()
            if run.finished_at is None:
                self.stdout.write(
                    f"Stopped after {run.checked} of {run.total} addresses; the next run goes on from there."
                )
            else:
                self.stdout.write(
                    f"Checked {run.checked} addresses: {run.answered} answer, {run.failed} fail, "
                    f"{run.unknown} could not be checked."
                )
        found = assess.assess()
        self.stdout.write(f"Scored {found['tools']} tools; {found['changed']} changed band.")
