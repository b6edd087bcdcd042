"""The skeleton of the site: one home page per language, each with the five catalogue sections.

::

    Root
    ├── Home (fr)  /fr/   Outils, Cas d'usage, Organisations, Collections, Hackathons
    ├── Home (en)  /en/   (wagtail-localize translations of the French pages)
    └── Home (es)  /es/

The French tree is the source; the English and Spanish trees are its translations, so that every
page can be reached in each language through its translation group.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Site

from core.content import Texts, instance
from core.translations import ensure_locales, translate
from pages.home import HomePage

HOME = {
    "title": Texts("OGP Toolbox", "OGP Toolbox", "OGP Toolbox"),
    "slug": Texts("accueil", "home", "inicio"),
    "tagline": Texts(
        "Les outils numériques du gouvernement ouvert, décrits par celles et ceux qui s'en servent.",
        "The digital tools of open government, described by the people who use them.",
        "Las herramientas digitales del gobierno abierto, descritas por quienes las utilizan.",
    ),
    "intro": Texts(
        "<p>Portails de données ouvertes, consultations en ligne, suivi et écriture collaborative de "
        "la loi, budgets participatifs : la boîte à outils recense les logiciels et services que "
        "les administrations et la société civile utilisent pour ouvrir l'action publique, avec "
        "les cas d'usage où ils ont servi.</p>",
        "<p>Open data portals, online consultations, law monitoring and collaborative "
        "law-making, participatory budgets: the toolbox lists the software and services that "
        "governments and civil society use to open up public action, with the use cases where "
        "they served.</p>",
        "<p>Portales de datos abiertos, consultas en línea, seguimiento y redacción colaborativa "
        "de leyes, presupuestos participativos: la caja de herramientas reúne el software y los "
        "servicios que gobiernos y sociedad civil usan para abrir la acción pública, junto con "
        "los casos de uso en los que se aplicaron.</p>",
    ),
}


def publish(page, user=None):
    """Save a revision of ``page`` and publish it, as the admin's "Publish" button does."""
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def add_published(parent, page, user=None):
    page.live = False
    parent.add_child(instance=page)
    return publish(page, user)


def ensure_translations(source, model, spec, locales, user=None):
    """Translate ``source`` into every locale it is missing from; return all versions by language."""
    versions = {source.locale.language_code: source}
    for code, locale in locales.items():
        if code == source.locale.language_code:
            continue
        existing = source.get_translation_or_none(locale)
        if existing is None:
            existing = translate(source, locale, instance(model, spec, code), user=user)
        versions[code] = existing.specific
    return versions


def remove_wagtail_welcome_page(root):
    """The fresh-install "Welcome to your new Wagtail site!" page, if nobody has used it."""
    base_page_type = ContentType.objects.get_for_model(Page)
    Page.objects.filter(
        depth=2, content_type=base_page_type, numchild=0, sites_rooted_here__isnull=True
    ).delete()


def ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.root_page_id != home.id or site.site_name != settings.WAGTAIL_SITE_NAME:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    return site


@transaction.atomic
def ensure_tree(user=None):
    """Create whatever is missing of the three locale trees; return {language: {model: page}}."""
    locales = ensure_locales()
    default = locales[settings.LANGUAGE_CODE]
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(locale=default, depth=2).first()
    if home is None:
        home = add_published(root, instance(HomePage, HOME, default.language_code, locale=default), user)
    ensure_site(home)
    remove_wagtail_welcome_page(root)

    tree = {
        code: {HomePage: page}
        for code, page in ensure_translations(home, HomePage, HOME, locales, user).items()
    }
    for model in HomePage.allowed_subpage_models():  # the sections, in their order
        spec = model.section_texts
        section = model.objects.child_of(home).first()
        if section is None:
            section = add_published(home, instance(model, spec, default.language_code, locale=default), user)
        for code, page in ensure_translations(section, model, spec, locales, user).items():
            tree[code][model] = page
    return tree
