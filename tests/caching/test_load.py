"""Anonymous load: made-up query parameters and expensive uncached answers.

Each view declares the query parameters it reads (``core.parameters.reads``): the whole-answer cache
keys on those alone and the view never sees the others, so random parameters cannot fill the cache
or reach a page. Expensive answers (searches, exports, filtered listings…) that are not served from
the cache count towards a per-client rate limit: 429 with Retry-After, in the visitor's language.
"""

import json
import math
import time

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page

from caching import declared
from caching.middleware import SKIPPED_PREFIXES
from pages.tools import ToolIndexPage
from tests.factories import live_tool, section
from tests.helpers.cache import entries
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db

JUNK_REQUESTS = 600
DAY = 24 * 3600


def test_junk_parameters_make_no_new_cache_entries(client, django_assert_num_queries):
    tool = live_tool("Outil très demandé")
    assert client.get(tool.url)["X-Page-Cache"] == "miss"
    assert len(entries("page")) == 1

    with django_assert_num_queries(0):
        for number in range(JUNK_REQUESTS):
            response = client.get(tool.url, {f"junk{number}": str(number), "utm_source": f"mail{number}"})
            assert response.status_code == 200
            assert response["X-Page-Cache"] == "hit"

    assert len(entries("page")) == 1


def test_a_listing_keys_on_its_filters_and_never_on_junk(client):
    listing = section(ToolIndexPage).url
    sorted_by_date = client.get(listing, {"sort": "updated"})
    assert sorted_by_date["X-Page-Cache"] == "miss"
    again = client.get(f"{listing}?junk=1&sort=updated&other=2")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == sorted_by_date.content
    # a declared parameter still makes its own answer
    assert client.get(listing, {"sort": "newest"})["X-Page-Cache"] == "miss"
    assert len(entries("page")) == 2


def test_junk_parameters_never_reach_the_page_or_the_links_it_writes(client):
    live_tool("Outil cherché")
    response = client.get("/fr/search/", {"q": "outil", "evil": "injected-value"})
    assert response.status_code == 200
    assert "injected-value" not in response.content.decode()
    # and the answer kept is the one of the address without it
    assert client.get("/fr/search/", {"q": "outil"})["X-Page-Cache"] == "hit"


def test_every_public_view_and_page_type_declares_the_parameters_it_reads():
    """A view that declares nothing gets every parameter, and junk makes cache entries for it."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    seen, undeclared = set(), []
    for route, pattern in walk(get_resolver().url_patterns):
        shadowed = pattern.name in seen  # an earlier pattern of the same name answers (ours, not Wagtail's)
        seen.add(pattern.name)
        public = f"/{route.lstrip('^')}"
        if shadowed or public.startswith(SKIPPED_PREFIXES) or pattern.name == "wagtail_serve":
            continue
        assert isinstance(pattern, URLPattern)
        if declared.of(pattern.callback).parameters is None:
            undeclared.append(route)
    page_types = [model for model in _page_models() if declared.of(model).parameters is None]
    assert not undeclared, undeclared
    assert not page_types, page_types


def _page_models():
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]


@pytest.fixture
def limited(settings):
    settings.EXPENSIVE_ANSWERS_LIMIT = 3
    settings.EXPENSIVE_ANSWERS_PERIOD = DAY  # one window for the whole test, however slow the machine
    return settings


def test_expensive_answers_over_the_limit_get_429_in_the_visitors_language(client, limited):
    for number in range(3):
        assert client.get("/es/search/", {"q": f"palabra{number}"}).status_code == 200

    before = time.time()
    refused = client.get("/es/search/", {"q": "otra"})
    after = time.time()

    assert refused.status_code == 429
    # the seconds until the day's window closes (windows start at multiples of the period)
    window_ends = (int(before // DAY) + 1) * DAY
    assert math.ceil(window_ends - after) <= int(refused["Retry-After"]) <= math.ceil(window_ends - before)
    assert refused["Cache-Control"] == "no-store"
    assert refused["Content-Language"] == "es"
    assert "Inténtelo de nuevo dentro de" in refused.content.decode()
    # what the cache holds is still served, and not counted
    kept = client.get("/es/search/", {"q": "palabra0"})
    assert (kept.status_code, kept["X-Page-Cache"]) == (200, "hit")


def test_each_client_address_has_its_own_count_behind_the_proxy(client, limited):
    # nginx appends the client's address (site/nginx.conf); it is believed from 127.0.0.1 only
    first, second = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}, {"HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    for number in range(3):
        assert client.get("/fr/search/", {"q": f"mot{number}"}, **first).status_code == 200
    assert client.get("/fr/search/", {"q": "encore"}, **first).status_code == 429
    assert client.get("/fr/search/", {"q": "encore"}, **second).status_code == 200
    # a forged header from elsewhere is the sender's own address, already over its limit here
    spoofed = client.get(
        "/fr/search/", {"q": "autre"}, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert spoofed.status_code == 429


@pytest.mark.parametrize(
    "address",
    [
        "/fr/export/search.csv?q=outil{n}",
        "/fr/outils/?country=FR&sort=updated&page={n}",
        "/fr/map/?count=nothing{n}",
        "/fr/compare/?tool={n}",
        "/api/v1/tools?q=outil{n}",
    ],
    ids=["search-export", "filtered-listing", "map", "comparison", "api-list"],
)
def test_exports_listings_map_comparisons_and_the_api_are_limited_too(client, limited, address):
    answers = [client.get(address.format(n=number)) for number in range(4)]
    statuses = [answer.status_code for answer in answers]
    assert 429 not in statuses[:3], statuses
    assert statuses[3] == 429, statuses
    if address.startswith("/api/"):
        assert "Too many requests" in json.loads(answers[3].content)["error"]


def test_a_cookie_that_bypasses_the_cache_does_not_bypass_the_limit(client, limited):
    client.cookies["messages"] = "made-up"
    statuses = [client.get("/fr/search/", {"q": f"mot{number}"}).status_code for number in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_signed_in_people_and_ordinary_pages_are_not_limited(client, limited, moderator, uncached):
    tool = live_tool("Outil lu souvent")
    # pages, even rendered each time (cache off), are not expensive answers
    assert {client.get(tool.url).status_code for _ in range(6)} == {200}
    client_for(client, moderator)
    assert {client.get("/fr/search/", {"q": f"mot{number}"}).status_code for number in range(6)} == {200}
