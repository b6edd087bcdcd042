"""The map's numbers: live public pages of each type by country, in one language.

Which field holds a type's countries is its ``country`` search facet (pages/registry.py), so a new
type with countries joins the map by declaring that facet. One query per type, whatever the size of
the catalogue: the country values are read and counted here (a multiple ``CountryField`` stores
"FR,SN" in one column).
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from pages import registry
from pages.relations import visible

from . import geo

MAP_TYPES = ("use-case", "organisation", "hackathon")  # what the issue asks the map to show
ALL = "all"
# upper bounds of the shading classes (the last one open): counts are small in this catalogue
CLASSES = (1, 3, 9, 19)


def country_field(page_type):
    """The name of the field holding the countries of ``page_type``'s pages, or None.

    A facet is declared as its field's name or as a ``Facet`` with a ``field``: both are read.
    """
    facet = page_type.facets.get("country")
    return getattr(facet, "field", facet)


def map_types():
    return [registry.get(key) for key in MAP_TYPES if registry.get(key) and country_field(registry.get(key))]


def count_choices():
    """``?count=`` values → label, the first one the default."""
    choices = {page_type.key: capfirst_plural(page_type) for page_type in map_types()}
    return {ALL: _("All entries"), **choices}


def capfirst_plural(page_type):
    name = str(page_type.model._meta.verbose_name_plural)
    return name[:1].upper() + name[1:]


def live_pages(page_type, language_code):
    return visible(page_type.model.objects.filter(locale__language_code=language_code))


def country_counts(page_type, language_code):
    """``Counter`` alpha-2 code → number of live public pages of ``page_type`` in that language."""
    name = country_field(page_type)
    counts = Counter()
    for value in live_pages(page_type, language_code).order_by().values_list(name, flat=True):
        # one page names a country once: the set guards against "FR,FR" typed by hand
        counts.update({code for code in str(value or "").split(",") if code})
    return counts


def describe(count, key):
    """ "3 use cases", in the visitor's language (plural rules per language)."""
    if key == "use-case":
        return ngettext("%(count)s use case", "%(count)s use cases", count) % {"count": count}
    if key == "organisation":
        return ngettext("%(count)s organisation", "%(count)s organisations", count) % {"count": count}
    if key == "hackathon":
        return ngettext("%(count)s hackathon", "%(count)s hackathons", count) % {"count": count}
    return ngettext("%(count)s entry", "%(count)s entries", count) % {"count": count}


def sort_key(text):
    """Alphabetical order as a reader expects it: accents and case do not move a name."""
    return unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().casefold()


def shade(count):
    """The shading class of a count: 1 to len(CLASSES) + 1 (0: nothing)."""
    if not count:
        return 0
    return next((index + 1 for index, top in enumerate(CLASSES) if count <= top), len(CLASSES) + 1)


def legend():
    """``[(class, label)]``: "1", "2 to 3", …, "20 or more"."""
    rows = []
    low = 1
    for index, top in enumerate(CLASSES):
        rows.append((index + 1, str(top) if top == low else f"{low}\N{EN DASH}{top}"))
        low = top + 1
    rows.append((len(CLASSES) + 1, _("%(count)s or more") % {"count": low}))
    return rows


@dataclass
class Country:
    code: str
    name: str
    count: int
    label: str  # "France: 3 use cases"
    url: str
    shade: int
    path: str = ""  # its outline on the map; empty for territories too small for the 1:110m file


@dataclass
class WorldMap:
    key: str
    countries: list = field(default_factory=list)  # with entries, by name
    shapes: list = field(default_factory=list)  # outlines of the countries without entries
    width: int = geo.WIDTH
    height: int = 0

    @property
    def missing_shapes(self):
        return [country for country in self.countries if not country.path]

    @property
    def total(self):
        return sum(country.count for country in self.countries)


def listing_urls(language_code):
    """Type key → the address of its index page in that language (one query per type)."""
    urls = {}
    for page_type in map_types():
        index = visible(page_type.parent_model.objects.filter(locale__language_code=language_code)).first()
        if index is not None:
            urls[page_type.key] = index.url
    urls[ALL] = reverse("search")
    return urls


def filtered(url, code):
    return f"{url}?{urlencode({'country': code})}" if url else ""


def build(key, language_code):
    """The map of ``key`` (a type key or ``all``) in the active language."""
    types = map_types() if key == ALL else [registry.get(key)]
    counts = Counter()
    for page_type in types:
        counts.update(country_counts(page_type, language_code))
    urls = listing_urls(language_code)
    outlines = geo.shapes()
    names = dict(countries)
    world = WorldMap(key=key, height=geo.height())
    for code, count in counts.items():
        name = str(names.get(code, code))
        world.countries.append(
            Country(
                code=code,
                name=name,
                count=count,
                label=_("%(country)s: %(count)s") % {"country": name, "count": describe(count, key)},
                url=filtered(urls.get(key), code),
                shade=shade(count),
                path=outlines[code].path if code in outlines else "",
            )
        )
    world.countries.sort(key=lambda country: sort_key(country.name))
    world.shapes = [shape for code, shape in outlines.items() if code not in counts]
    return world
