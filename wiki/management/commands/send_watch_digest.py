"""``manage.py send_watch_digest``: e-mail watchers what changed (run it daily, from cron)."""

from django.core.management.base import BaseCommand

from wiki.watching import send_digests


class Command(BaseCommand):
    help = "E-mail each user the published changes to the pages and categories they watch."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="how far back to look (default: 24)")

    def handle(self, **options):
        sent = send_digests(hours=options["hours"])
        self.stdout.write(self.style.SUCCESS(f"{sent} digest e-mail(s) sent."))
