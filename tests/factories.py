"""Factories for pages placed in the bootstrapped locale trees (wagtail-factories), and builders of
published pages and taxonomy terms translated as the site translates them (wagtail-localize).

Texts that differ by language are written ``Texts(fr, en, es)`` (``core.content``);
everything else is the same in every language. Tests build what they need with these, not with the
demo catalogue."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.rich_text import RichText

from core.content import Texts, instance
from core.translations import translate
from localisation.structure import add_published, ensure_translations
from pages.collections import CollectionIndexPage, CollectionPage
from pages.hackathons import HackathonIndexPage, HackathonPage, HackathonProjectPage
from pages.home import HomePage
from pages.organisations import OrganisationIndexPage, OrganisationPage
from pages.tools import ToolIndexPage, ToolPage
from pages.use_cases import UseCaseIndexPage, UseCasePage
from search import indexing
from snippets.models import Audience, Category, HackathonCriterion, Licence, TechnicalCriterion, Topic

LANGUAGES = ("fr", "en", "es")


def locale(language_code):
    return Locale.objects.get(language_code=language_code)


def section(model, language_code="fr"):
    """The section page (Outils, Cas d'usage…) of one locale tree."""
    return model.objects.get(locale=Locale.objects.get(language_code=language_code))


class CatalogPageFactory(wagtail_factories.PageFactory):
    summary = factory.Faker("sentence", locale="fr_FR")

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        # a page made live without Wagtail's publish (no signal): indexed as publishing would, since
        # sections list their entries through the search
        indexing.update_pages([page])
        return page


class ToolPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Outil d'essai {n}")
    parent = factory.LazyFunction(lambda: section(ToolIndexPage))
    kind = "software"
    status = "active"

    class Meta:
        model = ToolPage


class UseCasePageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Cas d'usage d'essai {n}")
    parent = factory.LazyFunction(lambda: section(UseCaseIndexPage))
    objectives = "<p>Objectif d'essai.</p>"

    class Meta:
        model = UseCasePage


class OrganisationPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Organisation d'essai {n}")
    parent = factory.LazyFunction(lambda: section(OrganisationIndexPage))
    kind = "civil_society"

    class Meta:
        model = OrganisationPage


class CollectionPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Collection d'essai {n}")
    parent = factory.LazyFunction(lambda: section(CollectionIndexPage))

    class Meta:
        model = CollectionPage


class HackathonPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Hackathon d'essai {n}")
    parent = factory.LazyFunction(lambda: section(HackathonIndexPage))
    starts_on = datetime.date(2017, 3, 1)
    ends_on = datetime.date(2017, 3, 2)

    class Meta:
        model = HackathonPage


class HackathonProjectPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Projet d'essai {n}")
    parent = factory.SubFactory(HackathonPageFactory)

    class Meta:
        model = HackathonProjectPage


def hidden_tools(label):
    """A never-published tool and a published one restricted to signed-in users: what must not leak."""
    draft = tool(f"Brouillon {label}", summary="Texte.", live=False)
    draft.save_revision()
    private = tool(f"Privé {label}", summary="Texte.")
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return draft, private


def tool(title, summary="", body="", language="fr", **fields):
    """A tool page (not yet published) in a language's tool section."""
    page = ToolPageFactory.build(title=title, summary=summary, **fields)
    if body:
        page.description = [("paragraph", RichText(f"<p>{body}</p>"))]
    parent = section(ToolIndexPage, language)
    page.locale = Locale.objects.get(language_code=language)
    parent.add_child(instance=page)
    return page


SECTIONS = {
    ToolPage: ToolIndexPage,
    UseCasePage: UseCaseIndexPage,
    OrganisationPage: OrganisationIndexPage,
    CollectionPage: CollectionIndexPage,
    HackathonPage: HackathonIndexPage,
}


def paragraph(fr, en, es):
    """A description block (``description``, ``body`` StreamFields) in three languages."""
    return ("paragraph", Texts(f"<p>{fr}</p>", f"<p>{en}</p>", f"<p>{es}</p>"))


def published(model, spec, parent=None, languages=LANGUAGES):
    """A page of ``model`` built from ``spec``, published in French under its section (or ``parent``,
    French) and translated into the other ``languages``; returns {language: page}.

    ``spec`` holds field values (``T`` where a text differs by language; child rows as lists of
    dictionaries), as the bootstrap and the demo describe their content. ``title`` and ``slug`` may
    be plain strings: the same in every language."""
    parent = parent or section(SECTIONS[model])
    source = add_published(parent, instance(model, spec, parent.locale.language_code, locale=parent.locale))
    locales = {code: locale(code) for code in languages}
    return ensure_translations(source, model, spec, locales)


def term(model, slug, name, languages=LANGUAGES, **fields):
    """A taxonomy term (category, topic, licence…) in French, translated into the other ``languages``;
    returns {language: term}. ``name`` (and ``description``) may be ``T`` or one plain string."""
    spec = {"slug": slug, "name": name, **fields}
    source = instance(model, spec, "fr", locale=locale("fr"))
    source.save()
    versions = {"fr": source}
    for code in languages:
        if code != "fr":
            versions[code] = translate(source, locale(code), instance(model, spec, code))
    return versions


def build_linked_catalogue():
    """One published page of every catalogue type in French, English and Spanish, each citing the
    others (a tool with every field filled, the use case, collection and hackathon project citing it,
    the organisation behind them all), with the taxonomy terms they use; returns {name: {language: …}}.

    Names are made up: no demo entry has them. Built once per test session (``share_linked_catalogue``);
    tests read it through ``linked_catalogue()``."""
    built = {
        "licence": term(
            Licence,
            "agpl-essai",
            "GNU Affero GPL v3 (essai)",
            spdx_id="LicenseRef-Quintil",
            is_open_source=True,
        ),
        "category": term(
            Category,
            "simulation-essai",
            Texts("Simulation d'essai", "Trial simulation", "Simulación de prueba"),
        ),
        "topic": term(
            Topic, "fiscalite-essai", Texts("Fiscalité d'essai", "Trial taxation", "Fiscalidad de prueba")
        ),
        "audience": term(
            Audience, "public-essai", Texts("Public d'essai", "Trial audience", "Público de prueba")
        ),
        "criteria": [
            term(
                TechnicalCriterion,
                "hebergement-quintil",
                Texts("Hébergement", "Hosting", "Alojamiento"),
                position=1,
            ),
            term(
                TechnicalCriterion,
                "api-quintil",
                Texts("Interface d'essai", "Trial API", "API de prueba"),
                position=2,
            ),
        ],
        "hackathon_criteria": [
            term(
                HackathonCriterion,
                f"critere-quintil-{n}",
                Texts(f"Critère {n}", f"Criterion {n}", f"Criterio {n}"),
                position=n,
            )
            for n in (1, 2, 3)
        ],
    }
    fr = {name: value["fr"] for name, value in built.items() if isinstance(value, dict)}
    built["organisation"] = published(
        OrganisationPage,
        {
            "title": "Atelier Quintil",
            "slug": "atelier-quintil",
            "summary": Texts(
                "Une administration d'essai.", "A trial administration.", "Una administración de prueba."
            ),
            "kind": "administration",
            "country": "FR",
        },
    )
    organisation = built["organisation"]["fr"]
    built["tool"] = published(
        ToolPage,
        {
            "title": "Quintilix",
            "slug": "quintilix",
            "summary": Texts("Un calculateur d'essai.", "A trial calculator.", "Una calculadora de prueba."),
            "description": [
                paragraph(
                    "Quintilix transforme la règle en code.",
                    "Quintilix turns rules into code.",
                    "Quintilix convierte la regla en código.",
                )
            ],
            "logo": wagtail_factories.ImageFactory(title="Logo Quintilix"),
            "kind": "software",
            "status": "active",
            "website": "https://quintilix.example.org/",
            "source_code_url": "https://code.example.org/quintilix",
            "licence": fr["licence"],
            "categories": [fr["category"]],
            "topics": [fr["topic"]],
            "interface_languages": ["en", "fr"],
            "countries": ["FR", "SN", "TN"],
            "organisation_links": [{"organisation": organisation, "role": "contributor"}],
            "criteria_values": [
                {
                    "criterion": built["criteria"][0]["fr"],
                    "assessment": "yes",
                    "detail": Texts("Paquet Python", "Python package", "Paquete Python"),
                },
                {
                    "criterion": built["criteria"][1]["fr"],
                    "assessment": "yes",
                    "detail": Texts("API web", "Web API", "API web"),
                },
            ],
        },
    )
    tool = built["tool"]["fr"]
    built["use_case"] = published(
        UseCasePage,
        {
            "title": Texts("Calculer ses droits", "Working out one's rights", "Calcular sus derechos"),
            "slug": Texts("calculer-ses-droits", "working-out-rights", "calcular-derechos"),
            "summary": Texts("Un cas d'essai.", "A trial case.", "Un caso de prueba."),
            "objectives": Texts(
                "<p>Objectif d'essai.</p>", "<p>Trial objective.</p>", "<p>Objetivo de prueba.</p>"
            ),
            "users": Texts("<p>Usagers d'essai.</p>", "<p>Trial users.</p>", "<p>Usuarios de prueba.</p>"),
            "services": Texts(
                "<p>Services d'essai.</p>", "<p>Trial services.</p>", "<p>Servicios de prueba.</p>"
            ),
            "body": [
                paragraph(
                    "Un compte rendu d'essai des usages.",
                    "A trial narrative of the uses.",
                    "Un relato de prueba de los usos.",
                )
            ],
            "audiences": [fr["audience"]],
            "tool_links": [
                {"tool": tool, "role": Texts("Le calculateur.", "The calculator.", "La calculadora.")},
            ],
            "organisation_links": [{"organisation": organisation, "role": "lead"}],
            "countries": ["FR"],
            "government_level": "national",
            "started_on": datetime.date(2016, 4, 1),
            "ended_on": datetime.date(2016, 12, 31),
        },
    )
    built["collection"] = published(
        CollectionPage,
        {
            "title": Texts("Sélection d'essai", "Trial selection", "Selección de prueba"),
            "slug": Texts("selection-essai", "trial-selection", "seleccion-prueba"),
            "summary": Texts("Une collection d'essai.", "A trial collection.", "Una colección de prueba."),
            "introduction": Texts("<p>Introduction.</p>", "<p>Introduction.</p>", "<p>Introducción.</p>"),
            "curator": organisation,
            "topics": [fr["topic"]],
            "items": [
                {"tool": tool, "note": Texts("Le premier choix.", "The first choice.", "La primera opción.")},
            ],
        },
    )
    built["hackathon"] = published(
        HackathonPage,
        {
            "title": Texts("Marathon d'essai", "Trial marathon", "Maratón de prueba"),
            "slug": Texts("marathon-essai", "trial-marathon", "maraton-prueba"),
            "summary": Texts("Un événement d'essai.", "A trial event.", "Un evento de prueba."),
            "starts_on": datetime.date(2016, 12, 7),
            "ends_on": datetime.date(2016, 12, 9),
            "city": Texts("Paris", "Paris", "París"),
            "country": "FR",
            "organisers": [{"organisation": organisation}],
            "criteria": [{"criterion": criterion["fr"]} for criterion in built["hackathon_criteria"]],
        },
    )
    built["project"] = published(
        HackathonProjectPage,
        {
            "title": Texts("Quintilix au Sénégal", "Quintilix in Senegal", "Quintilix en Senegal"),
            "slug": Texts("quintilix-senegal", "quintilix-senegal", "quintilix-senegal"),
            "summary": Texts("Un projet d'essai.", "A trial project.", "Un proyecto de prueba."),
            "challenge": Texts("<p>Le défi.</p>", "<p>The challenge.</p>", "<p>El reto.</p>"),
            "organisations": [{"organisation": organisation}],
            "countries": ["FR", "SN"],
            "reused_tools": [{"tool": tool, "note": Texts("Le moteur.", "The engine.", "El motor.")}],
            "links": [
                ("link", {"kind": "code", "url": "https://code.example.org/quintilix-sn", "label": "Code"})
            ],
            "progress_log": [
                (
                    "entry",
                    {
                        "date": datetime.date(2016, 12, 8),
                        "text": Texts("Un prototype marche.", "A prototype works.", "Un prototipo funciona."),
                    },
                )
            ],
            "scores": [
                {
                    "criterion": criterion["fr"],
                    "self_assessment": 4,
                    "jury_score": 5,
                    "comment": Texts(f"Note {n}.", f"Mark {n}.", f"Nota {n}."),
                }
                for n, criterion in enumerate(built["hackathon_criteria"], start=1)
            ],
            "distinction": "winner",
        },
        parent=built["hackathon"]["fr"],
    )
    return built


# The linked catalogue is built once per test session, beside the demo (tests/conftest.py
# ``django_db_setup``): some 7,700 queries that ~180 tests used to pay each. Its entries are found
# again by their French slugs, so that a reused test database (``pytest --reuse-db``) keeps them.
# name → (model, French slug, or a list of them)
LINKED = {
    "licence": (Licence, "agpl-essai"),
    "category": (Category, "simulation-essai"),
    "topic": (Topic, "fiscalite-essai"),
    "audience": (Audience, "public-essai"),
    "criteria": (TechnicalCriterion, ["hebergement-quintil", "api-quintil"]),
    "hackathon_criteria": (HackathonCriterion, [f"critere-quintil-{n}" for n in (1, 2, 3)]),
    "organisation": (OrganisationPage, "atelier-quintil"),
    "tool": (ToolPage, "quintilix"),
    "use_case": (UseCasePage, "calculer-ses-droits"),
    "collection": (CollectionPage, "selection-essai"),
    "hackathon": (HackathonPage, "marathon-essai"),
    "project": (HackathonProjectPage, "quintilix-senegal"),
}


def linked_slugs(model):
    """The French slugs of the shared linked catalogue's entries of ``model``: what a test that checks
    the site's own content (the bootstrap, the demo) leaves out."""
    slugs = set()
    for entry_model, entry_slugs in LINKED.values():
        if entry_model is model:
            slugs.update([entry_slugs] if isinstance(entry_slugs, str) else entry_slugs)
    return slugs


def linked_pages():
    """Every page of the shared linked catalogue, in every language (a queryset): what a test that
    checks the demo's own pages leaves out."""
    keys = []
    for model, slugs in LINKED.values():
        if issubclass(model, Page):
            slugs = [slugs] if isinstance(slugs, str) else slugs
            keys += model.objects.filter(locale__language_code="fr", slug__in=slugs).values_list(
                "translation_key", flat=True
            )
    return Page.objects.filter(translation_key__in=keys)


def share_linked_catalogue():
    """Build the shared linked catalogue unless the (reused) test database holds it already."""
    if not OrganisationPage.objects.filter(slug=LINKED["organisation"][1], locale=locale("fr")).exists():
        build_linked_catalogue()


def linked_catalogue():
    """The shared linked catalogue (``build_linked_catalogue``), read afresh from the database: what a
    test changes on these instances stays its own, and its transaction is rolled back.

    Returns {name: {language: …}} (a list of them for the criteria); about ten queries."""
    french = locale("fr")
    by_model = {}
    for model, slugs in LINKED.values():
        by_model.setdefault(model, set()).update([slugs] if isinstance(slugs, str) else slugs)
    versions = {}  # (model, French slug) → {language: instance}
    for model, slugs in by_model.items():
        keys = model.objects.filter(locale=french, slug__in=slugs).values("translation_key")
        found = list(model.objects.filter(translation_key__in=keys).select_related("locale"))
        slug_of = {item.translation_key: item.slug for item in found if item.locale_id == french.pk}
        for item in found:
            versions.setdefault((model, slug_of[item.translation_key]), {})[item.locale.language_code] = item
    if len(versions) != sum(1 if isinstance(slugs, str) else len(slugs) for _model, slugs in LINKED.values()):
        raise RuntimeError("the shared linked catalogue is missing: tests/conftest.py builds it per session")

    def of(model, slug):
        return {code: versions[(model, slug)][code] for code in LANGUAGES}

    return {
        name: of(model, slugs) if isinstance(slugs, str) else [of(model, slug) for slug in slugs]
        for name, (model, slugs) in LINKED.items()
    }


# every page type of the site, in the order of its menus
PAGE_TYPES = [
    HomePage,
    ToolIndexPage,
    ToolPage,
    UseCaseIndexPage,
    UseCasePage,
    OrganisationIndexPage,
    OrganisationPage,
    CollectionIndexPage,
    CollectionPage,
    HackathonIndexPage,
    HackathonPage,
    HackathonProjectPage,
]
# the catalogue entries of linked_catalogue(), by page type; the home and section pages come with the site
BUILT = {
    ToolPage: "tool",
    UseCasePage: "use_case",
    OrganisationPage: "organisation",
    CollectionPage: "collection",
    HackathonPage: "hackathon",
    HackathonProjectPage: "project",
}


def page_of_type(model, language_code):
    """A page of ``model`` in the language: a built catalogue entry, or the site's own page."""
    if model in BUILT:
        return linked_catalogue()[BUILT[model]][language_code]
    return model.objects.live().get(locale__language_code=language_code)


def live_tool(title, summary="Texte.", language="fr", **fields):
    """A tool published with a revision, as the admin's "Publish" button leaves it."""
    page = tool(title, summary=summary, language=language, **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translated_tool(title="Calculix", slug="calculix"):
    """A published tool in French with its English and Spanish translations (one slug in all three),
    a summary and a description paragraph to translate; returns {language: page}."""
    return published(
        ToolPage,
        {
            "title": title,
            "slug": slug,
            "summary": Texts(
                "Un moteur libre qui calcule impôts et prestations.",
                "A free engine that computes taxes and benefits.",
                "Un motor libre que calcula impuestos y prestaciones.",
            ),
            "description": [
                paragraph(
                    f"{title} transforme la législation en code.",
                    f"{title} turns legislation into code.",
                    f"{title} convierte la legislación en código.",
                )
            ],
        },
    )


TRIAL_PORTAL = Texts("Portail des essais", "Trial portal", "Portal de pruebas")


def category(slug="portail-essai", name=TRIAL_PORTAL):
    """A tool category in French, English and Spanish; returns the French term."""
    return term(Category, slug, name)["fr"]


def calculix(language_code):
    """The version in one language of ``translated_tool()`` (the ``translated_calculix`` fixture)."""
    return ToolPage.objects.get(slug="calculix", locale__language_code=language_code)
