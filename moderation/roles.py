"""Groups, what each may do, and the moderation workflow, set by ``bootstrap``.

``ROLES`` declares each group's rights once: ``bootstrap`` gives every group exactly these (and
removes the rights Wagtail's and wagtail-localize's migrations hand out by default, such as adding
pages at the Root or deleting images), the README's role table is ``role_table()``, and a test
checks both. A translator belongs to "Translators" and to the group of each language they work in.
Pages and documents restricted to logged-in users are for the members of these groups and
superusers (``is_member``): an account whose application is pending or declined is in none of them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Editors"
TRANSLATORS = "Translators"
MODERATORS = "Moderators"
CONTRIBUTORS = "Contributors"
WORKFLOW = "Moderation"
APPROVAL_TASK = "Moderators approval"
# endorsements ("we use it", community/): a lighter workflow, one moderator's approval
ENDORSEMENT_WORKFLOW = "Endorsement approval"
ENDORSEMENT_TASK = "Endorsement check"

TAXONOMY_MODELS = [
    "category",
    "topic",
    "audience",
    "licence",
    "technicalcriterion",
    "hackathoncriterion",
]

ADMIN = ("wagtailadmin.access_admin",)
READ_TAXONOMY = tuple(f"snippets.view_{model}" for model in TAXONOMY_MODELS)
MANAGE_TAXONOMY = tuple(
    f"snippets.{action}_{model}"
    for model in TAXONOMY_MODELS
    # "publish": terms created by an import are drafts until a moderator publishes them
    for action in ("add", "change", "delete", "view", "publish")
)
EDIT_PAGES = ("add_page", "change_page", "lock_page")
MODERATE_PAGES = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page")
# Wagtail's media permissions treat "delete" as "change", and let whoever may add media change (and
# so delete) their own uploads: contributors upload and choose; only moderators change or delete
# the media of others.
UPLOAD_MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)
MANAGE_MEDIA = (
    *UPLOAD_MEDIA,
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
)

COMMUNITY_MODERATION = (
    "community.view_endorsement",
    "community.change_endorsement",
    "community.publish_endorsement",
    *(f"community.{action}_membership" for action in ("add", "change", "delete", "view")),
)


@dataclass(frozen=True)
class Role:
    name: str
    may: str  # what the README's role table says
    permissions: tuple[str, ...] = ()  # "app_label.codename", for the whole site
    page_permissions: tuple[str, ...] = ()  # on each language's home page (and everything under it)
    media_permissions: tuple[str, ...] = ()  # on the root collection of images and documents
    language_code: str = ""  # page permissions on this language's home page only


# the "Needs attention" queue of the link and repository checks (vitality/): see it, dismiss an item
CHECKS_QUEUE = ("vitality.view_attention", "vitality.change_attention")

ROLES = [
    Role(
        EDITORS,
        "add and edit pages in every tree, submit them for moderation; delete only their own untouched "
        "drafts (never published nor submitted, with nobody else's revision, comment or translation); "
        "upload and choose images and documents (and, as Wagtail allows, change or delete their own "
        "uploads); read the taxonomy. Never publish, unpublish, delete others' pages, change or delete "
        "others' media, or submit translations. See and dismiss (with a reason) what the link and "
        "repository checks found (vitality/)",
        permissions=ADMIN + READ_TAXONOMY + CHECKS_QUEUE,
        page_permissions=EDIT_PAGES,
        media_permissions=UPLOAD_MEDIA,
    ),
    Role(
        TRANSLATORS,
        "submit pages for translation and sync translations (wagtail-localize: the result is a "
        'draft sent to moderation), from their "To translate" queue; find the pages of every tree in '
        "the admin's search and read them live, without any right to change them; upload and choose "
        "images and documents; read the taxonomy",
        permissions=ADMIN + ("wagtail_localize.submit_translation",) + READ_TAXONOMY,
        media_permissions=UPLOAD_MEDIA,
    ),
    *(
        Role(
            f"{TRANSLATORS} ({code})",
            f"add and edit pages of the /{code}/ tree only, submit them for moderation; delete only "
            "their own untouched drafts there",
            permissions=ADMIN,
            page_permissions=EDIT_PAGES,
            language_code=code,
        )
        for code, _name in settings.LANGUAGES
    ),
    Role(
        MODERATORS,
        "approve or reject (with a comment), publish, unpublish, revert, schedule and delete pages "
        "in every tree; submit and publish translations; manage the taxonomy, images and documents; "
        "approve contributor applications; approve endorsements, publish held arguments, hide reported "
        "items, record who belongs to which organisation; manage the harvested sources and decide "
        "what the harvests propose (harvest/)",
        permissions=ADMIN
        + ("wagtail_localize.submit_translation",)
        + MANAGE_TAXONOMY
        + ("wiki.view_contributorapplication", "wiki.change_contributorapplication")
        + COMMUNITY_MODERATION
        + tuple(f"harvest.{action}_source" for action in ("add", "change", "delete", "view"))
        + CHECKS_QUEUE,
        page_permissions=MODERATE_PAGES,
        media_permissions=MANAGE_MEDIA,
    ),
    Role(
        CONTRIBUTORS,
        "people who signed up on the site, once a moderator approved them: the same as Editors, "
        "except the checks' queue. Every "
        "member of a group here may also argue, vote, report and declare uses on the site (community/)",
        permissions=ADMIN + READ_TAXONOMY,
        page_permissions=EDIT_PAGES,
        media_permissions=UPLOAD_MEDIA,
    ),
]


def translators_group_name(language_code):
    return f"{TRANSLATORS} ({language_code})"


# What the admin shows for the rows above, in the admin's language; the rows keep their English
# names, by which code and bootstrap find them (printed in the admin, core/compat.py shows these instead).
DISPLAY_NAMES = {
    EDITORS: _("Editors"),
    TRANSLATORS: _("Translators"),
    MODERATORS: _("Moderators"),
    CONTRIBUTORS: _("Contributors"),
    WORKFLOW: _("Moderation"),
    APPROVAL_TASK: _("Moderators approval"),
    ENDORSEMENT_WORKFLOW: _("Endorsement approval"),
    ENDORSEMENT_TASK: _("Endorsement check"),
}


def display_name(name):
    """``name`` (a group, workflow or task name) as the admin shows it in the active language."""
    if name in DISPLAY_NAMES:
        return str(DISPLAY_NAMES[name])
    for code, _language in settings.LANGUAGES:
        if name == translators_group_name(code):
            return _("Translators (%(language)s)") % {"language": code}
    return name


def role_table():
    """The README's role table, from ``ROLES``."""
    rows = ["| group | may |", "| --- | --- |"]
    rows += [f"| {role.name} | {role.may} |" for role in ROLES]
    rows.append("| Administrators | Django superusers: everything |")
    return "\n".join(rows)


def member_group_names():
    """The groups of approved members (every role): not accounts still waiting for approval."""
    return [role.name for role in ROLES]


def is_member(user):
    """May read pages restricted to logged-in users: a superuser or a member of a group above."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name__in=member_group_names()).exists()


def permission(label):
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(codename):
    return permission(f"wagtailcore.{codename}")


def ensure_role(role, homes):
    """Give the role's group exactly the role's rights, whatever it had before."""
    group, _ = Group.objects.get_or_create(name=role.name)
    group.permissions.set([permission(label) for label in role.permissions])

    pages = [homes[role.language_code]] if role.language_code else list(homes.values())
    wanted = {(page.pk, page_permission(codename).pk) for page in pages for codename in role.page_permissions}
    existing = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id"))
    for page_id, permission_id in existing - wanted:
        GroupPagePermission.objects.filter(group=group, page_id=page_id, permission_id=permission_id).delete()
    for page_id, permission_id in wanted - existing:
        GroupPagePermission.objects.create(group=group, page_id=page_id, permission_id=permission_id)

    root_collection = Collection.get_first_root_node()
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root_collection, permission__in=[permission(label) for label in role.media_permissions]
    ).delete()
    for label in role.media_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission(label)
        )
    return group


@transaction.atomic
def ensure_roles(homes):
    """Create the groups with exactly their declared rights, and the "Moderation" workflow.

    ``homes`` maps each language code to its home page. Returns the groups by name.
    """
    groups = {role.name: ensure_role(role, homes) for role in ROLES}
    ensure_workflow(groups[MODERATORS], homes.values())
    ensure_endorsement_workflow(groups[MODERATORS])
    return groups


def one_step_workflow(name, task_name, moderators):
    """An active workflow of one group-approval task for ``moderators`` (created when missing)."""
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def ensure_workflow(moderators, pages):
    workflow = one_step_workflow(WORKFLOW, APPROVAL_TASK, moderators)
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def ensure_endorsement_workflow(moderators):
    """The one-step workflow of endorsements: one moderator's approval publishes them."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    workflow = one_step_workflow(ENDORSEMENT_WORKFLOW, ENDORSEMENT_TASK, moderators)
    endorsement = ContentType.objects.get_for_model(apps.get_model("community", "Endorsement"))
    WorkflowContentType.objects.update_or_create(content_type=endorsement, defaults={"workflow": workflow})
    return workflow


def is_translator(user):
    """Someone in a "Translators (xx)" group: their queue is on their dashboard."""
    names = {translators_group_name(code) for code, _name in settings.LANGUAGES}
    return user.groups.filter(name__in=names).exists()


# The inactive account that bulk imports submit as (``opendata/importer.py``); the review shows its
# submissions as an import's, not a person's.
IMPORT_USERNAME = "import"
