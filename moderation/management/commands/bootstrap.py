from django.core.management.base import BaseCommand
from django.utils import translation

from core.site_address import configure_site
from localisation.structure import ensure_tree
from moderation.roles import ensure_roles
from snippets.seeding import ensure_taxonomy


class Command(BaseCommand):
    help = (
        "Create the locales, the three locale trees (home and section pages), the base taxonomy (tool "
        "categories, topics, audiences, criteria, SPDX licences), the groups and the Moderation "
        "workflow. Safe to run again: it only adds what is missing and never changes what is there."
    )

    def handle(self, *args, **options):
        tree = ensure_tree()
        for language_code, pages in tree.items():
            self.stdout.write(f"  /{language_code}/: " + ", ".join(page.title for page in pages.values()))
        homes = {code: pages[next(iter(pages))] for code, pages in tree.items()}
        created = ensure_taxonomy()
        with translation.override("en"):  # like the rest of the command's output
            added = [f"{n} {model._meta.verbose_name_plural}" for model, n in created.items() if n]
        self.stdout.write("  taxonomy: " + (", ".join(added) + " created" if added else "nothing missing"))
        groups = ensure_roles(homes)
        site = configure_site()
        self.stdout.write(f"  site: {site.site_name} at {site.hostname}:{site.port}")
        self.stdout.write("  groups: " + ", ".join(sorted(groups)))
        self.stdout.write(self.style.SUCCESS("Bootstrap complete."))
