"""The figures page's numbers: live public pages in one language, counted by term, country, year, month.

Every chart is a plain list of bars (or of series for the growth chart) computed with one or two
queries, whatever the size of the catalogue; the template draws them as SVG and as a data table.
Which field holds a type's terms is read from the model (``PageType.term_fields``), its countries
from its ``country`` facet, and the listing's filter is named after the term's model (``category``,
``licence``, ``topic``, ``audience``): the URL contract the index pages follow.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.models import Locale

from core.localization import localize_terms
from pages import registry
from pages.relations import visible
from snippets.models import Audience, Category, Licence, Topic

from .map import country_counts, live_pages, sort_key

CHART_WIDTH = 640
CHART_HEIGHT = 280
PADDING = 36


@dataclass
class Bar:
    label: str
    value: int
    url: str = ""
    percent: float = 0.0  # of the longest bar, for its width


@dataclass
class BarChart:
    slug: str
    title: str
    note: str = ""
    unit: str = ""  # the header of the table's number column
    bars: list = field(default_factory=list)

    @property
    def total(self):
        return sum(bar.value for bar in self.bars)


@dataclass
class Series:
    key: str
    label: str
    shade: int
    points: str = ""  # SVG polyline points
    totals: list = field(default_factory=list)  # the running total at each of the chart's months


@dataclass
class GrowthChart:
    slug: str = "growth"
    kind: str = "growth"
    title: str = ""
    note: str = ""
    months: list = field(default_factory=list)  # (date, label)
    series: list = field(default_factory=list)
    undated: int = 0  # live pages without a publication date (loaded in bulk)
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    axis: dict = field(default_factory=dict)

    @property
    def rows(self):
        """Table rows: (month label, totals per series), the months where something changed."""
        rows = []
        for index, (_month, label) in enumerate(self.months):
            values = [series.totals[index] for series in self.series]
            if index == 0 or values != [series.totals[index - 1] for series in self.series]:
                rows.append((label, values))
        return rows


def _scaled(bars):
    top = max((bar.value for bar in bars), default=0)
    for bar in bars:
        bar.percent = round(100 * bar.value / top, 1) if top else 0
    return bars


def _listing_url(page_type, language_code, found=None):
    """The address of the type's index page in that language; ``found`` keeps it for the next chart."""
    found = {} if found is None else found
    if page_type.key not in found:
        index = visible(page_type.parent_model.objects.filter(locale__language_code=language_code)).first()
        found[page_type.key] = index.url if index is not None else ""
    return found[page_type.key]


def _with_filter(url, name, value):
    return f"{url}?{urlencode({name: value})}" if url else ""


def term_field(page_type, term_model):
    return next((f for f in page_type.term_fields() if f.related_model is term_model), None)


def term_bars(page_type, term_model, language_code, locale, urls=None):
    """Bars of live public pages of ``page_type`` per live ``term_model`` term (names in ``locale``)."""
    model_field = term_field(page_type, term_model)
    if model_field is None:
        return []
    counts = dict(
        live_pages(page_type, language_code)
        .order_by()
        .exclude(**{f"{model_field.name}__isnull": True})
        .values_list(model_field.name)
        .annotate(n=Count("pk", distinct=True))
    )
    terms = list(term_model.objects.filter(pk__in=counts, live=True))  # a draft term waits for a moderator
    url = _listing_url(page_type, language_code, urls)
    name = term_model._meta.model_name  # the listing's filter: ?category=…, ?licence=…
    bars = [
        Bar(local.name, counts[term.pk], _with_filter(url, name, local.slug))
        for term, local in zip(terms, localize_terms(terms, locale), strict=True)
    ]
    return _scaled(sorted(bars, key=lambda bar: (-bar.value, sort_key(bar.label))))


def country_bars(page_type, language_code, urls=None):
    counts = country_counts(page_type, language_code)
    url = _listing_url(page_type, language_code, urls)
    names = dict(countries)
    bars = [
        Bar(str(names.get(code, code)), count, _with_filter(url, "country", code))
        for code, count in counts.items()
    ]
    return _scaled(sorted(bars, key=lambda bar: (-bar.value, sort_key(bar.label))))


def year_bars(page_type, date_field, language_code):
    rows = (
        live_pages(page_type, language_code)
        .order_by()
        .exclude(**{f"{date_field}__isnull": True})
        .annotate(year=ExtractYear(date_field))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return _scaled([Bar(str(year), count) for year, count in rows])


def _month_steps(first, last):
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def growth(language_code):
    """Live public pages of every type, as a running total by month of first publication."""
    chart = GrowthChart(title=_("Growth of the catalogue"))
    monthly = {}
    for page_type in registry.page_types():
        rows = (
            live_pages(page_type, language_code)
            .order_by()
            .annotate(month=TruncMonth("first_published_at"))
            .values_list("month")
            .annotate(n=Count("pk"))
        )
        monthly[page_type.key] = Counter()
        for month, count in rows:
            if month is None:  # loaded in bulk, never published through a revision
                chart.undated += count
            else:
                monthly[page_type.key][_as_date(month)] = count
    dates = sorted({month for counts in monthly.values() for month in counts})
    if not dates:
        return chart
    months = _month_steps(dates[0], dates[-1])
    chart.months = [(month, formats.date_format(month, "YEAR_MONTH_FORMAT")) for month in months]
    for shade, (key, counts) in enumerate(monthly.items(), start=1):
        if not counts:
            continue
        running, totals = 0, []
        for month in months:
            running += counts.get(month, 0)
            totals.append(running)
        chart.series.append(Series(key, _plural(registry.get(key)), shade, totals=totals))
    _draw(chart)
    return chart


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def _plural(page_type):
    name = str(page_type.model._meta.verbose_name_plural)
    return name[:1].upper() + name[1:]


def _draw(chart):
    """Step lines in the chart's user units: x by month, y by running total (0 at the bottom)."""
    top = max((max(series.totals) for series in chart.series), default=0) or 1
    steps = max(len(chart.months) - 1, 1)
    inner_width = chart.width - 2 * PADDING
    inner_height = chart.height - 2 * PADDING

    def x(index):
        return PADDING + inner_width * index / steps

    def y(value):
        return chart.height - PADDING - inner_height * value / top

    for series in chart.series:
        points = []
        for index, total in enumerate(series.totals):
            if points:
                points.append(f"{x(index):.1f},{y(series.totals[index - 1]):.1f}")  # the step's riser
            points.append(f"{x(index):.1f},{y(total):.1f}")
        if len(points) == 1:  # a single month: a flat line across the chart
            points.append(f"{x(steps):.1f},{y(series.totals[0]):.1f}")
        series.points = " ".join(points)
    chart.axis = {
        "left": PADDING,
        "right": chart.width - PADDING,
        "top": PADDING,
        "bottom": chart.height - PADDING,
        "max": top,
        "first": chart.months[0][1],
        "last": chart.months[-1][1],
        "label_y": chart.height - PADDING // 3,  # an int: a float would be localised ("268,0")
    }


def build(language_code):
    """Every chart of the figures page, in order."""
    locale = Locale.objects.get(language_code=language_code)
    tool, use_case = registry.get("tool"), registry.get("use-case")
    tools_unit, use_cases_unit = _("Tools"), _("Use cases")
    urls = {}  # each index page looked up once for all its charts
    charts = [
        BarChart(
            "tools-category",
            _("Tools by category"),
            unit=tools_unit,
            bars=term_bars(tool, Category, language_code, locale, urls),
        ),
        BarChart(
            "tools-licence",
            _("Tools by licence"),
            unit=tools_unit,
            bars=term_bars(tool, Licence, language_code, locale, urls),
        ),
        BarChart(
            "tools-country",
            _("Tools by country where they are used"),
            unit=tools_unit,
            bars=country_bars(tool, language_code, urls),
        ),
        BarChart(
            "use-cases-topic",
            _("Use cases by objective"),
            note=_("Use cases state their objectives in their own words; they are grouped here by topic."),
            unit=use_cases_unit,
            bars=term_bars(use_case, Topic, language_code, locale, urls),
        ),
        BarChart(
            "use-cases-audience",
            _("Use cases by audience"),
            unit=use_cases_unit,
            bars=term_bars(use_case, Audience, language_code, locale, urls),
        ),
        BarChart(
            "use-cases-year",
            _("Use cases by start year"),
            unit=use_cases_unit,
            bars=year_bars(use_case, "started_on", language_code),
        ),
    ]
    return {"bars": charts, "growth": growth(language_code)}
