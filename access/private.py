"""Private pages and documents, beyond Wagtail's own rules.

* Wagtail lets any account through a "logged-in users" restriction; here such a page (or a document
  of such a collection) is for approved members only (``roles.is_member``). An account whose
  application is pending or declined is told so, and sees nothing of the content. Listings, search,
  feeds, exports and the API already leave out every restricted page, for everyone
  (``pages.relations.visible``), and every alias of one: an alias shows its original, so it is as
  private as the original and its sections (``pages.relations.view_restrictions`` when served).
* The shared password of a page or collection is throttled like a login: per restriction and client
  address, ``AXES_FAILURE_LIMIT`` attempts, then refused for ``AXES_COOLOFF_TIME`` hours, the right
  password included. The views wrap Wagtail's own, at their addresses (cms/urls.py).
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views
from wagtail.models import BaseViewRestriction, CollectionViewRestriction, PageViewRestriction

from cms.clients import limited_address
from cms.parameters import reads
from cms.throttling import Throttle
from moderation import roles

# Wagtail's label for a login restriction in the privacy dialog says "any logged-in users"; our
# catalogues (which come first) reword it in every language, English included, since such pages are
# for approved members only. Named here so that the catalogues keep the entry.
LOGIN_RESTRICTION_LABEL = _("Private, accessible to any logged-in users")


def refusal(request, restrictions):
    """The answer for a signed-in non-member under a login restriction, or None to carry on.

    Visitors who are not signed in are left to Wagtail, which sends them to the login page.
    """
    user = request.user
    if not user.is_authenticated:
        return None
    if not any(r.restriction_type == BaseViewRestriction.LOGIN for r in restrictions):
        return None
    if roles.is_member(user):
        return None
    application = getattr(user, "contributor_application", None)
    response = TemplateResponse(
        request,
        "private/members_only.html",
        {"application_status": application.status if application else ""},
        status=403,
    )
    add_never_cache_headers(response)
    return response


def passwords():
    return Throttle(
        "view-restriction-password", settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME * 3600
    )


def _throttled(request, model, restriction_id, view, *args):
    if request.method != "POST":
        return view(request, *args)
    client, target = limited_address(request), f"{model._meta.label}:{restriction_id}"
    throttle = passwords()
    if not throttle.attempt(client, target):
        response = TemplateResponse(
            request, "private/too_many_passwords.html", {"minutes": throttle.minutes}, status=429
        )
        add_never_cache_headers(response)
        return response
    response = view(request, *args)
    if restriction_id in request.session.get(model.passed_view_restrictions_session_key, []):
        throttle.clear(client, target)
    return response


@reads()
def page_password(request, page_view_restriction_id, page_id):
    return _throttled(
        request,
        PageViewRestriction,
        page_view_restriction_id,
        wagtail_views.authenticate_with_password,
        page_view_restriction_id,
        page_id,
    )


@reads()
def document_password(request, restriction_id):
    return _throttled(
        request,
        CollectionViewRestriction,
        restriction_id,
        document_views.authenticate_with_password,
        restriction_id,
    )
