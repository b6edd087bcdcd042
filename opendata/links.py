"""Where visitors find the open data: the export links of the footer, the sections, the collections and /api/.

Built from the page types (pages/registry.py) and the URL names of opendata/urls.py, in the active
language (the export of /fr/ pages is /fr/export/…).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pages import registry

CATALOGUE = "catalogue"  # the export of every type: /<lang>/export/catalogue.<csv|json>
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class Export:
    label: str  # what the file holds: "Tools", "Catalogue", a collection's title
    csv: str
    json: str

    def formats(self):
        """``[(format name, address)]``, for a template's links."""
        return [(name.upper(), getattr(self, name)) for name in FORMATS]


def _export(label, url_name, *args):
    return Export(label, *(reverse(url_name, args=[*args, fmt]) for fmt in FORMATS))


def catalogue():
    return _export(_("Catalogue"), "export", CATALOGUE)


def of_type(page_type):
    return _export(capfirst(page_type.model._meta.verbose_name_plural), "export", page_type.plural)


def of_collection(collection):
    return _export(collection.title, "export_collection", collection.translation_key)


def everything():
    """The whole catalogue, then each type, in the registry's order (the API page lists them all)."""
    return [catalogue(), *(of_type(page_type) for page_type in registry.page_types())]


def of_section(index_page):
    """The export of the type a section lists, or None for a page that is not a section."""
    listed = [
        page_type
        for page_type in registry.page_types()
        if page_type.in_section and page_type.parent_model is type(index_page)
    ]
    return of_type(listed[0]) if listed else None
