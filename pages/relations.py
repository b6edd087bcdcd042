"""Relations between pages, resolved for display in one language with a bounded number of queries.

Link rows (``ToolOrganisation``, ``UseCaseTool``…) point at a page; any translation of that page
stands for the whole translation group. For display we pick, per group, the live public page in
the visitor's language, else the default-language page, else any live translation.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

from localisation.localization import best_per_key, localize_terms

from . import registry


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
    """What a card of ``model`` shows loaded with the pages: its logo and renditions, if it has one,
    and the count of declared uses of a type that takes endorsements (a subquery, not a query)."""
    if "endorsements" in getattr(model, "community", ()):
        from community.counts import with_counts

        queryset = with_counts(queryset)
    if not any(field.name == "logo" for field in model._meta.fields):
        return queryset
    return queryset.select_related("logo").prefetch_related("logo__renditions")


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


def referencing_pages(model, link, target, language_code):
    """Visible pages of ``model`` whose live version links (as ``link`` declares) to ``target``."""
    lookup = {f"{link.field}__translation_key": target.translation_key}
    if link.relation:
        rows = link.row_model(model).objects.filter(**lookup, page__live=True)
        keys = rows.values("page__translation_key")
    else:
        keys = model.objects.filter(**lookup, live=True).values("translation_key")
    candidates = visible(model.objects.filter(translation_key__in=keys)).select_related("locale")
    chosen = best_per_key(for_cards(model, candidates), language_code)
    return sorted(chosen.values(), key=lambda page: page.title.casefold())


def relations_of(page):
    """What a catalogue page shows of its relations, by template name, in the page's language.

    Its taxonomy terms (in that language), the pages it links to (as its type declares them: a
    list of ``(row, page)`` or, for a link on the page itself, the page or None) and, under the
    plural of their type, the pages whose links point at it ("cited by").
    """
    page_type = registry.type_of(page)
    language = page.locale.language_code
    context = {}
    for term_field, terms in page_type.terms_of(page):
        localized = localize_terms(terms, page.locale)
        context[term_field.name] = localized if term_field.many_to_many else next(iter(localized), None)
    for link in page_type.links:
        pairs = linked_pages(link.rows(page), link.field, link.target_model(type(page)), language)
        if link.relation:
            context[link.name] = pairs
        else:
            context[link.name] = pairs[0][1] if pairs else None
    cited = {source_type.list_name: {} for source_type, _link in registry.links_to(type(page))}
    for source_type, link in registry.links_to(type(page)):
        for source in referencing_pages(source_type.model, link, page, language):
            cited.setdefault(source_type.list_name, {})[source.pk] = source
    for name, pages in cited.items():
        context[name] = sorted(pages.values(), key=lambda source: source.title.casefold())
    return context


def visible_targets(targets):
    """Those of ``targets`` whose translation group visitors can see (one query)."""
    if not targets:
        return []
    keys = {target.translation_key for target in targets}
    shown = set(
        visible(Page.objects.filter(translation_key__in=keys)).values_list("translation_key", flat=True)
    )
    return [target for target in targets if target.translation_key in shown]
