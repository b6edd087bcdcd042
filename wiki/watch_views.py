"""Watching: toggling a watch, and the personal watchlist (``/<lang>/watchlist/``)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from core.parameters import reads
from pages import terms as public
from pages.relations import visible

from . import watching


def _back(request, fallback):
    target = request.POST.get("next", "")
    # a path of this site only: redirect() would read "1" or "watchlist" as the name of a URL
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect(fallback)


@reads()
@login_required
@require_POST
def watch_page(request, page_id):
    page = visible(Page.objects.all()).select_related("locale").filter(pk=page_id).first()
    if page is None:
        # a page that is no longer public (or never was): it can only be unwatched, without its title
        if not request.user.watches.filter(page_id=page_id).delete()[0]:
            raise Http404
        messages.success(request, _("You no longer watch this page."))
        return _back(request, "watchlist")
    if watching.toggle_page(request.user, page):
        messages.success(request, _("You are now watching “%(title)s”.") % {"title": page.title})
    else:
        messages.success(request, _("You no longer watch “%(title)s”.") % {"title": page.title})
    return _back(request, page.url)


@reads()
@login_required
@require_POST
def watch_term(request, kind, slug):
    """Watch (or stop watching) the pages naming a term of any kind, in the language of the address."""
    language = translation.get_language()
    model = public.model_of(kind)
    found = public.find(model, slug, language) if model else None
    if found is None:
        # a term that is no longer public can still be unwatched
        if not request.user.watches.filter(term_kind=kind, term=slug, language=language).delete()[0]:
            raise Http404
        messages.success(request, _("You no longer watch this term."))
        return _back(request, "watchlist")
    term, _source = found
    if watching.toggle_term(request.user, kind, slug, language):
        messages.success(request, _("You are now watching the pages of “%(name)s”.") % {"name": term.name})
    else:
        messages.success(request, _("You no longer watch the pages of “%(name)s”.") % {"name": term.name})
    return _back(request, public.term_url(term, language))


@reads()
@login_required
def watchlist(request):
    language = translation.get_language()
    watches = list(request.user.watches.select_related("page__locale"))
    watched = [watch.page_id for watch in watches if watch.page_id]
    public = set(visible(Page.objects.filter(pk__in=watched)).values_list("pk", flat=True))
    context = {
        # (watch, whether visitors may see the page): a page that became private or was unpublished
        # is listed without its title, to be unwatched
        "page_watches": [(watch, watch.page_id in public) for watch in watches if watch.page_id],
        "term_watches": _term_watches([watch for watch in watches if watch.term], language),
        "changes": watching.watched_changes(request.user, since=timezone.now() - timedelta(days=30)),
    }
    return render(request, "wiki/watchlist.html", context)


def _term_watches(watches, language):
    """``(watch, kind label, name, address)``: a term no longer public keeps its slug, without a link."""
    rows = []
    for watch in watches:
        model = public.model_of(watch.term_kind)
        found = public.find(model, watch.term, watch.language) if model else None
        label = capfirst(model._meta.verbose_name) if model else watch.term_kind
        if found is None:
            rows.append((watch, label, watch.term, ""))
        else:
            rows.append((watch, label, found[0].name, public.term_url(found[0], watch.language)))
    return rows
