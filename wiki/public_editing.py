"""Who may change a public page, and the way to the editor for everyone else.

A visitor who may edit the page (Wagtail's page permissions: their groups' rights on the tree it is
in) gets its editor; for a synced translation Wagtail's edit address opens wagtail-localize's
translation editor, so the address is the same for every page. Everyone else gets the page
"suggest a change", which says what stands between them and the editor: an account, a moderator's
approval, or rights on this language's pages.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .models import ContributorApplication

EDIT = "edit"
SUGGEST = "suggest"

# what stands between a signed-in account and the editor of a page it may not edit
PENDING = "pending"
DECLINED = "declined"
NO_RIGHTS = "no_rights"


@dataclass(frozen=True)
class Editing:
    action: str  # EDIT or SUGGEST
    url: str


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def may_edit(user, page):
    return (
        bool(user and user.is_authenticated and user.is_active) and page.permissions_for_user(user).can_edit()
    )


def editing(user, page):
    """The link a public page offers ``user``: its editor, or the page explaining how to change it."""
    if may_edit(user, page):
        return Editing(EDIT, edit_url(page))
    return Editing(SUGGEST, reverse("suggest_change", args=[page.pk]))


def account_state(user):
    """Why a signed-in ``user`` who may not edit a page cannot: PENDING, DECLINED or NO_RIGHTS."""
    application = ContributorApplication.objects.filter(user=user).first()
    if application and application.status == ContributorApplication.Status.PENDING:
        return PENDING
    if application and application.status == ContributorApplication.Status.REJECTED:
        return DECLINED
    return NO_RIGHTS


def safe_next(request, value):
    """``value`` when it is an address of this site (for ``?next=``), else None."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None
