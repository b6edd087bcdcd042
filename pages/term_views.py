"""A public page and an Atom feed per taxonomy term and language: /fr/categories/<slug>/…"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.localization import active_language
from core.parameters import reads
from core.site_address import absolute

from . import terms as public
from .changes import changes_to
from .changes_views import ChangesFeed

PER_TYPE = 12  # pages of each type shown on a term's page; the directory lists them all


def _term_or_404(kind, slug, language):
    model = public.model_of(kind)
    found = public.find(model, slug, language) if model else None
    if found is None:
        raise Http404(_("There is no such term."))
    return model, found


@reads()
def term_page(request, kind, slug, segment):
    language = active_language()
    model, (term, source) = _term_or_404(kind, slug, language)
    if segment != public.segments(model)[language]:
        # another language's address (/en/categorias/…): the one of this language
        return redirect(public.term_url(term, language), permanent=True)
    context = {
        "term": term,
        "kind": kind,
        "kind_label": capfirst(model._meta.verbose_name),
        "groups": public.groups(source, language, per_type=PER_TYPE),
        "feed_url": public.term_url(term, language, feed=True),
    }
    return render(request, "snippets/term_page.html", context)


class TermFeed(ChangesFeed):
    """Atom feed of the publications of the pages naming a term, in one language."""

    def get_object(self, request, kind, slug, segment):
        language = active_language()
        _model, (term, source) = _term_or_404(kind, slug, language)
        return {"term": term, "source": source, "language": language, "path": request.path}

    def title(self, obj):
        return _("OGP Toolbox — %(term)s") % {"term": obj["term"].name}

    # absolute already: Django's feed would otherwise prefix the Host of the request
    def link(self, obj):
        return absolute(public.term_url(obj["term"], obj["language"]))

    def subtitle(self, obj):
        return _("Pages naming “%(term)s”, published or changed, newest first.") % {"term": obj["term"].name}

    def items(self, obj):
        return changes_to(public.pages_naming(obj["source"], obj["language"]))


term_feed = TermFeed()
