"""The site's icons at the addresses browsers ask for without being told, and its web app manifest.

Every browser requests /favicon.ico whatever the page says: it is served from the committed file
(cms/icons.py draws it). Its address has no content hash, so it is cached for 30 days, not forever.
The manifest is per language (its description and start page are the visitor's).
"""

import json
from pathlib import Path

from django.http import FileResponse, HttpResponse
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.parameters import reads

ICONS = Path(__file__).parent / "static" / "cms" / "icons"
ICON_CACHE = 30 * 24 * 3600


@reads()
@require_safe
@cache_control(public=True, max_age=ICON_CACHE)
def favicon(request):
    return FileResponse((ICONS / "favicon.ico").open("rb"), content_type="image/x-icon")


@reads()
@require_safe
@cache_control(public=True, max_age=24 * 3600)
def manifest(request):
    language = get_language()
    data = {
        "name": "OGP Toolbox",
        "short_name": "OGP Toolbox",
        "description": _("A collaborative catalogue of the digital tools of open government."),
        "lang": language,
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#1b1f24",
        "icons": [
            {"src": static("cms/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("cms/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("cms/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/manifest+json; charset=utf-8",
    )
