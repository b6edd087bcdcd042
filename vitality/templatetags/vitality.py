"""Template tags through which pages show a tool's vitality: its band's name, its explanation, and
its chart on the history page (``{% vitality_history page %}``)."""

import json

from django import template
from django.utils import timezone

from pages.tools import ToolPage

from .. import scoring
from ..models import Band, VitalityPoint

register = template.Library()

WIDTH, HEIGHT, PAD = 600, 120, 4
MAX_POINTS = 366  # a year of days


@register.filter
def band_label(value):
    return Band(value).label if value in Band.values else Band.UNKNOWN.label


@register.filter
def vitality_sentence(facts):
    if isinstance(facts, str):  # a JSON annotation on databases that return text
        try:
            facts = json.loads(facts)
        except ValueError:
            facts = {}
    return scoring.sentence(facts if isinstance(facts, dict) else {})


@register.inclusion_tag("vitality/history.html")
def vitality_history(page):
    """A tool's vitality over its last year of checks: an SVG line and the same as a table."""
    if not isinstance(page, ToolPage):
        return {"points": []}
    since = timezone.localdate() - timezone.timedelta(days=MAX_POINTS)
    points = list(
        VitalityPoint.objects.filter(page_id=page.pk, day__gte=since)
        .order_by("day")
        .values("day", "score", "band")
    )
    scored = [point for point in points if point["score"] is not None]
    line = ""
    if len(scored) >= 2:
        first, last = scored[0]["day"], scored[-1]["day"]
        span = max(1, (last - first).days)
        line = " ".join(
            f"{PAD + (WIDTH - 2 * PAD) * (point['day'] - first).days / span:.1f},"
            f"{PAD + (HEIGHT - 2 * PAD) * (100 - point['score']) / 100:.1f}"
            for point in scored
        )
    for point in points:
        point["label"] = band_label(point["band"])
    return {
        "points": points,
        "line": line,
        "single": scored[0] if len(scored) == 1 else None,
        "width": WIDTH,
        "height": HEIGHT,
    }
