"""Our groups, workflow and task show in the admin's language; their rows keep the names code uses.

What ``name`` returns is the stored name, printed in the admin's language (core/compat.py,
"displayed names"): a display name never stands in for the stored identity."""

import pytest
from django.contrib.auth.models import Group
from django.core import serializers
from django.urls import reverse
from django.utils import translation
from wagtail.models import Task, Workflow

from moderation import roles
from tests.factories import live_tool
from tests.helpers.html import text_of
from tests.helpers.users import client_for

from .test_admin_language import speaking

pytestmark = pytest.mark.django_db


def test_names_read_in_the_active_language():
    workflow = Workflow.objects.get(name=roles.WORKFLOW)
    task = Task.objects.get(name=roles.APPROVAL_TASK).specific
    group = Group.objects.get(name=roles.translators_group_name("es"))

    with translation.override("es"):
        assert (str(workflow.name), str(task.name), str(group.name)) == (
            "Moderación",
            "Aprobación de los moderadores",
            "Traductores (es)",
        )
    with translation.override("fr"):
        assert str(Group.objects.get(name=roles.MODERATORS).name) == "Modérateurs et modératrices"
    with translation.override("en"):
        assert str(workflow.name) == "Moderation"
    with translation.override("es"):
        assert workflow.name == roles.WORKFLOW  # code comparing names is not fooled


def test_the_rows_keep_their_names():
    with translation.override("es"):
        workflow = Workflow.objects.get(name=roles.WORKFLOW)
        workflow.save()
        group = Group.objects.get(name=roles.EDITORS)
        group.save()
        dumped = serializers.serialize("json", [group])

    assert Workflow.objects.filter(name="Moderation").exists()
    assert Group.objects.filter(name="Editors").exists()
    assert '"name": "Editors"' in dumped
    with translation.override("es"):
        assert group.natural_key() == ("Editors",)


def test_a_spanish_moderator_sees_the_workflow_and_task_in_spanish(client, editor, moderator):
    page = live_tool("Quiscale ouvert")
    page.save_revision(user=editor)
    Workflow.objects.get(name=roles.WORKFLOW).start(page, editor)

    moderator_client = client_for(client, speaking(moderator, "es"))
    shown = text_of(moderator_client.get(reverse("wagtailadmin_pages:workflow_history", args=[page.pk])))

    assert "Moderación" in shown
    assert "Moderators approval" not in shown


OUR_GROUPS = [
    roles.translators_group_name("es"),
    roles.translators_group_name("fr"),
    roles.MODERATORS,
    roles.EDITORS,
]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_group_is_found_again_by_the_name_it_reads_in_any_admin_language(language):
    with translation.override(language):
        for name in OUR_GROUPS:
            group = Group.objects.get(name=name)
            assert Group.objects.get(name=group.name) == group
            assert Group.objects.filter(name__in=[group.name]).get() == group
        workflow = Workflow.objects.get(name=roles.WORKFLOW)
        assert Workflow.objects.get(name=workflow.name) == workflow
        task = Task.objects.get(name=roles.APPROVAL_TASK)
        assert Task.objects.get(name=task.name) == task


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        (
            "fr",
            ["Traducteurs et traductrices (es)", "Modérateurs et modératrices", "Rédacteurs et rédactrices"],
        ),
        ("es", ["Traductores (es)", "Moderadores", "Editores"]),
    ],
)
def test_the_admins_group_list_shows_the_groups_in_its_language(client, superuser, language, shown):
    admin = client_for(client, speaking(superuser, language))
    page = text_of(admin.get(reverse("wagtailusers_groups:index")))

    for name in shown:
        assert name in page
    assert "Translators (es)" not in page


@pytest.mark.parametrize(
    ("language", "workflow", "task"),
    [
        ("fr", "Modération", "Validation par la modération"),
        ("es", "Moderación", "Aprobación de los moderadores"),
    ],
)
def test_the_workflow_screens_show_the_workflow_and_task_in_the_admins_language(
    client, superuser, language, workflow, task
):
    admin = client_for(client, speaking(superuser, language))
    workflows = text_of(admin.get(reverse("wagtailadmin_workflows:index")))
    tasks = text_of(admin.get(reverse("wagtailadmin_workflows:task_index")))

    assert workflow in workflows and task in workflows
    assert task in tasks
    assert "Moderators approval" not in workflows + tasks


def test_saving_a_group_in_the_spanish_admin_keeps_its_stored_name(client, superuser):
    group = Group.objects.get(name=roles.translators_group_name("es"))
    admin = client_for(client, speaking(superuser, "es"))
    edit = reverse("wagtailusers_groups:edit", args=[group.pk])
    form = admin.get(edit).context["form"]

    assert form["name"].value() == "Translators (es)"  # what the name field shows, and sends back
    assert 'value="Translators (es)"' in form["name"].as_widget()
