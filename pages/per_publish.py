"""What a page shows that only changes when something is published, built once per generation.

``core.freshness.cached`` keeps a value until the next publish (the generation changes); the key
says everything the value depends on: what is built, the site's host, the page and the language
(the active one: sentences like "Categories in common" are translated when built).

Only the public build is shared: a preview (an editor's draft) is built for its request alone, and
what is stored comes from live public pages only (the builders use ``relations.visible``), so a
visitor without access never receives more than the anonymous page shows. Anything about the
visitor (signed in, watching, forms, messages) stays outside these values.
"""

from django.utils import translation

from core import freshness


def is_public_build(request, page):
    """True when ``page`` is rendered as published (not a preview of a draft or an unsaved page)."""
    if request is not None and getattr(request, "is_preview", False):
        return False
    return bool(page is not None and page.pk and page.live)


def host_of(request):
    return request.get_host() if request is not None else "-"


def once_per_publish(name, request, page, build):
    """``build()`` for the published ``page``, from the cache until the next publish."""
    if not is_public_build(request, page):
        return build()
    key = f"{name}:{host_of(request)}:{page.pk}:{translation.get_language()}"
    # in a tuple, so that None ("no notice", "no history") is kept too
    return freshness.cached(key, lambda: (build(),))[0]
