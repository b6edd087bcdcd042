"""Watching: toggling a watch, and the personal watchlist (``/<lang>/watchlist/``)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from pages.relations import visible
from snippets.models import Category

from . import watching


def _back(request, fallback):
    target = request.POST.get("next", "")
    # a path of this site only: redirect() would read "1" or "watchlist" as the name of a URL
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect(fallback)


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


@login_required
@require_POST
def watch_category(request, slug):
    language = translation.get_language()
    category = get_object_or_404(Category, slug=slug, locale__language_code=language)
    if watching.toggle_category(request.user, slug, language):
        messages.success(
            request, _("You are now watching the tools of “%(name)s”.") % {"name": category.name}
        )
    else:
        messages.success(request, _("You no longer watch the tools of “%(name)s”.") % {"name": category.name})
    return _back(request, "watchlist")


@login_required
def watchlist(request):
    language = translation.get_language()
    watches = list(request.user.watches.select_related("page__locale"))
    names = dict(Category.objects.filter(locale__language_code=language).values_list("slug", "name"))
    watched = [watch.page_id for watch in watches if watch.page_id]
    public = set(visible(Page.objects.filter(pk__in=watched)).values_list("pk", flat=True))
    context = {
        # (watch, whether visitors may see the page): a page that became private or was unpublished
        # is listed without its title, to be unwatched
        "page_watches": [(watch, watch.page_id in public) for watch in watches if watch.page_id],
        "category_watches": [
            (watch, names.get(watch.category, watch.category)) for watch in watches if watch.category
        ],
        "changes": watching.watched_changes(request.user, since=timezone.now() - timedelta(days=30)),
    }
    return render(request, "wiki/watchlist.html", context)
