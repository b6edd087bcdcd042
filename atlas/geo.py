"""Country outlines as SVG paths, from Natural Earth's 1:110m TopoJSON (vendored, see data/README.md).

TopoJSON stores shared borders once ("arcs", quantized and delta-encoded); a country is a list of
rings made of arcs. Decoding it is a few lines, so no geometry library: arcs are decoded, projected
with the Natural Earth I projection and joined into one path per country, once per process.
"""

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django_countries import countries

DATA = Path(__file__).parent / "data" / "countries-110m.json"
WIDTH = 960  # the SVG's user units; it scales to any screen with its viewBox
MARGIN = 4


@dataclass(frozen=True)
class Shape:
    code: str  # ISO 3166-1 alpha-2
    path: str  # SVG path data in the map's viewBox


def natural_earth(longitude, latitude):
    """Natural Earth I projection (Šavrič et al., 2011), the polynomial d3-geo uses; radians in and out."""
    phi2 = latitude * latitude
    phi4 = phi2 * phi2
    x = longitude * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = latitude * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def _decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized positions
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]  # a negative index: the arc reversed
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their end point
    return points


def _bounds():
    # the projection of the whole globe's outline: its widest and tallest points
    half_width, _y = natural_earth(math.pi, 0)
    _x, half_height = natural_earth(0, math.pi / 2)
    return half_width, half_height


def height():
    half_width, half_height = _bounds()
    return round(WIDTH * half_height / half_width) + 2 * MARGIN


def _to_svg(longitude, latitude):
    half_width, half_height = _bounds()
    x, y = natural_earth(math.radians(longitude), math.radians(latitude))
    unit = (WIDTH - 2 * MARGIN) / (2 * half_width)
    return MARGIN + (x + half_width) * unit, MARGIN + (half_height - y) * unit


def _pieces(ring):
    """A ring cut where it crosses the antimeridian (Russia, Fiji), so no stroke spans the world.

    Natural Earth puts the crossing points on ±180°: each piece, started just after a crossing, ends
    on the antimeridian too, and its closing segment runs along the map's edge.
    """
    jumps = [index for index in range(1, len(ring)) if abs(ring[index][0] - ring[index - 1][0]) > 180]
    if not jumps:
        return [ring]
    ring = ring[:-1] if ring[0] == ring[-1] else ring  # closed rings repeat their first point
    start = jumps[0]
    rotated = ring[start:] + ring[:start]
    pieces = [[rotated[0]]]
    for previous, point in itertools.pairwise(rotated):
        if abs(point[0] - previous[0]) > 180:
            pieces.append([])
        pieces[-1].append(point)
    return pieces


def _path(arcs, polygons):
    parts = []
    for polygon in polygons:
        for ring in polygon:
            for piece in _pieces(_ring(arcs, ring)):
                parts.append(_relative([_to_svg(lon, lat) for lon, lat in piece]))
    return "".join(parts)


def _relative(points):
    """``M x,y l dx,dy …z`` in tenths of a unit: a third of the size of absolute coordinates.

    Steps are taken between rounded positions, so rounding never accumulates along a border.
    """
    tenths = [(round(x * 10), round(y * 10)) for x, y in points]
    steps = [
        f"{_tenth(x - last_x)},{_tenth(y - last_y)}"
        for (last_x, last_y), (x, y) in itertools.pairwise(tenths)
        if (x, y) != (last_x, last_y)
    ]
    first_x, first_y = tenths[0]
    return f"M{_tenth(first_x)},{_tenth(first_y)}l{' '.join(steps)}z"


def _tenth(value):
    whole, rest = divmod(abs(value), 10)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}" if not rest else f"{sign}{whole}.{rest}"


@cache
def shapes():
    """Every country of the file that has an ISO code: ``{alpha-2: Shape}`` (read once per process)."""
    topology = json.loads(DATA.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    found = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = countries.alpha2(geometry.get("id") or "")  # ISO 3166-1 numeric → alpha-2
        if not code:
            continue  # disputed areas without an ISO code (Kosovo, Somaliland, Northern Cyprus)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        found[code] = Shape(code, _path(arcs, polygons))
    return found
