"""What the admin shows of pages one may not change: only what visitors see (``pages.relations.readable``).

Wagtail 8 has no read-only page right: translators have page rights in their own tree only, yet
find and read the live pages of every tree (README, "Roles and moderation"). Wagtail's page search
and listings either hide every other tree (``explorable_instances``, its default) or, with
``WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = False``, show everything, drafts and private
pages included. Here every admin list of pages shows what the user may read — the live public pages,
and everything in the trees they have rights on — at Wagtail's own extension points:

* the page views (explorer listing and its search, the admin search, "Pages using" a type) are
  Wagtail's, given a permission policy whose ``explorable_instances`` is what the user may read
  (``ReadablePageViewSet``, registered for ``Page`` in ``access/wagtail_hooks.py``); Wagtail's other
  uses of ``explorable_instances`` (the explorer menu, the site history) keep its own;
* the page chooser's lists and search (hook ``construct_page_chooser_queryset``);
* three admin addresses that name pages without a list to filter, replaced at their addresses
  (``access/admin_urls.py``, before the admin's in cms/urls.py): the chooser's view of a page's children and
  its "chosen" answer (both take a page id, and would tell any title), and the page types report,
  whose "last edited" column names the newest page of each type.
"""

from django.db.models import F, OuterRef, Subquery
from django.http import Http404
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from pages.relations import readable


class ReadingPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, but the page listings and searches show what the user may read
    as well as the pages (and their ancestors) they have rights on."""

    def explorable_instances(self, user):
        return super().explorable_instances(user) | readable(Page.objects.all(), user)


reading_policy = ReadingPolicy(Page)


class ReadableSearchView(SearchView):
    permission_policy = reading_policy


class ReadableExplorableIndexView(ExplorableIndexView):
    permission_policy = reading_policy


class ReadableContentTypeUseView(ContentTypeUseView):
    permission_policy = reading_policy


class ReadablePageViewSet(PageViewSet):
    """Wagtail's page views, with the listings above; every other view is Wagtail's own."""

    search_view_class = ReadableSearchView
    index_view_class = ReadableExplorableIndexView
    content_type_use_view_class = ReadableContentTypeUseView


def chooser_queryset(pages, request):
    """Hook ``construct_page_chooser_queryset``: the chooser lists and finds what the user may read."""
    return readable(pages, request.user)


class BrowseView(chooser.BrowseView):
    """The chooser's view of one page's children: 404 for a page the user may not read."""

    def get(self, request, parent_page_id=None):
        if parent_page_id and not readable(Page.objects.filter(pk=parent_page_id), request.user).exists():
            raise Http404
        return super().get(request, parent_page_id)


class ChosenMultipleView(chooser.ChosenMultipleView):
    """The chooser's answer for the pages ticked: only those the user may read (it tells their titles)."""

    def get(self, request):
        ids = [value for value in request.GET.getlist("id") if value.isdigit()]
        shown = readable(Page.objects.filter(pk__in=ids), request.user).values_list("pk", flat=True)
        query = request.GET.copy()
        query.setlist("id", [str(pk) for pk in shown])
        request.GET = query
        return super().get(request)


class PageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's page types report, whose "last edited page" is the newest one the user may read."""

    def get_queryset(self):
        queryset = super().get_queryset()
        newest = readable(Page.objects.filter(content_type=OuterRef("pk")), self.request.user)
        locale = self.filters.form.cleaned_data.get("page_locale")
        site = self.filters.form.cleaned_data.get("site")
        if locale:
            newest = newest.filter(locale__language_code=locale)
        if site:
            newest = newest.filter(path__startswith=site)
        newest = newest.order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
        return queryset.annotate(readable_last_edited_page_id=Subquery(newest.values("pk")[:1]))

    def decorate_paginated_queryset(self, page_types):
        for page_type in page_types:
            page_type.last_edited_page_id = page_type.readable_last_edited_page_id
        return super().decorate_paginated_queryset(page_types)
