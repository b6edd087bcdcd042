"""Recent changes of a language (``/<lang>/recent-changes/``) and their Atom feeds."""

from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.parameters import reads
from core.site_address import absolute
from pages import registry
from pages.changes import recent_changes
from pages.registry import kind_label
from snippets.models import Category

# A participle agrees with the type's gender in French and Spanish ("Collection publiée", "Outil
# publié"): each type has its own sentences rather than "%(kind)s published"; a test checks that every
# registered type has them.
PUBLISHED = {
    "tool": gettext_lazy("Tool published by %(author)s."),
    "use-case": gettext_lazy("Use case published by %(author)s."),
    "organisation": gettext_lazy("Organisation published by %(author)s."),
    "collection": gettext_lazy("Collection published by %(author)s."),
    "hackathon": gettext_lazy("Hackathon published by %(author)s."),
    "project": gettext_lazy("Hackathon project published by %(author)s."),
}
CHANGED = {
    "tool": gettext_lazy("Tool changed by %(author)s."),
    "use-case": gettext_lazy("Use case changed by %(author)s."),
    "organisation": gettext_lazy("Organisation changed by %(author)s."),
    "collection": gettext_lazy("Collection changed by %(author)s."),
    "hackathon": gettext_lazy("Hackathon changed by %(author)s."),
    "project": gettext_lazy("Hackathon project changed by %(author)s."),
}


def change_description(kind, is_new, author):
    sentences = PUBLISHED if is_new else CHANGED
    if kind in sentences:
        return str(sentences[kind]) % {"author": author}
    generic = _("%(kind)s published by %(author)s.") if is_new else _("%(kind)s changed by %(author)s.")
    return generic % {"kind": kind_label(kind), "author": author}


# what the recent changes and their feed are filtered by
FILTERS = ("kind", "category")


def _filters(request):
    """``(kind, category, error)`` from the query string; unknown values are reported and dropped."""
    kind = request.GET.get("kind") or None
    category = request.GET.get("category") or None
    errors = []
    if kind is not None and registry.get(kind) is None:
        errors.append(_("There is no page type “%(kind)s”; showing every type.") % {"kind": kind[:40]})
        kind = None
    if category is not None and not Category.objects.filter(slug=category).exists():
        errors.append(
            _("There is no category “%(category)s”; showing every tool.") % {"category": category[:40]}
        )
        category = None
    return kind, category, errors


@reads(*FILTERS, expensive=True)
def recent_changes_view(request):
    language = translation.get_language()
    kind, category, errors = _filters(request)
    params = request.GET.urlencode()
    context = {
        "changes": recent_changes(language, kind, category),
        "kind": kind,
        "category": category,
        "kinds": [(page_type.key, page_type.label) for page_type in registry.page_types()],
        "errors": errors,
        "feed_url": reverse("recent_changes_feed") + (f"?{params}" if params and not errors else ""),
    }
    return render(request, "wiki/recent_changes.html", context, status=400 if errors else 200)


@reads()
class ChangesFeed(Feed):
    """An Atom feed of publications (``pages.changes.Change``): each entry links to its diff, names
    its author and quotes the editors' summaries. Subclasses say which changes and what the feed is."""

    feed_type = Atom1Feed

    # in ``obj``, not on the feed: one feed instance serves every thread of a worker
    def feed_url(self, obj):
        return absolute(obj["path"])

    def item_title(self, change):
        return change.page.title

    def item_link(self, change):
        return absolute(change.diff_url or change.page.url)

    def item_guid(self, change):
        if getattr(change, "guid_fragment", None):  # a registered source's line (pages/changes.py)
            return f"{absolute(change.page.url)}#{change.guid_fragment}"
        return f"{absolute(change.page.url)}#revision-{change.revision_id}"

    def item_description(self, change):
        if getattr(change, "guid_fragment", None):
            return escape(change.description)
        text = change_description(change.kind, change.is_new, change.author)
        # the feed's description is HTML: Django escapes nothing in it, so the editor's words are escaped here
        return " — ".join(escape(part) for part in [text, *change.summaries])

    def item_author_name(self, change):
        return change.author

    def item_pubdate(self, change):
        return change.published_at

    def item_updateddate(self, change):
        return change.published_at


@reads(*FILTERS, expensive=True)
class RecentChangesFeed(ChangesFeed):
    """Atom feed of the same changes; ``?kind=`` and ``?category=`` as on the page."""

    def get_object(self, request):
        kind, category, _errors = _filters(request)
        return {
            "language": translation.get_language(),
            "kind": kind,
            "category": category,
            "path": request.path,
        }

    def title(self, obj):
        if obj["category"]:
            name = Category.objects.filter(
                slug=obj["category"], locale__language_code=obj["language"]
            ).first()
            return _("OGP Toolbox — recent changes: %(category)s") % {"category": name or obj["category"]}
        if obj["kind"]:
            return _("OGP Toolbox — recent changes: %(kind)s") % {"kind": kind_label(obj["kind"])}
        return _("OGP Toolbox — recent changes")

    # absolute already: Django's feed would otherwise prefix the Host of the request
    def link(self, obj):
        return absolute(reverse("recent_changes"))

    def subtitle(self, obj):
        return _("Pages published or changed in the catalogue, and declared uses of tools, newest first.")

    def items(self, obj):
        return recent_changes(obj["language"], obj["kind"], obj["category"])
