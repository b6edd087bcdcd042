"""Every page type declared in the registry gets the whole catalogue's services, with nothing else to write.

A page type is declared once, on its model (``page_type = PageType(...)``). These tests take each
registered type in turn and check what a visitor and an operator would: a published page of it is
found by the search, listed by the API, written in the exports, read back by the import, and named
in the sitemap.
"""

import json
from urllib.parse import urlsplit
from xml.etree import ElementTree

import factory
import pytest
from django.urls import reverse

from opendata.importer import import_records
from pages import registry
from search import service
from search.query import SearchRequest
from tests import factories

pytestmark = pytest.mark.django_db


def factory_for(model):
    found = [
        candidate
        for candidate in vars(factories).values()
        if isinstance(candidate, type)
        and issubclass(candidate, factory.Factory)
        and candidate._meta.model is model
    ]
    assert found, f"tests/factories.py has no factory for {model.__name__}"
    return found[0]


def published(page_type, word):
    page = factory_for(page_type.model)(title=f"{word} {page_type.key}", summary=f"Une entrée {word}.")
    page.save_revision().publish()
    return page


SITEMAPS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PAGE_TYPES = pytest.mark.parametrize("page_type", registry.page_types(), ids=lambda page_type: page_type.key)


def test_the_registry_holds_the_catalogue_types_in_their_order():
    assert registry.keys() == ["tool", "use-case", "organisation", "collection", "hackathon", "project"]
    # dependencies before dependants: organisations before the tools naming them, events before projects
    order = [page_type.key for page_type in registry.import_order()]
    assert order.index("organisation") < order.index("tool") < order.index("use-case")
    assert order.index("hackathon") < order.index("project")


@PAGE_TYPES
def test_a_published_page_of_every_type_is_found_by_the_search(page_type, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = published(page_type, "Quetzalcoatlus")
    found = service.search(SearchRequest("quetzalcoatlus", "fr", filters={"kind": [page_type.key]}))
    assert [hit.page_id for hit in found.hits] == [page.pk]


@PAGE_TYPES
def test_every_type_is_listed_by_the_api(page_type, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = published(page_type, "Quetzalcoatlus")
    response = client.get("/api/v1/entries", {"type": page_type.key, "q": "quetzalcoatlus"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(entry["type"], entry["translation_key"]) for entry in results] == [
        (page_type.key, str(page.translation_key))
    ]
    one = client.get(f"/api/v1/entries/{page.translation_key}", {"language": "fr"})
    assert one.status_code == 200
    assert one.json()["title"] == page.title


@PAGE_TYPES
def test_every_type_is_exported_and_imported_back(page_type, client):
    page = published(page_type, "Quetzalcoatlus")
    url = reverse("export", kwargs={"name": page_type.plural, "fmt": "json"})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    entries = json.loads(b"".join(response.streaming_content))["entries"]
    exported = [entry for entry in entries if entry["translation_key"] == str(page.translation_key)]
    assert len(exported) == 1
    assert exported[0]["type"] == page_type.key

    key, title = page.translation_key, page.title
    page.delete()
    report = import_records([("entry 1", exported[0])], publish=True)
    assert (report.created, report.failed) == (1, [])
    imported = page_type.model.objects.get(translation_key=key, locale__language_code="fr")
    assert imported.title == title
    assert imported.live


@PAGE_TYPES
def test_every_type_is_in_the_sitemap(page_type, client):
    page = published(page_type, "Quetzalcoatlus")
    locations = []
    for section in locations_in(client.get("/sitemap.xml").content):
        locations += locations_in(client.get(urlsplit(section).path).content)
    assert page.url in [urlsplit(location).path for location in locations]


def locations_in(xml):
    return [element.text for element in ElementTree.fromstring(xml).iter(f"{SITEMAPS}loc")]
