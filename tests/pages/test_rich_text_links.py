"""A link in a published text never gives away the address of a page visitors may not see."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import tool
from tests.helpers.html import links, select, text_of

pytestmark = pytest.mark.django_db


def link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def test_links_to_drafts_private_and_unpublished_pages_keep_their_text_but_lose_their_address(client):
    shown = tool("Polaris public")
    shown.save_revision().publish()
    draft = tool("Projet secret", live=False)  # never published
    private = tool("Outil réservé")
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    withdrawn = tool("Outil retiré")
    withdrawn.save_revision().publish()
    withdrawn.unpublish()
    page = tool(
        "Sirius",
        body=" ".join(
            [
                link(shown, "voir Polaris"),
                link(draft, "le projet"),
                link(private, "réservé"),
                link(withdrawn, "retiré"),
            ]
        ),
    )
    page.save_revision().publish()

    response = client.get(page.url)
    html = response.content.decode()

    assert shown.url in links(response)
    for hidden in (draft, private, withdrawn):
        assert hidden.slug not in html  # not in a link, nor anywhere else
    # the words stay, in a link that leads nowhere
    assert [text_of(a) for a in select(response, "main a:not([href])")] == ["le projet", "réservé", "retiré"]
