"""Each group has exactly the rights the role table declares: no more (Wagtail's defaults), no less."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from moderation import roles
from pages.tools import ToolIndexPage, ToolPage
from tests.factories import section
from tests.helpers.users import client_for, make_user

pytestmark = pytest.mark.django_db

ROLE_TABLE_DOC = Path(__file__).resolve().parents[2] / "docs" / "reference" / "moderation-and-roles.md"


def rights_of(group):
    """What a group may do, as the database says: site-wide, on pages, on media collections."""
    return {
        "permissions": {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        },
        "pages": {
            (row.page.specific.locale.language_code, row.page.depth, row.permission.codename)
            for row in GroupPagePermission.objects.filter(group=group).select_related("page", "permission")
        },
        "media": {
            (row.collection.depth, f"{row.permission.content_type.app_label}.{row.permission.codename}")
            for row in GroupCollectionPermission.objects.filter(group=group).select_related(
                "collection", "permission__content_type"
            )
        },
    }


def declared_rights(role):
    languages = [role.language_code] if role.language_code else ["fr", "en", "es"]
    return {
        "permissions": set(role.permissions),
        # home pages are at depth 2, under the Root: nothing is granted on the Root itself
        "pages": {(code, 2, codename) for code in languages for codename in role.page_permissions},
        "media": {(1, label) for label in role.media_permissions},
    }


@pytest.mark.parametrize("role", roles.ROLES, ids=lambda role: role.name)
def test_each_group_has_exactly_the_rights_of_its_role(role):
    assert rights_of(Group.objects.get(name=role.name)) == declared_rights(role)


def test_the_documented_role_table_is_the_declared_one():
    assert roles.role_table() in ROLE_TABLE_DOC.read_text(encoding="utf-8")


def test_bootstrap_takes_back_rights_a_group_should_not_have():
    editors = Group.objects.get(name=roles.EDITORS)
    GroupPagePermission.objects.create(
        group=editors,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page"),
    )
    editors.permissions.add(Permission.objects.get(codename="delete_image"))

    call_command("bootstrap", stdout=io.StringIO())

    assert rights_of(editors) == declared_rights(roles.ROLES[0])


def test_an_editor_cannot_add_or_edit_pages_at_the_root(client):
    user = make_user("erin", roles.EDITORS)
    client_for(client, user)
    root = Page.get_first_root_node()
    assert not root.permissions_for_user(user).can_add_subpage()
    assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[root.pk])).status_code in {302, 403}
    # … while the language trees stay theirs
    tools = section(ToolIndexPage, "es")
    add_tool = reverse("wagtailadmin_pages:add", args=["pages", "toolpage", tools.pk])
    assert client.get(add_tool).status_code == 200


@pytest.mark.parametrize(
    "group,may_delete", [(roles.EDITORS, False), (roles.CONTRIBUTORS, False), (roles.MODERATORS, True)]
)
def test_only_moderators_delete_the_images_and_documents_of_others(client, group, may_delete):
    uploader = make_user("uploader", roles.EDITORS)
    client_for(client, make_user("media-person", group))
    collection = Collection.get_first_root_node()
    image = get_image_model().objects.create(
        title="Logo", file=get_test_image_file(), collection=collection, uploaded_by_user=uploader
    )
    document = get_document_model().objects.create(
        title="Rapport",
        file=SimpleUploadedFile("rapport.txt", b"texte"),
        collection=collection,
        uploaded_by_user=uploader,
    )

    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    client.post(reverse("wagtaildocs:delete", args=[document.pk]))

    assert get_image_model().objects.filter(pk=image.pk).exists() is not may_delete
    assert get_document_model().objects.filter(pk=document.pk).exists() is not may_delete


def test_editors_do_not_submit_translations_translators_do(client):
    tool = ToolPage.objects.filter(locale__language_code="fr", live=True).first()
    url = reverse("wagtail_localize:submit_page_translation", args=[tool.pk])
    client_for(client, make_user("erin", roles.EDITORS))
    assert client.get(url).status_code in {302, 403}  # Wagtail sends those without the right home
    client_for(client, make_user("tess", roles.TRANSLATORS, roles.translators_group_name("es")))
    assert client.get(url).status_code == 200
