from django.core.management.base import BaseCommand

from cms.site_address import configure_site
from localisation.structure import ensure_tree
from moderation.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Create the locales, the three locale trees (home and section pages), the groups and the "
        "Moderation workflow. Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        tree = ensure_tree()
        for language_code, pages in tree.items():
            self.stdout.write(f"  /{language_code}/: " + ", ".join(page.title for page in pages.values()))
        homes = {code: pages[next(iter(pages))] for code, pages in tree.items()}
        groups = ensure_roles(homes)
        site = configure_site()
        self.stdout.write(f"  site: {site.site_name} at {site.hostname}:{site.port}")
        self.stdout.write("  groups: " + ", ".join(sorted(groups)))
        self.stdout.write(self.style.SUCCESS("Bootstrap complete."))
