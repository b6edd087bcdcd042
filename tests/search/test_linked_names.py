"""A page is found by the names of the pages it links to, but only of pages visitors may see.

A tool's document carries the names of its organisations (a use case's, its tools…), so that a
search for an organisation finds the tools it makes. A draft, unpublished or private organisation
must not be found that way, nor shown in a snippet, and must stop being found the moment it is
unpublished or restricted.
"""

import pytest
from wagtail.models import PageViewRestriction

from pages.tools import ToolOrganisation
from tests.factories import OrganisationPageFactory, tool
from tests.helpers.search import ENGINES

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(engine):
    organisation = OrganisationPageFactory(title="Zorglubia Fondation", live=False)
    organisation.save_revision()
    page = tool("Outil lié", summary="Un outil publié.")
    ToolOrganisation.objects.create(page=page, organisation=organisation, role="contributor")
    engine.publish(page)
    return page, organisation


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_a_draft_organisation_does_not_make_its_tools_findable_by_its_name(engine, linked, client):
    assert engine.titles("Zorglubia") == []
    assert "Outil lié" not in client.get("/fr/search/", {"q": "Zorglubia"}).content.decode()


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_publishing_unpublishing_and_restricting_the_organisation_follow_at_once(engine, linked):
    _page, organisation = linked

    engine.publish(organisation)
    assert set(engine.titles("Zorglubia")) == {"Outil lié", "Zorglubia Fondation"}

    organisation.refresh_from_db()  # live, as the publish left it
    engine.unpublish(organisation)
    assert engine.titles("Zorglubia") == []

    engine.publish(organisation)
    engine.after(
        lambda: PageViewRestriction.objects.create(
            page=organisation, restriction_type=PageViewRestriction.LOGIN
        )
    )
    assert engine.titles("Zorglubia") == []


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_deleting_the_organisation_removes_its_name_from_the_tools(engine, linked):
    _page, organisation = linked
    engine.publish(organisation)
    assert "Outil lié" in engine.titles("Zorglubia")

    engine.after(organisation.delete)

    assert engine.titles("Zorglubia") == []
