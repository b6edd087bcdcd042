"""Creating the base taxonomy (``bootstrap``): what is missing is added, nothing present is changed.

A term is known by its identifier (slug) in the default language; once it exists, its names,
description and translations belong to the moderators, and running bootstrap again leaves them as
they are. A translation is added only where a language has none.
"""

import uuid
from collections import Counter

from django.conf import settings
from django.db import transaction
from modelsearch.backends import get_search_backends

from core.content import instance
from core.translations import ensure_locales, translate

from . import spdx
from .base_taxonomy import TERMS
from .models import Licence


@transaction.atomic
def ensure_taxonomy(user=None):
    """Add the missing base terms in every language; returns a Counter of terms created per model."""
    locales = ensure_locales()
    created = Counter()
    for model, specs in TERMS:
        for spec in specs:
            if ensure_term(model, spec, locales, user):
                created[model] += 1
    created[Licence] += ensure_spdx_licences(locales)
    return created


def ensure_term(model, spec, locales, user=None):
    """The term of ``spec`` in the default language, with its translations; True if it was created."""
    default = locales[settings.LANGUAGE_CODE]
    term = model.objects.filter(locale=default, slug=spec["slug"]).first()
    created = term is None
    if created:
        term = instance(model, spec, default.language_code, locale=default)
        term.save()
    for code, locale in locales.items():
        if code != default.language_code and term.get_translation_or_none(locale) is None:
            translate(term, locale, instance(model, spec, code), user=user)
    return created


def ensure_spdx_licences(locales):
    """Every current SPDX licence, in every language (their names are proper names, the same in all).

    Seven hundred licences in three languages are written in one query per language and indexed for
    the admin's licence chooser in bulk: saved one by one (and translated through wagtail-localize)
    they would take most of bootstrap's time. Returns how many licences were created.
    """
    default = locales[settings.LANGUAGE_CODE]
    present = Licence.objects.filter(locale=default)
    slugs = set(present.values_list("slug", flat=True))
    identifiers = {spdx_id.lower() for spdx_id in present.values_list("spdx_id", flat=True) if spdx_id}
    new = [
        Licence(
            locale=default,
            translation_key=uuid.uuid4(),
            slug=licence.slug,
            name=licence.name,
            spdx_id=licence.spdx_id,
            is_open_source=licence.is_open_source,
            url=licence.url,
        )
        for licence in spdx.licences()
        if licence.slug not in slugs and licence.spdx_id.lower() not in identifiers
    ]
    added = Licence.objects.bulk_create(new, batch_size=500)
    for locale in locales.values():
        if locale == default:
            continue
        present = Licence.objects.filter(locale=locale)
        translated = set(present.values_list("translation_key", flat=True))
        taken = set(present.values_list("slug", flat=True))
        copies = [
            Licence(
                locale=locale,
                translation_key=source.translation_key,
                slug=source.slug,
                name=source.name,
                spdx_id=source.spdx_id,
                is_open_source=source.is_open_source,
                url=source.url,
            )
            # the SPDX licences only (not a draft an import created), where the language has none
            for source in Licence.objects.filter(locale=default, spdx_id__gt="", live=True)
            if source.translation_key not in translated and source.slug not in taken
        ]
        added += Licence.objects.bulk_create(copies, batch_size=500)
    if added:
        # bulk_create sends no signals: index them as saving them would have
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(Licence, added)
    return len(new)
