"""Tools side by side: which tools a comparison link names, and the rows of the comparison table.

A comparison link names tools by page id (``?tool=12&tool=40``). Any translation's id stands for
the whole translation group, so the same link shows the comparison in every language.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Locale

from core.localization import best_per_key, localize_terms

from .directory import MAX_TOOLS, MIN_TOOLS, with_localized_terms
from .organisations import OrganisationPage
from .relations import for_cards, linked_pages, visible
from .templatetags.toolbox import language_name
from .tools import ToolCriterionValue, ToolPage


@dataclass
class Comparison:
    tools: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    rows: list = field(default_factory=list)

    @property
    def is_complete(self):
        return len(self.tools) >= MIN_TOOLS and not self.errors


@dataclass
class Row:
    label: str
    cells: list  # one Cell per tool
    group: str = "fields"

    @property
    def differs(self):
        return len({cell.value for cell in self.cells}) > 1


@dataclass
class Cell:
    text: str
    url: str = ""
    css: str = ""

    @property
    def value(self):
        return (self.text, self.url)


def requested_ids(params):
    """The tool ids a link asks for, in its order, and messages about what could not be read."""
    raw = [part for value in params.getlist("tool") for part in value.split(",")]
    ids, errors = [], []
    for value in raw:
        value = value.strip()
        if not value:
            continue
        if not re.fullmatch(r"[0-9]{1,12}", value):
            errors.append(_("“%(value)s” is not a tool number; it was left out.") % {"value": value[:40]})
            continue
        if int(value) not in ids:
            ids.append(int(value))
    return ids, errors


def build(params, language_code):
    """The comparison asked for by ``params`` in ``language_code``."""
    ids, errors = requested_ids(params)
    comparison = Comparison(errors=errors)
    if len(ids) > MAX_TOOLS:
        comparison.errors.append(
            _("You can compare up to %(max)s tools at a time; you chose %(count)s.")
            % {"max": MAX_TOOLS, "count": len(ids)}
        )
        return comparison
    keys = dict(visible(ToolPage.objects.filter(id__in=ids)).values_list("id", "translation_key"))
    if len(keys) < len(ids):
        comparison.errors.append(_("Some of the tools asked for are not in the catalogue (any more)."))
    if not keys:
        return comparison
    candidates = (
        visible(ToolPage.objects.filter(translation_key__in=set(keys.values())))
        .select_related("locale", "licence")
        .prefetch_related(
            "categories",
            Prefetch("criteria_values", queryset=_criteria_values()),
            "organisation_links",
        )
    )
    chosen = best_per_key(for_cards(ToolPage, candidates), language_code)
    seen = []
    for page_id in ids:
        key = keys.get(page_id)
        if key and key in chosen and key not in seen:
            seen.append(key)
    comparison.tools = [chosen[key] for key in seen]
    if len(comparison.tools) == 1 and not comparison.errors:
        comparison.errors.append(_("Choose at least two tools to compare."))
    if comparison.tools:
        comparison.rows = rows(comparison.tools, Locale.objects.get(language_code=language_code))
    return comparison


def _criteria_values():
    return ToolCriterionValue.objects.select_related("criterion")


def rows(tools, locale):
    """The table: key fields first, then every technical criterion any of the tools is assessed on.

    Terms are shown in ``locale``, the visitor's language, even for a tool shown in another one.
    """
    links = [link for tool in tools for link in tool.organisation_links.all()]
    organisations = {
        link.pk: page
        for link, page in linked_pages(links, "organisation", OrganisationPage, locale.language_code)
    }
    with_localized_terms(tools, locale)

    def listed(names):
        return ", ".join(names) if names else "—"

    result = [
        Row(_("Kind"), [Cell(tool.get_kind_display()) for tool in tools]),
        Row(_("Status"), [Cell(tool.get_status_display(), css=f"status--{tool.status}") for tool in tools]),
        Row(
            _("Licence"),
            [
                Cell(tool.local_licence.name if tool.local_licence else pgettext("licence", "Unknown"))
                for tool in tools
            ],
        ),
        Row(
            _("Open source"),
            [
                Cell(_("Yes") if tool.local_licence and tool.local_licence.is_open_source else _("No"))
                for tool in tools
            ],
        ),
        Row(
            _("Categories"),
            [Cell(listed(sorted(term.name for term in tool.local_categories))) for tool in tools],
        ),
        Row(_("Used in"), [Cell(listed(sorted(str(c.name) for c in tool.countries))) for tool in tools]),
        Row(
            _("Interface languages"),
            [Cell(listed(sorted(map(str, map(language_name, tool.interface_languages))))) for tool in tools],
        ),
        Row(
            _("Organisations"),
            [
                Cell(
                    listed(
                        sorted(
                            {
                                organisations[link.pk].title
                                for link in tool.organisation_links.all()
                                if link.pk in organisations
                            }
                        )
                    )
                )
                for tool in tools
            ],
        ),
        Row(_("Website"), [Cell(tool.website or "—", url=tool.website) for tool in tools]),
        Row(
            _("Source code"), [Cell(tool.source_code_url or "—", url=tool.source_code_url) for tool in tools]
        ),
    ]
    return result + criteria_rows(tools, locale)


def criteria_rows(tools, locale):
    values = {tool.pk: {v.criterion.translation_key: v for v in tool.criteria_values.all()} for tool in tools}
    criteria = {}
    for tool in tools:
        for value in tool.criteria_values.all():
            criteria.setdefault(value.criterion.translation_key, value.criterion)
    ordered = sorted(criteria.values(), key=lambda c: (c.position, c.name.casefold()))
    result = []
    for criterion in localize_terms(ordered, locale):
        cells = []
        for tool in tools:
            value = values[tool.pk].get(criterion.translation_key)
            if value is None:
                cells.append(Cell(_("Not assessed"), css="assessment--unknown"))
            else:
                text = value.get_assessment_display()
                if value.detail:
                    text = f"{text} — {value.detail}"
                cells.append(Cell(text, css=f"assessment--{value.assessment}"))
        result.append(Row(criterion.name, cells, group="criteria"))
    return result
