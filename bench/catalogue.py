"""A synthetic multilingual catalogue for benchmarks: real Wagtail pages, created in bulk.

Creating pages one by one through Wagtail (``add_child`` + ``save_revision().publish()``) takes
tens of milliseconds each: hours for the 100x catalogue. So this writes the same rows Wagtail would
(tree paths, the base page row, the page type's own row, taxonomy links), in batches, then lets
``search.rebuild`` index them exactly as ``update_index`` does. Every page it makes has a slug
starting with ``bench-``; run it in a database of its own and drop that afterwards.
"""

import functools
import itertools
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from pages import registry
from snippets.models import Audience, Category, Licence

# The 2016 catalogue: about 1,200 tools, 180 use cases and 500 organisations.
SCALE_ONE = {"tool": 1200, "use-case": 180, "organisation": 500}
LANGUAGE_SHARE = {"fr": 0.5, "en": 0.25, "es": 0.25}
COUNTRIES = ["FR", "US", "AR", "SN", "TN", "MX", "CO", "GB", "UA", "MY", "BR", "ES", "DE", "KE", "ID"]

WORDS = {
    "fr": """outil plateforme données ouvertes consultation publique citoyen citoyenne budget participatif
        loi parlement transparence redevabilité marché public contrat collectivité mairie région état
        administration service usager démocratie délibération pétition vote élection député sénat
        open data portail carte visualisation annuaire forum débat proposition amendement texte
        suivi engagement action plan gouvernement ouvert communauté contribution logiciel libre code
        source API interopérabilité accessibilité simulation fiscalité aide sociale droit santé école
        transport environnement énergie climat agriculture justice police sécurité archive""",
    "en": """tool platform open data public consultation citizen participatory budget law parliament
        transparency accountability procurement contract council city region state government service
        user democracy deliberation petition vote election representative senate portal map
        visualisation directory forum debate proposal amendment bill tracking commitment action plan
        community contribution software free source code API interoperability accessibility simulation
        tax benefits rights health school transport environment energy climate farming justice police
        safety archive""",
    "es": """herramienta plataforma datos abiertos consulta pública ciudadano ciudadana presupuesto
        participativo ley congreso transparencia rendición cuentas contratación contrato municipio
        alcaldía región estado administración servicio usuario democracia deliberación petición voto
        elección diputado senado portal mapa visualización directorio foro debate propuesta enmienda
        proyecto seguimiento compromiso plan gobierno abierto comunidad contribución software libre
        código fuente API interoperabilidad accesibilidad simulación impuestos ayuda social derechos
        salud escuela transporte ambiente energía clima agricultura justicia policía seguridad archivo""",
}


FUNCTION_WORDS = {
    "fr": "de la le les des et un une pour en du à par sur dans avec",
    "en": "the of and to a in for on with by is that as from at",
    "es": "de la el los las y un una para en del a por sobre con",
}


def words(language):
    return WORDS[language].split()


@functools.cache
def vocabulary(language):
    """Words with Zipf-like weights, as in natural text: a few function words used everywhere, the
    domain words at middle ranks (each in a few to a few tens of percent of the entries, like
    "outil" in a real catalogue), and a long tail of rarer words (synthetic, from syllables)."""
    rng = random.Random(f"vocabulary-{language}")
    syllables = [c + v for c in "bcdfglmnprstv" for v in "aeiou"]
    tail = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(9000)})
    rng.shuffle(tail)
    ranked = FUNCTION_WORDS[language].split()
    domain = words(language)
    for index, word in enumerate(domain):
        # one domain word every 8 ranks from rank 30 on
        while len(ranked) < 30 + index * 8:
            ranked.append(tail.pop())
        ranked.append(word)
    ranked += tail
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(ranked) + 1)))
    return ranked, weights


def sentence(rng, language, count):
    ranked, cumulative = vocabulary(language)
    text = " ".join(rng.choices(ranked, cum_weights=cumulative, k=count))
    return text[0].upper() + text[1:] + "."


def _path_step(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
    return text.rjust(Page.steplen, "0")


def plan(scale):
    """``[(kind, language, count)]`` for a catalogue ``scale`` times the 2016 one."""
    return [
        (kind, language, round(count * scale * share))
        for kind, count in SCALE_ONE.items()
        for language, share in LANGUAGE_SHARE.items()
    ]


def generate(scale, seed=2016, batch=1000, progress=None):
    """Create the catalogue; returns the number of pages created."""
    rng = random.Random(seed)
    created = 0
    terms = {
        model: list(model.objects.filter(locale__language_code="fr"))
        for model in (Category, Audience, Licence)
    }
    for kind, language, count in plan(scale):
        page_type = registry.get(kind)
        model = page_type.model
        locale = Locale.objects.get(language_code=language)
        parent = page_type.parent_model.objects.get(locale=locale)
        done = 0
        while done < count:
            size = min(batch, count - done)
            with transaction.atomic():
                _create_batch(rng, kind, model, parent, locale, size, terms)
            done += size
            created += size
            if progress:
                progress(size)
    return created


def _create_batch(rng, kind, model, parent, locale, size, terms):
    parent.refresh_from_db()
    last = parent.get_last_child()
    start = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    language = locale.language_code
    bases = []
    for offset in range(size):
        title = " ".join(rng.choice(words(language)) for _ in range(rng.randint(2, 4))).capitalize()
        title = f"{title} {start + offset}"
        slug = f"bench-{kind}-{language}-{start + offset}"
        bases.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                locale=locale,
                live=True,
                has_unpublished_changes=False,
                url_path=f"{parent.url_path}{slug}/",
                depth=parent.depth + 1,
                path=parent.path + _path_step(start + offset),
                numchild=0,
                first_published_at=now,
                last_published_at=now,
                translation_key=uuid.uuid4(),
            )
        )
    bases = Page.objects.bulk_create(bases)
    rows = []
    for base in bases:
        row = model(page_ptr_id=base.pk, summary=sentence(rng, language, rng.randint(10, 20)))
        body = [("paragraph", RichText(f"<p>{sentence(rng, language, rng.randint(60, 140))}</p>"))]
        if kind == "tool":
            row.kind = rng.choice(["software", "online_service"])
            row.status = "active"
            row.description = body
            row.countries = rng.sample(COUNTRIES, rng.randint(0, 3))
            row.licence = rng.choice(terms[Licence]) if terms[Licence] and rng.random() < 0.8 else None
            row.website = f"https://{slugify(base.title)}.example.org"
        elif kind == "use-case":
            row.body = body
            row.objectives = f"<p>{sentence(rng, language, 20)}</p>"
            row.countries = rng.sample(COUNTRIES, rng.randint(1, 2))
        else:
            row.kind = rng.choice(["administration", "civil_society", "company"])
            row.description = body
            row.country = rng.choice(COUNTRIES)
        rows.append(row)
    fields = list(model._meta.local_concrete_fields)
    model._base_manager._insert(rows, fields=fields, raw=True)
    if kind == "tool" and terms[Category]:
        through = model.categories.through
        through.objects.bulk_create(
            through(toolpage_id=row.page_ptr_id, category_id=category.pk)
            for row in rows
            for category in rng.sample(terms[Category], rng.randint(1, 2))
        )
    if kind == "use-case" and terms[Audience]:
        through = model.audiences.through
        through.objects.bulk_create(
            through(usecasepage_id=row.page_ptr_id, audience_id=audience.pk)
            for row in rows
            for audience in rng.sample(terms[Audience], 1)
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + size)
