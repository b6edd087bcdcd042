"""The site's icon, drawn once here: an SVG and the PNG/ICO sizes browsers and phones ask for.

Run ``python -m cms.icons`` after changing the design; the files it writes are committed under
cms/static/cms/icons/. The design: three cards of the catalogue, fanned on the accent blue, so that
it reads at 16 px without any lettering (no font needed, the same in every language).
"""

from pathlib import Path

from PIL import Image, ImageDraw

FOLDER = Path(__file__).parent / "static" / "cms" / "icons"
ACCENT = "#0b5cad"
INK = "#1b1f24"
FOCUS = "#ffbf47"

# in a 64 x 64 grid: the background's corner radius, then three cards (x, y, width, height, colour)
RADIUS = 12
CARDS = [(14, 12, 26, 34, "#9ec5ef"), (24, 18, 26, 34, "#ffffff"), (24, 18, 26, 8, FOCUS)]
PNG_SIZES = {"icon-192.png": 192, "icon-512.png": 512, "apple-touch-icon.png": 180, "icon-32.png": 32}


def svg():
    cards = "".join(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3" fill="{colour}"/>'
        for x, y, w, h, colour in CARDS
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="{RADIUS}" fill="{ACCENT}"/>{cards}'
        f'<rect x="29" y="32" width="16" height="3" rx="1.5" fill="{INK}"/>'
        f'<rect x="29" y="39" width="11" height="3" rx="1.5" fill="{INK}"/></svg>\n'
    )


def png(size, *, rounded=True):
    """The icon at ``size`` px, drawn 4 times larger and reduced (smooth edges without an SVG renderer)."""
    scale = size * 4 / 64
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    box = [0, 0, size * 4 - 1, size * 4 - 1]
    if rounded:
        draw.rounded_rectangle(box, radius=RADIUS * scale, fill=ACCENT)
    else:  # Apple rounds the corners itself, and a maskable icon is cut by the phone
        draw.rectangle(box, fill=ACCENT)
    shapes = [*CARDS, (29, 32, 16, 3, INK), (29, 39, 11, 3, INK)]
    for x, y, w, h, colour in shapes:
        draw.rounded_rectangle(
            [x * scale, y * scale, (x + w) * scale, (y + h) * scale],
            radius=min(3, h / 2) * scale,
            fill=colour,
        )
    return big.resize((size, size), Image.LANCZOS)


def write(folder=FOLDER):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "icon.svg").write_text(svg())
    for name, size in PNG_SIZES.items():
        png(size, rounded=name != "apple-touch-icon.png").save(folder / name, optimize=True)
    png(64).save(folder / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    write()
