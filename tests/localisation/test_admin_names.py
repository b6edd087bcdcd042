"""Our groups, workflow and task show in the admin's language; their rows keep the names code uses."""

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
        assert (workflow.name, task.name, str(group)) == (
            "Moderación",
            "Aprobación de los moderadores",
            "Traductores (es)",
        )
    with translation.override("fr"):
        assert str(Group.objects.get(name=roles.MODERATORS)) == "Modérateurs et modératrices"
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
