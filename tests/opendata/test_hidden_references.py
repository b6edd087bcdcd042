"""A live entry that points at a draft, unpublished or private page does not give that page away.

Exports and the API carry references as translation keys: the key of a page visitors cannot see
(and so its title or address, which the key leads to) must not appear, even from a live page.
"""

import json

import pytest
from wagtail.models import Locale, PageViewRestriction

from pages.tools import ToolOrganisation, ToolPage
from tests.factories import OrganisationPageFactory, tool

pytestmark = pytest.mark.django_db


def organisation(title, live=True, private=False):
    page = OrganisationPageFactory(title=title, live=live)
    if live:
        page.save_revision().publish()
    if private:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def linked_tool():
    """A live tool linked to a live, a draft, an unpublished and a private organisation."""
    shown = organisation("Organisation publiée")
    draft = organisation("Organisation en brouillon", live=False)
    unpublished = organisation("Organisation retirée")
    unpublished.unpublish()
    private = organisation("Organisation privée", private=True)
    page = tool("Outil lié", summary="Un outil publié.")
    for target in (shown, draft, unpublished, private):
        ToolOrganisation.objects.create(page=page, organisation=target, role="contributor")
    page.save_revision().publish()
    return ToolPage.objects.get(pk=page.pk), shown, [draft, unpublished, private]


def entry_of(entries, page):
    return next(entry for entry in entries if entry["translation_key"] == str(page.translation_key))


def body(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/fr/export/tools.json",
        "/fr/export/catalogue.json",
        "/fr/export/tools.csv",
        "/fr/export/search.json?q=lié",
    ],
)
def test_exports_leave_out_references_to_pages_visitors_cannot_see(client, linked_tool, url):
    _page, shown, hidden = linked_tool

    text = body(client.get(url))

    # a CSV names pages by title, the other exports by translation key
    assert (shown.title if url.endswith(".csv") else str(shown.translation_key)) in text
    for target in hidden:
        assert str(target.translation_key) not in text, f"{target.title} leaked through {url}"
        assert target.title not in text


def test_the_api_leaves_out_references_to_pages_visitors_cannot_see(client, linked_tool):
    page, shown, hidden = linked_tool

    one = json.loads(client.get(f"/api/v1/entries/{page.translation_key}?language=fr").content)
    listing = client.get("/api/v1/entries?language=fr&type=tool&page_size=100").content.decode()

    assert [link["organisation"] for link in one["organisation_links"]] == [str(shown.translation_key)]
    for target in hidden:
        assert str(target.translation_key) not in listing


def test_a_reference_stands_for_its_translation_group(client, linked_tool):
    """The linked French page is a draft, but its Spanish translation is live: the group is public."""
    page, _shown, hidden = linked_tool
    draft = hidden[0]
    spanish = draft.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.save_revision().publish()

    entries = json.loads(body(client.get("/fr/export/tools.json")))["entries"]

    keys = [link["organisation"] for link in entry_of(entries, page)["organisation_links"]]
    assert str(draft.translation_key) in keys


def test_a_live_project_of_an_unpublished_hackathon_does_not_name_it(client):
    from pages.hackathons import HackathonPage, HackathonProjectPage

    project = HackathonProjectPage.objects.filter(locale__language_code="fr", live=True).first()
    hackathon = HackathonPage.objects.get(pk=project.get_parent().pk)
    for version in HackathonPage.objects.filter(translation_key=hackathon.translation_key):
        version.unpublish()  # the event only, not its projects

    text = body(client.get("/fr/export/projects.json"))

    assert str(project.translation_key) in text
    assert str(hackathon.translation_key) not in text
