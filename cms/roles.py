"""Groups, their permissions and the moderation workflow, created idempotently by ``bootstrap``.

| group                   | may                                                                  |
| ----------------------- | -------------------------------------------------------------------- |
| Editors                 | add and edit pages in every locale tree, submit them; never publish   |
| Translators             | submit pages for translation (wagtail-localize)                       |
| Translators (<language>)| add and edit pages in that language's tree only                      |
| Moderators              | approve or reject, publish, unpublish, revert; manage the taxonomy;  |
|                         | approve contributor applications                                     |
| Contributors            | people who signed up, once approved: as Editors                      |

A translator belongs to "Translators" and to the group of each language they work in. Pages and
documents restricted to logged-in users are for the members of these groups and superusers
(``is_member``): an account whose application is pending or declined is in none of them.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
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

TAXONOMY_MODELS = [
    "category",
    "topic",
    "audience",
    "licence",
    "technicalcriterion",
    "hackathoncriterion",
]

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def translators_group_name(language_code):
    return f"{TRANSLATORS} ({language_code})"


def member_group_names():
    """The groups of approved members: staff and contributors, not accounts still waiting for approval."""
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return [EDITORS, TRANSLATORS, MODERATORS, CONTRIBUTORS, *map(translators_group_name, languages)]


def is_member(user):
    """May read pages restricted to logged-in users: a superuser or a member of a group above."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name__in=member_group_names()).exists()


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_pages(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission("wagtailcore", codename)
        )


def grant_media(group):
    root_collection = Collection.get_first_root_node()
    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(app_label, codename)
            )


def grant(group, app_label, codenames):
    group.permissions.add(*(permission(app_label, codename) for codename in codenames))


@transaction.atomic
def ensure_roles(homes):
    """Create the groups, their permissions and the "Moderation" workflow on every locale tree.

    ``homes`` maps each language code to its home page. Returns the groups by name.
    """
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    # people who signed up on the site, once a moderator approved them: editors' rights
    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS)

    for group in (editors, translators, moderators, contributors):
        grant(group, "wagtailadmin", ["access_admin"])
        grant_media(group)

    for home in homes.values():
        grant_pages(editors, home, EDITOR_PAGE_PERMISSIONS)
        grant_pages(contributors, home, EDITOR_PAGE_PERMISSIONS)
        grant_pages(moderators, home, MODERATOR_PAGE_PERMISSIONS)

    grant(translators, "wagtail_localize", ["submit_translation"])
    grant(moderators, "wagtail_localize", ["submit_translation"])
    grant(
        moderators,
        "snippets",
        [f"{action}_{model}" for model in TAXONOMY_MODELS for action in ("add", "change", "delete", "view")],
    )
    grant(editors, "snippets", [f"view_{model}" for model in TAXONOMY_MODELS])
    grant(contributors, "snippets", [f"view_{model}" for model in TAXONOMY_MODELS])
    grant(moderators, "wiki", ["view_contributorapplication", "change_contributorapplication"])
    grant(translators, "snippets", [f"view_{model}" for model in TAXONOMY_MODELS])

    groups = {EDITORS: editors, TRANSLATORS: translators, MODERATORS: moderators, CONTRIBUTORS: contributors}
    for language_code, home in homes.items():
        group, _ = Group.objects.get_or_create(name=translators_group_name(language_code))
        grant(group, "wagtailadmin", ["access_admin"])
        grant_pages(group, home, EDITOR_PAGE_PERMISSIONS)
        groups[group.name] = group

    ensure_workflow(moderators, homes.values())
    return groups


def ensure_workflow(moderators, pages):
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def ensure_locales():
    """The content languages, in settings order; French (the default) first."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }
