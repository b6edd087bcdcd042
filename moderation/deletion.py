"""Nothing is deleted without a moderator, whatever the path; a person may withdraw their own draft.

Wagtail (8.0.1, ``PagePermissionTester.can_delete``) lets whoever may edit a page delete it while
nothing under it is live: with ``change_page`` an editor, a contributor or a translator could remove
another person's draft, a page waiting for moderation or one a moderator unpublished, with all its
revisions and translations. The rule here: who may publish a page (moderators) and superusers delete
it; anyone else only their own untouched draft (``is_own_untouched_draft``). Two layers hold it:

* ``ModeratedPermissionTester``, which ``install`` makes answer for every page model of the project
  (``pages.permissions.InstalledPermissions``: its ``permissions_for_user``, Wagtail's own extension
  point), answers ``can_delete`` with the rule. The admin asks it whether to offer
  "Delete" (the explorer's "more" menu, the page header, the editor's action menu) and, before
  acting, the delete view, the bulk delete action and the admin API's delete action.
* ``refuse_unpermitted_deletions`` (``pre_delete``): during a request, deleting a page the acting
  user may not delete is refused (403), whichever view asked; so is deleting a snippet (taxonomy
  terms, endorsements), an image or a document asked for directly by someone whose Wagtail
  permission policy refuses it ("delete" — for media, only one's own uploads without the change
  right). What a deletion takes with it (a tool's endorsements) is judged at the deletion asked for.

Moving pages keeps Wagtail's rule (which reuses ``can_delete``): a move loses nothing.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Comment,
    CommentReply,
    Page,
    PagePermissionTester,
    Revision,
    WorkflowState,
    get_default_page_content_type,
)
from wagtail.permissions import page_permission_policy, policy_registry
from wagtail.snippets.models import get_snippet_models

from pages.permissions import install_tester

from .publishing import acting_user


def may_delete_page(user, page):
    """Whether ``user`` may delete ``page`` (and what goes with it) by the rule above."""
    if user is None:
        return True  # not a request: the operator's commands
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or page_permission_policy.user_has_permission_for_instance(user, "publish", page):
        return True
    return is_own_untouched_draft(user, page)


def ever_public(page):
    return page.live or bool(page.first_published_at or page.last_published_at or page.live_revision_id)


OWN_DRAFT_FIELDS = (
    "path",
    "owner",
    "live",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "locked",
    "locked_by",
)


def is_own_untouched_draft(user, page):
    """A page ``user`` created, never published nor sent to moderation, with no revision, comment or
    lock of anyone else — and so is everything its deletion takes: its subpages, and the translations
    and aliases Wagtail's delete view removes with it (with their subpages)."""
    if page.owner_id != user.pk or ever_public(page):
        return False  # most pages of a listing: decided without a query
    roots = Page.objects.filter(Q(translation_key=page.translation_key) | Q(alias_of_id=page.pk))
    condition = Q(pk=page.pk)
    for path in roots.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    pages = list(Page.objects.filter(condition).only(*OWN_DRAFT_FIELDS))
    if any(
        other.owner_id != user.pk or ever_public(other) or (other.locked and other.locked_by_id != user.pk)
        for other in pages
    ):
        return False
    ids = [other.pk for other in pages]
    object_ids = [str(pk) for pk in ids]
    page_type = get_default_page_content_type()
    return not (
        WorkflowState.objects.filter(base_content_type=page_type, object_id__in=object_ids).exists()
        or Revision.page_revisions.filter(object_id__in=object_ids).exclude(user=user).exists()
        or Comment.objects.filter(page_id__in=ids).exclude(user=user).exists()
        or CommentReply.objects.filter(comment__page_id__in=ids).exclude(user=user).exists()
    )


class ModeratedPermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        # ours first: for the pages of others it needs no query, Wagtail's rule asks the database
        return may_delete_page(self.user, self.page) and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        # upstream's rule (a move is "delete and add again" there); moving loses nothing
        return super().can_delete(ignore_bulk=True)


def asked_for_directly(instance, origin):
    """The deletion was asked for this object (or a queryset of its model), not cascaded from another."""
    if origin is instance:
        return True
    return isinstance(origin, QuerySet) and origin.model._meta.concrete_model is instance._meta.concrete_model


def guarded_models():
    return (*get_snippet_models(), get_image_model(), get_document_model())


def may_delete_object(user, instance):
    """A snippet, an image or a document: as Wagtail's permission policy for its model says."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return policy_registry.get(instance).user_has_permission_for_instance(user, "delete", instance)


def refuse_unpermitted_deletions(sender, instance, origin=None, **kwargs):
    user = acting_user()
    if user is None:
        return
    if sender is Page:  # every page deleted, each with its own row of ``wagtailcore_page``
        if not may_delete_page(user, instance):
            raise PermissionDenied(_("You may not delete “%(title)s”.") % {"title": instance.title})
    elif (
        issubclass(sender, guarded_models())
        and asked_for_directly(instance, origin)
        and not may_delete_object(user, instance)
    ):
        raise PermissionDenied(_("You may not delete “%(name)s”.") % {"name": instance})


def install():
    """Called once when the project starts (``ModerationConfig.ready``)."""
    install_tester(ModeratedPermissionTester)
    pre_delete.connect(refuse_unpermitted_deletions, dispatch_uid=f"{__name__}.refuse_unpermitted_deletions")
