"""Each page type lives only where the content model puts it."""

import pytest
from wagtail.models import Page

from pages.collections import CollectionIndexPage, CollectionPage
from pages.hackathons import HackathonIndexPage, HackathonPage, HackathonProjectPage
from pages.home import HomePage
from pages.organisations import OrganisationIndexPage, OrganisationPage
from pages.tools import ToolIndexPage, ToolPage
from pages.use_cases import UseCaseIndexPage, UseCasePage
from tests.factories import section

SECTIONS = [ToolIndexPage, UseCaseIndexPage, OrganisationIndexPage, CollectionIndexPage, HackathonIndexPage]
PLACEMENT = {
    HomePage: [Page],
    ToolIndexPage: [HomePage],
    UseCaseIndexPage: [HomePage],
    OrganisationIndexPage: [HomePage],
    CollectionIndexPage: [HomePage],
    HackathonIndexPage: [HomePage],
    ToolPage: [ToolIndexPage],
    UseCasePage: [UseCaseIndexPage],
    OrganisationPage: [OrganisationIndexPage],
    CollectionPage: [CollectionIndexPage],
    HackathonPage: [HackathonIndexPage],
    HackathonProjectPage: [HackathonPage],
}
ALL_PARENTS = [
    Page,
    HomePage,
    *SECTIONS,
    ToolPage,
    UseCasePage,
    OrganisationPage,
    CollectionPage,
    HackathonPage,
]


@pytest.mark.parametrize("child", list(PLACEMENT))
def test_each_page_type_accepts_only_its_parent_types(child):
    allowed = set(PLACEMENT[child])
    assert set(child.allowed_parent_page_models()) == allowed
    for parent in ALL_PARENTS:
        assert (child in parent.allowed_subpage_models()) == (parent in allowed), (child, parent)


def test_catalogue_entries_are_leaves_except_hackathons():
    for model in (ToolPage, UseCasePage, OrganisationPage, CollectionPage, HackathonProjectPage):
        assert model.allowed_subpage_models() == []
    assert HackathonPage.allowed_subpage_models() == [HackathonProjectPage]


@pytest.mark.django_db
def test_a_locale_tree_has_one_section_of_each_kind():
    home = HomePage.objects.get(locale__language_code="en")
    for model in SECTIONS:
        assert model.objects.child_of(home).count() == 1
        assert not model.can_create_at(home), f"a second {model.__name__} was allowed"


@pytest.mark.django_db
def test_the_admin_refuses_a_tool_under_the_use_case_section(editor_client):
    use_cases = section(UseCaseIndexPage)
    response = editor_client.get(f"/admin/pages/add/pages/toolpage/{use_cases.pk}/")
    # Wagtail answers a forbidden page type with a redirect to the dashboard and an error message
    assert response.status_code == 302
    assert response.url == "/admin/"
    tools = section(ToolIndexPage)
    assert editor_client.get(f"/admin/pages/add/pages/toolpage/{tools.pk}/").status_code == 200
