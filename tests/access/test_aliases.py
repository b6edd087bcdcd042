"""An alias shows its original: made private, the original takes its aliases out of every public list.

Wagtail's aliases ("Copy" with "Alias", wagtail-localize's synchronised trees) keep the original's
title, summary and content. The alias page itself follows the original's restrictions when served;
listings, search, suggestions, the API, the exports, the sitemap and the figures decide through
``pages.relations.visible``, which judges an alias by what it shows. (Recent changes and their feeds
list published revisions, which an alias never has.)
"""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from moderation import roles
from pages.tools import ToolIndexPage
from tests.factories import live_tool, section
from tests.helpers.html import links, select, text_of

pytestmark = pytest.mark.django_db

COUNTRY = "BT"  # no demo entry names Bhutan: the figures count only these tools
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def aliased(title, slug):
    """A published French tool and its alias beside it ("Copy" as an alias, new slug).

    The original is published again: that is what brings an alias into the search index (Wagtail
    sends no signal when it creates one, and sends ``page_published`` for each alias it updates)."""
    original = live_tool(title, summary=f"Résumé de {title}.", countries=[COUNTRY])
    alias = original.create_alias(update_slug=slug)
    original.save_revision().publish()
    return original, alias.specific


def make_private(page):
    """Restricted to the Moderators group, as the privacy dialog does."""
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=roles.MODERATORS)])


@pytest.fixture
def aliases(django_capture_on_commit_callbacks):
    """The alias of a page made private after the alias was made, and the alias of a public page."""
    with django_capture_on_commit_callbacks(execute=True):
        secret, secret_alias = aliased("Zéphyr secret", "zephyr-secret-alias")
        _open, open_alias = aliased("Zéphyr ouvert", "zephyr-ouvert-alias")
        make_private(secret)
    return secret_alias, open_alias


# --- each consumer, as a visitor reaches it: the paths (or translation keys) it shows ---------------


def listing(client):
    return links(client.get(section(ToolIndexPage).url, {"country": COUNTRY}))


def search(client):
    return links(client.get("/fr/search/", {"q": "Zéphyr"}))


def suggestions(client):
    return [result["url"] for result in client.get("/fr/search/suggest/", {"q": "zéph"}).json()["results"]]


def api_list(client):
    answer = client.get("/api/v1/entries", {"q": "Zéphyr", "language": "fr"}).json()
    return [record["translation_key"] for record in answer["results"]]


def api_entry(client, page):
    answer = client.get(f"/api/v1/entries/{page.translation_key}", {"language": "fr"})
    return [str(page.translation_key)] if answer.status_code == 200 else []


def streamed(response):
    assert response.status_code == 200
    return response.getvalue().decode("utf-8-sig")


def csv_export(client):
    rows = csv.DictReader(io.StringIO(streamed(client.get("/fr/export/tools.csv"))))
    return [value for row in rows for value in row.values()]


def json_export(client):
    return streamed(client.get("/fr/export/tools.json"))


def search_export(client):
    return streamed(client.get("/fr/export/search.json", {"q": "Zéphyr"}))


def sitemap(client):
    found = []
    index = ET.fromstring(client.get("/sitemap.xml").content)
    for location in index.iter(f"{SITEMAP}loc"):
        document = ET.fromstring(client.get(location.text.split("testserver", 1)[1]).content)
        found += [url.text.split("testserver", 1)[1] for url in document.iter(f"{SITEMAP}loc")]
    return found


BY_ADDRESS = [listing, search, suggestions, sitemap, json_export, search_export]
BY_KEY = [api_list, csv_export]


def shows(consumer, client, page):
    found = consumer(client)
    if consumer in BY_KEY:
        return str(page.translation_key) in found
    if isinstance(found, str):
        return page.url in found
    return any(address.endswith(page.url) for address in found)


@pytest.mark.parametrize("consumer", BY_ADDRESS + BY_KEY, ids=lambda consumer: consumer.__name__)
def test_the_alias_of_a_private_page_is_in_no_public_list(client, aliases, consumer):
    secret_alias, open_alias = aliases

    assert not shows(consumer, client, secret_alias)
    assert shows(consumer, client, open_alias)


def test_the_api_answers_404_for_the_alias_of_a_private_page(client, aliases):
    secret_alias, open_alias = aliases

    assert api_entry(client, secret_alias) == []
    assert api_entry(client, open_alias) == [str(open_alias.translation_key)]


def figures_bhutan(client):
    for row in select(client.get("/fr/figures/"), "#tools-country .bar-chart__row"):
        if text_of(row.select_one(".bar-chart__label")) == "Bhoutan":
            return int(text_of(row.select_one(".bar-chart__value")))
    return 0


def test_the_figures_count_the_public_alias_only(client, aliases):
    # two published originals in Bhutan, one of them private: itself and its alias are not counted
    assert figures_bhutan(client) == 2  # the public original and its alias


def test_the_alias_of_a_page_in_a_private_section_is_private_too(client, django_capture_on_commit_callbacks):
    # the alias in the English tree, as wagtail-localize's synchronised trees make them; the French
    # section above its original becomes private: Wagtail would still serve the alias to anyone
    with django_capture_on_commit_callbacks(execute=True):
        original = live_tool("Zéphyr rangé", summary="Résumé rangé.", countries=[COUNTRY])
        english_tools = section(ToolIndexPage, "en")
        alias = original.create_alias(parent=english_tools, update_locale=english_tools.locale).specific
        make_private(section(ToolIndexPage, "fr"))

    served = client.get(alias.url)

    assert served.status_code == 302 and "login" in served["Location"]
    assert "Résumé rangé" not in served.content.decode()
    assert alias.url not in links(client.get("/en/search/", {"q": "Zéphyr"}))
    assert not shows(sitemap, client, alias)


def test_an_alias_is_public_again_when_its_original_is(client, aliases, django_capture_on_commit_callbacks):
    secret_alias, _open_alias = aliases
    original = Page.objects.get(pk=secret_alias.alias_of_id)

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=original).delete()

    assert client.get(secret_alias.url).status_code == 200
    assert shows(search, client, secret_alias)
    assert shows(listing, client, secret_alias)


def test_an_alias_of_an_alias_follows_the_original(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        original, alias = aliased("Zéphyr lointain", "zephyr-lointain-alias")
        second = alias.create_alias(update_slug="zephyr-lointain-alias-2").specific
        original.save_revision().publish()  # indexes the aliases, as in ``aliased``
        assert shows(search, client, second)
        make_private(original)

    assert client.get(second.url).status_code == 302
    for consumer in (search, sitemap, listing):
        assert not shows(consumer, client, second)
