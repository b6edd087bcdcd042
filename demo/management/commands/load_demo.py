from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import accounts
from demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Load the demo catalogue (tools, use cases, organisations, collections, hackathons and "
        "projects from the 2016 OGP Toolbox) in French with English and Spanish translations. "
        "Safe to run again: entries already present are left untouched. With --accounts, also a demo "
        "editor, translator (es) and moderator with known passwords (development settings only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="also create (or reset) the demo accounts and print how to sign in; refused in production",
        )

    def handle(self, *args, **options):
        # refused before anything is written: production settings never get known passwords
        if options["accounts"] and (problem := accounts.refusal()):
            raise CommandError(problem)
        self.stdout.write("Loading the demo catalogue…")
        summary = DemoLoader(log=self.stdout.write).run()
        self.stdout.write(self.style.SUCCESS(f"Demo catalogue: {summary}"))
        if options["accounts"]:
            accounts.ensure_accounts()
            admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
            self.stdout.write(self.style.SUCCESS(accounts.sign_in_text(admin_url)))
