"""The home page of each language: what the toolbox is, its live numbers, a way in, what is new."""

import re

import pytest

from pages.collections import CollectionPage
from pages.home import HomePage
from pages.tools import ToolPage

pytestmark = pytest.mark.django_db


def home(language_code):
    return HomePage.objects.get(locale__language_code=language_code)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_counts_are_live(client):
    body = text(client.get(home("en").url))
    tools = ToolPage.objects.live().filter(locale__language_code="en").count()
    assert f"<strong>{tools}</strong> tools" in body
    ToolPage.objects.live().filter(locale__language_code="en").first().unpublish()
    assert f"<strong>{tools - 1}</strong> tools" in text(client.get(home("en").url))


def test_a_search_box_leads_to_the_search_in_the_same_language(client):
    body = text(client.get(home("es").url))
    assert re.search(r'<form class="home-search" role="search"[^>]*action="/es/search/"', body)
    assert 'name="q"' in body


def test_featured_collections_come_first_in_every_language(client):
    french = CollectionPage.objects.get(slug="contrats-ouverts")
    CollectionPage.objects.update(featured=False)
    body = text(client.get(home("en").url))
    assert "Featured collections" not in body  # none featured: the newest, under a plain heading

    CollectionPage.objects.filter(pk=french.pk).update(featured=True)  # the French version only
    body = text(client.get(home("en").url))
    section = body.split('id="featured-collections">')[1].split("</section>")[0]
    assert section.startswith("Featured collections")
    assert section.index("Open contracting") < section.index("</div>")
    first_card = re.search(r'<h3 class="card__title"><a href="([^"]+)"', section).group(1)
    assert first_card == "/en/collections/open-contracting/"


def test_latest_use_cases_projects_and_recent_changes(client):
    body = text(client.get(home("fr").url))
    assert 'id="latest-use-cases"' in body and 'id="latest-projects"' in body
    changes = body.split('id="recent-changes">')[1].split("</section>")[0]
    assert len(re.findall(r"<li>", changes)) == 5
    assert 'href="/fr/recent-changes/"' in changes
    # a change published now is at the top
    tool = ToolPage.objects.get(slug="openfisca", locale__language_code="fr")
    tool.save_revision().publish()
    changes = text(client.get(home("fr").url)).split('id="recent-changes">')[1]
    assert changes.index("OpenFisca") < changes.index("</li>")
