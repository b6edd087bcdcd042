"""Where visitors meet a tool's vitality, registered with the catalogue, the search and open data:

* the tool's page (``vitality`` in its context: score, band, explanation, date of the last check);
* its cards (``vitality_score``, ``vitality_band``, ``vitality_checked_at``, loaded with the cards);
* a search and listing facet (``vitality``: the bands) and a sort (``sort=vitality``: highest first);
* the records of the exports and the API (the ``vitality`` part, explained in the record's language).

The explanation is written when shown, in the reader's language, from the stored facts.
"""

from django.db.models import JSONField, OuterRef, Subquery
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from pydantic import BaseModel, ConfigDict, Field

from opendata import parts
from opendata.parts import Part
from pages import registry
from pages.base import register_context_part
from pages.registry import Facet
from pages.relations import register_card_loader
from pages.tools import ToolPage
from search import rankings
from search.rankings import Ranking

from . import scoring
from .models import Band, Vitality

FACET = "vitality"


def shown(vitality, language=None):
    """What a page or card shows of a ``Vitality`` (or of a card's annotations), in the active
    language (or ``language``)."""
    if vitality is None:
        return None
    with translation.override(language) if language else _same_language():
        band = Band(vitality["band"]) if vitality["band"] in Band.values else Band.UNKNOWN
        return {
            "score": vitality["score"],
            "band": band.value,
            "label": str(band.label),
            "explanation": scoring.sentence(vitality.get("facts") or {}),
            "clauses": scoring.explain(vitality.get("facts") or {}),
            "checked_at": vitality["checked_at"],
        }


class _same_language:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def page_part(request, page):
    if not isinstance(page, ToolPage):
        return {}
    row = Vitality.objects.filter(page_id=page.pk).values("score", "band", "facts", "checked_at").first()
    return {"vitality": shown(row)}


def card_loader(model, queryset):
    if model is not ToolPage:
        return queryset
    rows = Vitality.objects.filter(page_id=OuterRef("pk"))
    return queryset.annotate(
        vitality_score=Subquery(rows.values("score")[:1]),
        vitality_band=Subquery(rows.values("band")[:1]),
        vitality_checked_at=Subquery(rows.values("checked_at")[:1]),
        vitality_facts=Subquery(rows.values("facts")[:1], output_field=JSONField()),
    )


def band_values(page):
    band = Vitality.objects.filter(page_id=page.pk).values_list("band", flat=True).first()
    return [band or Band.UNKNOWN.value]


def scores(page_ids):
    """{page id: score} of the pages with a known score (the "vitality" sort)."""
    if not page_ids:
        return {}
    return dict(
        Vitality.objects.filter(page_id__in=set(page_ids), score__isnull=False).values_list(
            "page_id", "score"
        )
    )


# --- in the records (exports, API) -------------------------------------------------------------------


class VitalityOfEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int | None = Field(description="From 0 to 100; null while nothing could be checked.")
    band: str = Field(description="active, likely-active, possibly-inactive, inactive or unknown.")
    explanation: str = Field(description="What the score was computed from, in the record's language.")
    checked_at: str = Field(description="When the checks last ran for this tool (ISO 8601).")


def _vitality_of_records(items):
    keys = {item["translation_key"] for item in items}
    rows = Vitality.objects.filter(page__translation_key__in=keys).values(
        "page__translation_key", "page__locale__language_code", "score", "band", "facts", "checked_at"
    )
    found = {}
    for row in rows:
        language = row["page__locale__language_code"]
        described = shown(row, language)
        found[(str(row["page__translation_key"]), language)] = {
            "score": described["score"],
            "band": described["band"],
            "explanation": described["explanation"],
            "checked_at": described["checked_at"].isoformat(),
        }
    return found


def _text(value):
    if not value:
        return ""
    score = "?" if value["score"] is None else value["score"]
    return f"{value['band']} ({score}/100): {value['explanation']}"


VITALITY_PART = Part(
    name="vitality",
    applies=lambda model: model is ToolPage,
    fill=_vitality_of_records,
    annotation=VitalityOfEntry | None,
    empty=None,
    description=gettext_noop(
        "The tool's vitality from the link and repository checks: score, band, explanation and date "
        "of the last check (null: not checked yet)."
    ),
    label=_("vitality"),
    text=_text,
    kind="object",
    subfields=tuple(VitalityOfEntry.model_fields),
)

RANKING = Ranking(
    key="vitality",
    label=_("Most active first"),
    search_label=_("most active first"),
    scores=scores,
    applies=lambda model: model is ToolPage,
)


def install():
    register_context_part(page_part)
    register_card_loader(card_loader)
    parts.register(VITALITY_PART)
    rankings.register(RANKING)
    registry.get("tool").add_facet(
        Facet(FACET, FACET, _("Vitality"), choices=tuple(Band.choices), reader=band_values)
    )
