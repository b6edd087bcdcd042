from django.core.management.base import BaseCommand

from demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Load the demo catalogue (tools, use cases, organisations, collections, hackathons and "
        "projects from the 2016 OGP Toolbox) in French with English and Spanish translations. "
        "Safe to run again: entries already present are left untouched."
    )

    def handle(self, *args, **options):
        self.stdout.write("Loading the demo catalogue…")
        summary = DemoLoader(log=self.stdout.write).run()
        self.stdout.write(self.style.SUCCESS(f"Demo catalogue: {summary}"))
