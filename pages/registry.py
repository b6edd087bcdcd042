"""The catalogue's page types, each declared once on its own model and read everywhere else.

A page model says what is its own with ``page_type = PageType(...)``: its key (``"tool"``, in
records, search documents and the ``kind`` search filter), its plural (export names, template
lists), the text fields that make its search body, its search facets and the pages it links to.
Search, open data (exports, imports, API), recent changes, the demo and the benchmarks read this
registry; what can be derived from the model's fields (which fields are taxonomy terms, what to
load with the pages, where a page of the type is created) is derived here rather than declared.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.text import capfirst

from snippets.models import live_terms

_TYPES = {}  # key → PageType, filled as the page modules are imported


@dataclass(frozen=True)
class Link:
    """Pages of another type that a page names, and shows: rows of an inline relation, or its own field.

    ``name`` is the list's name in the page's template; the pages it links to list it back under
    the plural of its type ("cited by"). Search documents name the pages linked to.
    """

    name: str
    field: str
    relation: str | None = None  # the inline relation holding the rows; None: a field of the page

    def row_model(self, model):
        return model._meta.get_field(self.relation).related_model if self.relation else model

    def target_model(self, model):
        return self.row_model(model)._meta.get_field(self.field).related_model

    def rows(self, page):
        return getattr(page, self.relation).all() if self.relation else [page]

    @property
    def lookup(self):
        """The ORM path from the page to the page linked to."""
        return f"{self.relation}__{self.field}" if self.relation else self.field


@dataclass(frozen=True)
class Facet:
    """A search facet of a page type: its URL name, the page field it reads, its title.

    How values are read, checked and labelled follows from the field's kind (``search/facets.py``):
    a country field gives ISO codes, a taxonomy reference term slugs, a choice field its choice
    values, a date its year (with ``until``: every year from the date to ``until``, or to today), a
    declared ``Link`` the linked pages' translation keys (with ``through``: the slugs of their terms
    in that field, such as the categories of the tools a use case used), inline rows with a criterion
    and ``score`` ``<criterion slug>:<score>``. ``attribute`` reads a property of the referenced term
    instead of its slug (a licence's openness), whose values and labels are ``choices``.
    """

    name: str
    field: str
    title: str = ""
    until: str | None = None
    score: str | None = None
    attribute: str | None = None
    choices: tuple = ()
    # on a facet over a declared Link: the linked pages' terms of this field, not the pages themselves
    through: str | None = None
    # a facet a feature adds (``PageType.add_facet``): ``reader(page)`` gives the page's values, among
    # ``choices``; ``field`` is then only its name
    reader: Callable | None = None


@dataclass
class PageType:
    key: str
    plural: str
    position: int  # order of the types in facets, exports and the API
    body_fields: tuple = ()
    facets: dict = field(default_factory=dict)  # search facet name → Facet (declared as a tuple)
    links: tuple = ()
    checks_duplicates: bool = False  # warn before creating one that seems to exist already
    model: type | None = None

    def __post_init__(self):
        if not isinstance(self.facets, dict):
            self.facets = {facet.name: facet for facet in self.facets}

    def __set_name__(self, owner, name):
        # called as the model class is created: the declaration registers its model
        self.model = owner
        _TYPES[self.key] = self

    def add_facet(self, facet):
        """A feature's facet for pages of this type (the tools' vitality), after the type's own."""
        self.facets[facet.name] = facet

    @property
    def list_name(self):
        """Name of a list of pages of this type in templates: ``use_cases``."""
        return self.plural.replace("-", "_")

    @property
    def label(self):
        return capfirst(self.model._meta.verbose_name)

    @property
    def parent_model(self):
        return self.model.clean_parent_page_models()[0]

    @property
    def in_section(self):
        """Created under the one section page of its language (else under a page a record names)."""
        return getattr(self.parent_model, "max_count_per_parent", None) == 1

    def term_fields(self):
        """The page's references to taxonomy terms, in declaration order."""
        return [
            model_field
            for model_field in self.model._meta.get_fields()
            if isinstance(model_field, models.ForeignKey | models.ManyToManyField)
            and not model_field.auto_created
            and model_field.related_model._meta.app_label == "snippets"
        ]

    def terms_of(self, page):
        """``[(field, [terms])]``: the terms ``page`` refers to, field by field (none, one or several)."""
        found = []
        for term_field in self.term_fields():
            value = getattr(page, term_field.name)
            terms = list(value.all()) if term_field.many_to_many else [value] if value else []
            found.append((term_field, live_terms(terms)))  # a draft term waits for a moderator
        return found

    def depends_on(self):
        """The types whose pages must exist before one of this type can point at them."""
        targets = {link.target_model(self.model) for link in self.links}
        if not self.in_section:
            targets.add(self.parent_model)
        return [other for other in page_types() if other.model in targets and other is not self]


def facets():
    """Every declared facet by name, the first declaration of a name with the page type holding it."""
    found = {}
    for page_type in page_types():
        for name, facet in page_type.facets.items():
            found.setdefault(name, (page_type, facet))
    return found


def page_types():
    return sorted(_TYPES.values(), key=lambda page_type: page_type.position)


def page_models():
    return [page_type.model for page_type in page_types()]


def keys():
    return [page_type.key for page_type in page_types()]


def get(key):
    """The page type of ``key``, or None."""
    return _TYPES.get(key)


def by_plural(plural):
    return next((page_type for page_type in _TYPES.values() if page_type.plural == plural), None)


def type_of(page_or_model):
    """The page type of a (specific) page or page model, or None for other pages."""
    model = page_or_model if isinstance(page_or_model, type) else type(page_or_model)
    declared = getattr(model, "page_type", None)
    return declared if declared is not None and declared.model is model else None


def import_order():
    """Types in an order where every type comes after those it depends on (then by position)."""
    placed = []
    remaining = page_types()
    while remaining:
        ready = next(t for t in remaining if all(dep in placed for dep in t.depends_on()))
        placed.append(ready)
        remaining.remove(ready)
    return placed


def links_to(model):
    """``[(page type, link)]`` of every declared link pointing at pages of ``model``."""
    return [
        (page_type, link)
        for page_type in page_types()
        for link in page_type.links
        if link.target_model(page_type.model) is model
    ]


def kind_label(kind):
    """The label of the page type ``kind`` (its key), in the active language; the key if unknown."""
    page_type = get(kind)
    return str(page_type.label) if page_type else kind
