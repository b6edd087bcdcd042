"""Where an entry's content comes from: on its page, the sources that gave its fields, with their
data licence, their attribution and the date of their last harvest (``harvest_sources`` in the
context of tool and organisation pages, ``templates/harvest/sources.html``); the same in its records
(exports, API: the ``sources`` part), with the instance it was first written on (``origin``); and the
sources of the whole catalogue on the about page."""

import uuid

from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from pydantic import BaseModel, ConfigDict, Field
from wagtail.signals import page_published

from opendata import parts
from opendata.importer import same_value
from opendata.parts import Part
from opendata.schema import record
from pages.base import register_context_part

from .entries import HARVESTED
from .models import Listing, Provenance, Source


def sources_of(page):
    """The sources of ``page`` (in its language), newest harvest first: one query."""
    rows = (
        Provenance.objects.filter(
            translation_key=page.translation_key, language=page.locale.language_code, published=True
        )
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


def on_published(sender, instance, **kwargs):
    """A harvested entry published (a moderator approved the source's revision): the values it now
    shows are named with their source from now on."""
    if not isinstance(instance, tuple(HARVESTED.values())):
        return
    pending = Provenance.objects.filter(
        translation_key=instance.translation_key, language=instance.locale.language_code, published=False
    )
    if not pending.exists():
        return
    live = record(instance)
    shown = [row.pk for row in pending if same_value(live.get(row.field), row.value)]
    Provenance.objects.filter(pk__in=shown).update(published=True)


def install():
    register_context_part(page_part)
    parts.register(SOURCES_PART)
    parts.register(ORIGIN_PART)
    page_published.connect(on_published, dispatch_uid="harvest-provenance-published")


def published_sources(language):
    """The sources that gave at least one published entry in ``language``, with how many of each type
    and the date of their last harvest (the about page): a query per source and page type."""
    found = []
    for source in Source.objects.order_by("name"):
        keys = Provenance.objects.filter(source=source, language=language, published=True).values(
            "translation_key"
        )
        counts = {
            page_type: model.objects.live()
            .public()
            .filter(locale__language_code=language, translation_key__in=keys)
            .count()
            for page_type, model in HARVESTED.items()
        }
        if any(counts.values()):
            last = source.runs.exclude(outcome="failed").exclude(finished_at=None).first()
            found.append({"source": source, "counts": counts, "harvested_at": last and last.finished_at})
    return found


# --- in the records (exports, API): the sources of each entry, and where it was first written --------


class SourceOfEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="The source's name.")
    address: str = Field(description="Where the source publishes its data.")
    licence: str = Field(description="The licence of the source's data.")
    attribution: str = Field(description="The credit the source asks for.")
    harvested_at: str = Field(description="When this entry was last harvested from it (ISO 8601).")


def _sources_of_records(items):
    """{(translation_key, language): [source, …]} for records: one query."""
    keys = {item["translation_key"] for item in items}
    rows = (
        Provenance.objects.filter(translation_key__in=keys, published=True)
        .values(
            "translation_key",
            "language",
            "source__name",
            "source__address",
            "source__data_licence",
            "source__attribution",
        )
        .annotate(harvested_at=Max("harvested_at"))
        .order_by("source__name")
    )
    found = {}
    for row in rows:
        found.setdefault((str(row["translation_key"]), row["language"]), []).append(
            {
                "name": row["source__name"],
                "address": Source(address=row["source__address"]).public_address,
                "licence": row["source__data_licence"],
                "attribution": row["source__attribution"],
                "harvested_at": row["harvested_at"].isoformat(),
            }
        )
    return found


def _origins_of_records(items):
    """{(translation_key, language): address} of entries first written on another instance."""
    keys = {item["translation_key"] for item in items}
    origins = dict(
        Listing.objects.filter(translation_key__in=keys)
        .exclude(origin="")
        .order_by("-first_seen")  # the earliest last: dict() keeps it
        .values_list("translation_key", "origin")
        .distinct()
    )
    return {
        (item["translation_key"], item["language"]): origins[key]
        for item in items
        if (key := _uuid(item["translation_key"])) in origins
    }


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _is_harvested(model):
    return model in HARVESTED.values()


def _source_names(sources):
    return "; ".join(f"{source['name']} ({source['licence']})" for source in sources)


SOURCES_PART = Part(
    name="sources",
    applies=_is_harvested,
    fill=_sources_of_records,
    annotation=list[SourceOfEntry],
    empty=[],
    description=gettext_noop(
        "The sources harvested into this entry, in this language, with their licence and attribution."
    ),
    label=_("harvested from"),
    text=_source_names,
    kind="rows",
    subfields=tuple(SourceOfEntry.model_fields),
)
ORIGIN_PART = Part(
    name="origin",
    applies=_is_harvested,
    fill=_origins_of_records,
    annotation=str | None,
    empty=None,
    description=gettext_noop(
        "The address of the OGP Toolbox where this entry was first written, when it was harvested "
        "from another one (null: written here)."
    ),
    label=_("first written on"),
    text=str,
)
