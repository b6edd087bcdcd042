"""Relations between pages, resolved for display in one language with a bounded number of queries.

Link rows (``ToolOrganisation``, ``UseCaseTool``…) point at a page; any translation of that page
stands for the whole translation group. For display we pick, per group, the live public page in
the visitor's language, else the default-language page, else any live translation.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy

from localisation.localization import best_per_key, localize_terms

from . import registry

# How far ``visible`` follows an alias of an alias to what it shows: Wagtail keeps such chains
# (``Page.update_aliases``), the admin makes them one copy at a time.
ALIAS_HOPS = 3


def _restricted(path):
    """A view restriction on the page at ``path`` (an expression) or on one of its ancestors."""
    restrictions = PageViewRestriction.objects.filter(page__path=Substr(path, 1, Length("page__path")))
    return Q(Exists(restrictions))


def _aliases_above(path):
    """The aliases among the page at ``path`` and its ancestors."""
    return Page.objects.filter(alias_of__isnull=False, path=Substr(path, 1, Length("path")))


def _alias_of_hidden(path):
    """The condition "the page at ``path``, or one of its ancestors, is an alias of an unpublished or
    restricted page" (an alias shows its original, and the original's restrictions with it),
    following a chain of aliases up to ``ALIAS_HOPS``.

    Chains are followed by joins (``alias_of__alias_of``), not nested subqueries: every listing
    filters through this, sometimes inside other subqueries, and SQLite's parser refuses statements
    nested too deep. For the same reason an original's own ancestors count by their restrictions
    only, not by what they alias (``view_restrictions``, which serves the page, follows those too)."""
    original_hidden = Q()
    for hop in range(1, ALIAS_HOPS + 1):
        original = "__".join(["alias_of"] * hop)  # a missing link joins as NULL: no match
        original_hidden |= Q(**{f"{original}__live": False}) | _restricted(OuterRef(f"{original}__path"))
    return Q(Exists(_aliases_above(path).filter(original_hidden)))


def visible(queryset):
    """Live pages outside any view restriction: what an anonymous visitor may see.

    Wagtail's ``.public()`` rule, in the same SQL statement (subqueries instead of a query loading
    every restriction first), and aliases judged by what they show: an alias of a private page, of a
    page in a private section or of an unpublished page is hidden like its original. This is the one
    definition of "public" that listings, search, feeds, exports, the API, the sitemap and the map
    share; the admin's ``readable`` starts from it.
    """
    return queryset.live().exclude(_restricted(OuterRef("path"))).exclude(_alias_of_hidden(OuterRef("path")))


def view_restrictions(page):
    """The view restrictions a visitor of ``page`` must pass: ``visible``'s rule for one page.

    Those of the page and its ancestors and, where the page or an ancestor is an alias, those of
    what it aliases and its ancestors (and, where those are aliases, of what they alias). Wagtail's
    own (``Page.get_view_restrictions``) replaces an alias by its original but forgets the original's
    ancestors: the alias of a page in a private section would be served to anyone. One query per
    level of aliasing, then the restrictions'.
    """
    step = page.steplen
    paths, todo = set(), [page.path]
    for _hop in range(ALIAS_HOPS + 1):
        prefixes = {path[:end] for path in todo for end in range(step, len(path) + 1, step)} - paths
        if not prefixes:
            break
        paths |= prefixes
        aliases = Page.objects.filter(path__in=prefixes, alias_of__isnull=False)
        todo = list(aliases.values_list("alias_of__path", flat=True))
    return PageViewRestriction.objects.filter(page__path__in=paths)


class AliasPrivacyMixin:
    """For page models: Wagtail serves the page (and ``access/private.py`` refuses non-members) by
    ``view_restrictions``, the same rule as the lists."""

    def get_view_restrictions(self):
        return view_restrictions(self)


# "change" also covers the pages a user created under an "add" right
EDITING = {"change", "publish"}


def readable(queryset, user):
    """The pages of ``queryset`` that ``user`` may read in the admin: what visitors see, and the
    pages they may change (drafts and private pages of the trees they have rights on). Superusers
    read everything."""
    if user.is_superuser:
        return queryset
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, EDITING)
    # ids rather than conditions on the queryset: Wagtail's admin searches (modelsearch) take
    # ``pk__in`` filters, not subquery expressions
    shown = Q(pk__in=visible(Page.objects.all()).values("pk")) | Q(pk__in=editable.values("pk"))
    return queryset.filter(shown)


def privacy_scope(page):
    """The pages whose visibility follows ``page``'s privacy: its subtree, the aliases of any of them
    and their subtrees (aliases of aliases too). A few queries, one per level of aliasing."""
    paths = {page.path}
    while True:
        scope = Q()
        for path in paths:
            scope |= Q(path__startswith=path)
        aliases = Page.objects.filter(alias_of__in=Page.objects.filter(scope)).values_list("path", flat=True)
        new = {path for path in aliases if not any(path.startswith(known) for known in paths)}
        if not new:
            return Page.objects.filter(scope)
        paths |= new


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
