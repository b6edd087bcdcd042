"""Relations between pages, resolved for display in one language with a bounded number of queries.

Link rows (``ToolOrganisation``, ``UseCaseTool``…) point at a page; any translation of that page
stands for the whole translation group. For display we pick, per group, the live public page in
the visitor's language, else the default-language page, else any live translation.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

from localisation.localization import best_per_key


def visible(queryset):
    """Live pages outside any view restriction: what an anonymous visitor may see.

    Same rule as Wagtail's ``.public()``, but as a subquery of the same SQL statement instead of a
    separate query loading every restriction first.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.live().exclude(Exists(restricted))


def for_cards(model, queryset):
    """What a card of ``model`` shows (logo and its renditions) loaded with the pages."""
    return model.for_cards(queryset) if hasattr(model, "for_cards") else queryset


def linked_pages(links, field, model, language_code):
    """Pair each link row with the page to show for its target; links to nothing visible are dropped.

    ``links`` may be unsaved rows (page previews), so targets are looked up by id.
    """
    links = list(links)
    ids = {getattr(link, f"{field}_id") for link in links}
    ids.discard(None)
    if not ids:
        return []
    key_by_id = dict(Page.objects.filter(id__in=ids).values_list("id", "translation_key"))
    candidates = visible(model.objects.filter(translation_key__in=set(key_by_id.values())))
    chosen = best_per_key(for_cards(model, candidates.select_related("locale")), language_code)
    pairs = []
    for link in links:
        page = chosen.get(key_by_id.get(getattr(link, f"{field}_id")))
        if page is not None:
            pairs.append((link, page))
    return pairs


def referencing_pages(link_model, field, target, model, language_code):
    """Visible pages of ``model`` whose live version links (through ``link_model``) to ``target``."""
    keys = link_model.objects.filter(
        **{f"{field}__translation_key": target.translation_key, "page__live": True}
    ).values("page__translation_key")
    candidates = visible(model.objects.filter(translation_key__in=keys)).select_related("locale")
    chosen = best_per_key(for_cards(model, candidates), language_code)
    return sorted(chosen.values(), key=lambda page: page.title.casefold())
