"""Wagtail hooks of the site as a whole: who may read private pages and documents (access/private.py),
and what the admin lists of the pages one may not change (access/admin_pages.py)."""

from wagtail import hooks

from .admin_pages import ReadablePageViewSet, chooser_queryset
from .private import refusal


@hooks.register("on_serve_page")
def members_only_pages(serve):
    def serve_to_members(page, request, args, kwargs):
        if request.user.is_authenticated:
            refused = refusal(request, page.get_view_restrictions())
            if refused is not None:
                return refused
        return serve(page, request, args, kwargs)

    return serve_to_members


@hooks.register("before_serve_document")
def members_only_documents(document, request):
    if request.user.is_authenticated:
        return refusal(request, document.collection.get_view_restrictions())
    return None


# after Wagtail's own viewset for every page type (order 0), which this one replaces
@hooks.register("register_admin_viewset", order=100)
def register_readable_page_viewset():
    return ReadablePageViewSet("readable_pages")


hooks.register("construct_page_chooser_queryset", chooser_queryset)
