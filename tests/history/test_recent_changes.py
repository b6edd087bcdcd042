"""Recent changes of a language, on a page and in Atom feeds."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import OrganisationPageFactory, category, tool

pytestmark = pytest.mark.django_db


def publish(page, user=None):
    page.save_revision(user=user).publish()
    return page


def test_a_published_page_heads_the_recent_changes_of_its_language(client, editor):
    page = publish(tool("Véga", summary="Premier texte."), user=editor)
    page.summary = "Second texte."
    publish(page, user=editor)

    html = client.get("/fr/recent-changes/").content.decode()

    body = html.index("<tbody>")
    first_row = html[body : html.index("</tr>", body)]
    assert "Véga" in first_row
    assert "Edith Editor" in first_row
    assert f"{page.url}history/" in first_row  # link to what changed
    assert "nouvelle page" in html  # its first publication, further down
    assert "Véga" not in client.get("/es/recent-changes/").content.decode()


def test_changes_can_be_filtered_by_page_type(client):
    publish(tool("Véga", summary="Texte."))
    publish(OrganisationPageFactory(title="Altaïr", summary="Texte."))

    tools_only = client.get("/fr/recent-changes/", {"kind": "tool"}).content.decode()
    assert "Véga" in tools_only and "Altaïr" not in tools_only

    bad = client.get("/fr/recent-changes/", {"kind": "comet"})
    assert bad.status_code == 400
    assert "comet" in bad.content.decode()


def test_private_unpublished_and_draft_pages_are_not_listed(client):
    private = publish(tool("Privé", summary="Texte."))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    gone = publish(tool("Retiré", summary="Texte."))
    gone.unpublish()
    draft = tool("Brouillon", summary="Texte.", live=False)
    draft.save_revision()

    html = client.get("/fr/recent-changes/").content.decode()
    feed = client.get("/fr/recent-changes/feed/").content.decode()

    for title in ("Privé", "Retiré", "Brouillon"):
        assert title not in html
        assert title not in feed


def test_the_feed_is_atom_and_can_follow_one_category(client):
    portal = category()
    in_category = tool("Portail Deneb", summary="Texte.")
    in_category.categories.set([portal])
    publish(in_category)
    publish(tool("Autre Rigel", summary="Texte."))

    response = client.get("/fr/recent-changes/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Portail Deneb</title>" in response.content.decode()

    category_feed = client.get("/fr/recent-changes/feed/", {"category": "portail-essai"}).content.decode()
    assert "Portail Deneb" in category_feed
    assert "Autre Rigel" not in category_feed
    assert "Portail des essais" in category_feed  # the feed's title names the category
