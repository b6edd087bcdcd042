"""Nothing goes live without someone who may publish it, whatever the path.

Wagtail's own views (edit, revert, bulk actions, copy, aliases, scheduling) check the publish
right. wagtail-localize's do not everywhere: "Sync translated pages" with "Publish immediately"
checks only the right to submit translations, "Convert to alias" only the right to edit, and
submitting an existing live translation again writes its new text straight into the live page.
Two layers close these, at the mechanisms they all go through:

* ``create_or_update_translation`` (every wagtail-localize path that writes a translation, whose
  method core/compat.py hands to ``guard_translation``): a
  publish asked for by someone who may not publish becomes a draft sent to the moderators, and a
  draft of a live translation is kept as a revision only — wagtail-localize would otherwise write it
  into the live page's row, where visitors read it.
* ``refuse_unpublishable_saves`` (``pre_save`` of every page and taxonomy term): during a request, a
  save that changes what visitors see — a live page's row beyond Wagtail's bookkeeping, a page
  going live, a taxonomy term — by someone who may not publish it is refused (403), whichever view
  asked for it. Management commands and the operator's scripts run outside requests.
"""

from contextvars import ContextVar

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.models import get_snippet_models

from core import compat
from core.translations import save_translation_draft

# The request being served, for the checks of code that is not given the user (model saves).
current_request = ContextVar("current_request", default=None)

# Fields that Wagtail writes on a live page's row without changing what visitors see: drafts
# (revisions), locks, comments, the tree's child count, an alias becoming an ordinary page.
BOOKKEEPING_FIELDS = {
    "wagtail_admin_comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
    "numchild",
    "alias_of_id",
    "live_revision",
}


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


def acting_user():
    """The signed-in (or anonymous) user of the current request; None outside requests."""
    request = current_request.get()
    return getattr(request, "user", None) if request is not None else None


def may_publish(user, obj):
    """Whether ``user`` may make ``obj`` (a page, or a taxonomy term) what visitors see."""
    if user is None:
        return True  # not a request: the operator's commands
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if isinstance(obj, _NewChild):
        return obj.parent is not None and obj.parent.permissions_for_user(user).can_publish_subpage()
    if isinstance(obj, Page):
        if not obj._state.adding:
            return obj.permissions_for_user(user).can_publish()
        parent = obj.get_parent()
        return parent is not None and parent.permissions_for_user(user).can_publish_subpage()
    options = obj._meta
    action = "publish" if isinstance(obj, DraftStateMixin) else "add" if obj._state.adding else "change"
    return user.has_perm(f"{options.app_label}.{action}_{options.model_name}")


def changes_what_visitors_see(page, update_fields):
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
        return False
    if page.live:
        return True
    return bool(page.pk) and Page.objects.filter(pk=page.pk, live=True).exists()


def refuse_unpublishable_saves(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    user = acting_user()
    if user is None:
        return
    if isinstance(instance, Page):
        if changes_what_visitors_see(instance, update_fields) and not may_publish(user, instance):
            raise PermissionDenied(_("You may not publish “%(title)s”.") % {"title": instance.title})
    elif sender in get_snippet_models() and not may_publish(user, instance):
        if _is_contributors_draft(instance, update_fields):
            return
        raise PermissionDenied(_("You may not change “%(name)s”.") % {"name": instance})


def _is_contributors_draft(instance, update_fields):
    """A snippet that contributors write from the site (an endorsement, ``drafted_by_contributors``):
    its draft, never live, is theirs to save, and so is taking it back (its ``withdrawal_fields``);
    making it live, or changing it while it is live, stays a publisher's act."""
    if not getattr(instance, "drafted_by_contributors", False):
        return False
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS | set(
        instance.withdrawal_fields
    ):
        return True
    if instance.live:
        return False
    return not (instance.pk and type(instance).objects.filter(pk=instance.pk, live=True).exists())


def _translated_parent_child(original, locale):
    """A stand-in for a translation not created yet, to ask who may publish under its parent."""
    parent = original.get_parent()
    translated_parent = parent.get_translation_or_none(locale) if parent is not None else None
    return _NewChild(translated_parent or parent)


class _NewChild:
    def __init__(self, parent):
        self.parent = parent


def tell(text):
    request = current_request.get()
    if request is not None:
        messages.warning(request, text, fail_silently=True)  # silently: a request without messages


def send_to_moderation(page, user):
    """Start the page's moderation workflow on its latest revision, unless one is under way."""
    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    if workflow is None:
        return False
    if not page.workflow_in_progress:
        workflow.start(page, user)
    return True


def guard_translation(
    create_or_update_translation,
    source,
    locale,
    user=None,
    publish=True,
    copy_parent_pages=False,
    fallback=False,
):
    """wagtail-localize's ``TranslationSource.create_or_update_translation`` (passed in), guarded
    (see above; core/compat.py puts this in its place). Returns what it does: ``(translated
    instance, created)``."""
    original = source.get_source_instance()
    if not isinstance(original, Page):
        return create_or_update_translation(source, locale, user, publish, copy_parent_pages, fallback)
    try:
        target = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        target = None
    actor = user or acting_user()
    allowed = not publish or may_publish(actor, target or _translated_parent_child(original, locale))
    if target is not None and target.live and target.alias_of_id and not may_publish(actor, target):
        # an alias shows its original, live: turning it into a translation writes the live row
        raise PermissionDenied(_("You may not publish “%(title)s”.") % {"title": target.title})
    if target is not None and target.live and not target.alias_of_id and (not publish or not allowed):
        result = (save_translation_draft(source, locale, user), False)
    else:
        result = create_or_update_translation(
            source, locale, user, publish and allowed, copy_parent_pages, fallback
        )
    if publish and not allowed:
        page = result[0]
        moderated = send_to_moderation(page, user)
        tell(
            (
                _("“%(title)s” (%(language)s) was sent to the moderators instead of being published.")
                if moderated
                else _("“%(title)s” (%(language)s) was saved as a draft instead of being published.")
            )
            % {"title": page.title, "language": locale.get_display_name()}
        )
    return result


def install():
    """Called once when the project starts (``ModerationConfig.ready``)."""
    compat.provide(compat.TRANSLATION_PUBLISH_GUARD, guard_translation)
    pre_save.connect(refuse_unpublishable_saves, dispatch_uid=f"{__name__}.refuse_unpublishable_saves")
