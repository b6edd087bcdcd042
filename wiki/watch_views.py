"""Watching: toggling a watch, and the personal watchlist (``/<lang>/watchlist/``)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
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
    page = get_object_or_404(visible(Page.objects.all()).select_related("locale"), pk=page_id)
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
    context = {
        "page_watches": [watch for watch in watches if watch.page_id],
        "category_watches": [
            (watch, names.get(watch.category, watch.category)) for watch in watches if watch.category
        ],
        "changes": watching.watched_changes(request.user, since=timezone.now() - timedelta(days=30)),
    }
    return render(request, "wiki/watchlist.html", context)
