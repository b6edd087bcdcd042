"""Where an entry's content comes from, on its page: the sources that gave its fields, with their
data licence, their attribution and the date of their last harvest (``harvest_sources`` in the
context of tool and organisation pages, ``templates/harvest/sources.html``)."""

from django.db.models import Max

from pages.base import register_context_part

from .entries import HARVESTED
from .models import Provenance


def sources_of(page):
    """The sources of ``page`` (in its language), newest harvest first: one query."""
    rows = (
        Provenance.objects.filter(translation_key=page.translation_key, language=page.locale.language_code)
        .values("source__name", "source__data_licence", "source__attribution")
        .annotate(harvested_at=Max("harvested_at"))
        .order_by("-harvested_at")
    )
    return [
        {
            "name": row["source__name"],
            "licence": row["source__data_licence"],
            "attribution": row["source__attribution"],
            "harvested_at": row["harvested_at"],
        }
        for row in rows
    ]


def page_part(request, page):
    if not isinstance(page, tuple(HARVESTED.values())):
        return {}
    return {"harvest_sources": sources_of(page)}


def install():
    register_context_part(page_part)
