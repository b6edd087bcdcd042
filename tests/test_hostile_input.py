"""Hostile input gets a 4xx that says why, never a 5xx: every public URL, every parameter, bad values.

A NUL byte breaks PostgreSQL (it refuses NUL in text), non-ASCII digits pass ``str.isdigit`` but not
always ``int``, 25-digit ids overflow bigint columns, and a parameter may come twice: the matrix sends
each of them to every parameter (query string, form field or path segment) of every public view, on
whichever database the run uses (run it on SQLite and PostgreSQL).
"""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, resolve

from history.page_history import page_history
from pages import registry, term_urls
from pages.collections import CollectionPage
from pages.tools import ToolIndexPage, ToolPage
from search.documents import facet_names
from tests.factories import published, tool
from tests.helpers.html import select, text_of

pytestmark = pytest.mark.django_db

# Each bad value as it travels in a URL (percent-encoded); a tuple is a parameter sent several times.
BAD_VALUES = {
    "nul": "%00",
    "nul-inside": "a%00b",
    "superscript-two": "%C2%B2",  # "²": str.isdigit() is True, int() refuses it
    "arabic-indic-digits": "%D9%A1%D9%A2",  # "١٢": int() reads 12
    "fullwidth-digits": "%EF%BC%91",  # FULLWIDTH DIGIT ONE
    "25-digits": "1" * 25,
    "negative": "-1",
    "float-overflow": "1e309",
    "400-nines": "9" * 400,
    "5000-nines": "9" * 5000,  # beyond Python's limit for int(str)
    "empty": "",
    "very-long": "x" * 10_000,
    "invalid-utf8": "%ff%fe",
    "repeated": ("1", "2"),
    "repeated-with-nul": ("1", "%00"),
}

NUL_MESSAGE = {
    "fr": "caractère nul",
    "en": "null character (%00)",
    "es": "carácter nulo",
}


@dataclass
class Target:
    """A public URL and the parameters a visitor (or a robot) can put in it."""

    name: str
    path: str  # may hold {placeholders}, filled from the demo catalogue
    params: tuple = ()
    path_params: tuple = ()  # placeholders that are a segment of the path
    method: str = "GET"
    login: bool = False
    base: str = ""  # sent along, unless it is the parameter under test (keeps exports small)


SEARCH_PARAMS = ("q", "page", "sort", "languages", "exact", *facet_names())

TARGETS = [
    Target("home", "/{lang}/", ("page", "q")),
    Target("search", "/{lang}/search/", SEARCH_PARAMS),
    Target("suggest", "/{lang}/search/suggest/", ("q", "languages")),
    Target("export-csv", "/{lang}/export/{export}.csv", ("page", "q"), ("export",)),
    Target("export-json", "/{lang}/export/{export}.json", ("page", "q"), ("export",)),
    Target("export-search-csv", "/{lang}/export/search.csv", SEARCH_PARAMS, base="kind=collection"),
    Target("export-search-json", "/{lang}/export/search.json", SEARCH_PARAMS, base="kind=collection"),
    Target("export-publiccode", "/{lang}/export/publiccode/{key}.yml", (), ("key",)),
    Target("export-collection-csv", "/{lang}/export/collection/{collection}.csv", (), ("collection",)),
    Target("export-collection-json", "/{lang}/export/collection/{collection}.json", (), ("collection",)),
    Target("recent-changes", "/{lang}/recent-changes/", ("kind", "category", "page")),
    Target("recent-changes-feed", "/{lang}/recent-changes/feed/", ("kind", "category")),
    Target("compare", "/{lang}/compare/", ("tool", "only")),
    Target("directory", "{directory}", (*registry.get("tool").facets, "sort", "page")),
    # every section is the search with no words: each type's facets, and another type's
    Target("index-pages", "{index}", ("page", "sort", *facet_names())),
    Target("page", "{directory}{slug}/", ("page",), ("slug",)),
    Target("history", "{tool}history/", ("a", "b")),
    Target("history-diff", "{tool}history/{a}/{b}/", (), ("a", "b")),
    Target("api-index", "/api/", ("page",)),
    Target("map", "/{lang}/map/", ("count",)),
    Target("figures", "/{lang}/figures/", ("page",)),
    Target("about", "/{lang}/about/", ("page",)),
    Target("vitality-rules", "/{lang}/vitality/", ("page",)),
    Target("favicon", "/favicon.ico", ("v",)),
    Target("web-manifest", "/{lang}/site.webmanifest", ("v",)),
    Target(
        "api-entries",
        "/api/v1/entries",
        ("language", "type", "category", "country", "since", "q", "page", "page_size"),
    ),
    *[
        Target(
            f"api-{page_type.plural}",
            f"/api/v1/{page_type.plural}",
            (
                "language",
                *[name for name in ("category", "country") if name in page_type.facets],
                *("since", "q", "page", "page_size"),
            ),
        )
        for page_type in registry.page_types()
    ],
    Target("api-entry", "/api/v1/entries/{key}", ("language",), ("key",)),
    Target("openapi", "/api/openapi.json", ("page",)),
    Target("sitemap", "/sitemap.xml", ("p",)),
    Target("sitemap-section", "/sitemap-{section}.xml", ("p",), ("section",)),
    Target("robots", "/robots.txt", ("q",)),
    Target("signup", "/{lang}/accounts/signup/", ("next",)),
    Target(
        "signup-form",
        "/{lang}/accounts/signup/",
        ("name", "email", "password1", "password2", "motivation", "website"),
        method="POST",
    ),
    Target("suggest-change", "/{lang}/suggest-a-change/{page_id}/", (), ("page_id",)),
    Target("page-login", "/{lang}/_util/login/", ("next",)),
    Target("page-login-form", "/{lang}/_util/login/", ("username", "password", "next"), method="POST"),
    Target("admin-login", "/admin/login/", ("next",)),
    Target("admin-login-form", "/admin/login/", ("username", "password", "next"), method="POST"),
    Target("watch-page", "/{lang}/watch/page/{page_id}/", ("next",), ("page_id",), "POST", login=True),
    Target("watch-category", "/{lang}/watch/category/{slug}/", ("next",), ("slug",), "POST", login=True),
    Target("watchlist", "/{lang}/watchlist/", ("page",), login=True),
    # taking part (community/): forms and actions for signed-in contributors, read by anyone
    Target(
        "community-argue",
        "/{lang}/community/{page_id}/argue/",
        ("answer", "criterion"),
        ("page_id",),
        login=True,
    ),
    Target(
        "community-argue-form",
        "/{lang}/community/{page_id}/argue/",
        ("stance", "title", "text", "criterion", "answer"),
        method="POST",
        login=True,
        base="stance=for&title=T&text=X",
    ),
    Target(
        "community-endorse-form",
        "/{lang}/community/{page_id}/endorse/",
        ("on_behalf_of", "since_year", "context", "use_case"),
        ("page_id",),
        "POST",
        login=True,
    ),
    Target(
        "community-vote",
        "/{lang}/community/argument/{argument}/vote/",
        ("value", "next"),
        ("argument",),
        "POST",
        login=True,
    ),
    Target(
        "community-report",
        "/{lang}/community/endorsement/{endorsement}/report/",
        ("reason",),
        ("endorsement",),
        "POST",
        login=True,
    ),
    Target(
        "community-withdraw",
        "/{lang}/community/argument/{argument}/withdraw/",
        ("next",),
        ("argument",),
        "POST",
        login=True,
    ),
    Target("community-translation", "/{lang}/community/argument/{argument}/translation/", (), ("argument",)),
    # every taxonomy term's page and feed, under each language's address segment (pages/term_urls.py)
    *[
        Target(
            pattern.name, "/{lang}/" + str(pattern.pattern).replace("<slug:slug>", "{term}"), (), ("term",)
        )
        for pattern in term_urls.urlpatterns
    ],
    Target(
        "page-password",
        "/{lang}/_util/authenticate_with_password/{restriction}/{page_id}/",
        ("password", "return_url"),
        ("restriction", "page_id"),
        "POST",
    ),
    Target("document", "/documents/{document}/file.pdf", (), ("document",)),
    Target(
        "document-password",
        "/documents/authenticate_with_password/{restriction}/",
        ("password", "return_url"),
        ("restriction",),
        "POST",
    ),
]


@pytest.fixture
def places(editor, moderator):
    """Good values for every placeholder: a tool with two published versions, its directory, …"""
    page = tool("Hostile", summary="Un outil de vote en ligne.")
    page.save_revision(user=editor).publish(user=moderator)
    page = ToolPage.objects.get(pk=page.pk)
    page.summary = "Un outil de vote et de pétition en ligne."
    page.save_revision(user=editor).publish(user=moderator)
    page = ToolPage.objects.get(pk=page.pk)
    newer, older = page_history(page).versions
    directory = ToolIndexPage.objects.get(locale__language_code="fr")
    return {
        "lang": "fr",
        "key": str(page.translation_key),
        "directory": directory.url,
        "index": directory.get_parent().get_children().live().exclude(pk=directory.pk).first().url,
        "slug": page.slug,
        "tool": page.url,
        "a": str(older.id),
        "b": str(newer.id),
        "section": "pages",
        "export": "collections",
        "collection": str(
            published(
                CollectionPage, {"title": "Sélection hostile", "slug": "selection-hostile"}, languages=["fr"]
            )["fr"].translation_key
        ),
        "page_id": str(page.pk),
        "restriction": "1",
        "document": "1",
        "term": "simulation",  # a category of the base taxonomy
        **_community_items(page, moderator),
    }


def _community_items(page, moderator):
    """An argument and a published endorsement of the tool, by someone else than the editor."""
    from community.models import Argument, Endorsement

    argument = Argument.objects.create(
        page=page, stance="for", title="Solide", text="Oui.", language="fr", author=moderator
    )
    endorsement = Endorsement.objects.create(tool=page, author=moderator, language="fr", live=True)
    return {"argument": str(argument.pk), "endorsement": str(endorsement.pk)}


def _query(name, value):
    values = value if isinstance(value, tuple) else (value,)
    return "&".join(f"{name}={one}" for one in values)


def _requests(target, places, value):
    """(label, method, url, form body) for ``value`` in each parameter of ``target``, in turn."""
    path = target.path.format(**places)
    if "{" in path:
        raise AssertionError(f"unfilled placeholder in {target.path}")
    for name in target.params:
        query = _query(name, value)
        if target.base and not target.base.startswith(f"{name}="):
            query = f"{target.base}&{query}"
        if target.method == "POST":
            yield name, "POST", path, query
        else:
            yield name, "GET", f"{path}?{query}", ""
    for name in target.path_params:
        if isinstance(value, tuple) or value == "":
            continue  # a path segment cannot repeat; an empty one is another URL
        bad_path = target.path.format(**{**places, name: value})
        yield f"<{name}>", target.method, bad_path, ""


def _refuses_nul(response, url):
    """A 400 that names the NUL, in the language of the URL (English for the API, else the default)."""
    prefix = url.split("/")[1]
    language = prefix if prefix in NUL_MESSAGE else "en" if prefix == "api" else settings.LANGUAGE_CODE
    return response.status_code == 400 and NUL_MESSAGE[language] in _reason(response)


def _reason(response):
    """What a 400 tells the visitor, or "" when it tells nothing."""
    text = response.content.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        return str(json.loads(text).get("error") or "")
    alerts = select(text, '[role="alert"]')
    return text_of(alerts[0]) if alerts else ""


# the search-backed addresses try every parameter with every bad value: over 10 s each
SLOW_TARGETS = {"directory", "export-search-csv", "export-search-json", "index-pages"}


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(target, id=target.name, marks=[pytest.mark.slow] if target.name in SLOW_TARGETS else [])
        for target in TARGETS
    ],
)
def test_bad_values_in_any_parameter_get_a_4xx_that_says_why(client, editor, places, target):
    client.raise_request_exception = False  # a crash is a 500 to list, not an exception that stops the rest
    if target.login:
        client.force_login(editor)
    failures = []
    for value_name, value in BAD_VALUES.items():
        for label, method, url, body in _requests(target, places, value):
            where = f"{label}={value_name}: "
            if method == "POST":
                response = client.post(url, body, content_type="application/x-www-form-urlencoded")
            else:
                response = client.get(url)
            status = response.status_code
            if response.streaming:  # an export: a failure half-way through would be a truncated file
                try:
                    b"".join(response.streaming_content)
                except Exception as error:  # any of them is the failure to report
                    failures.append(f"{where}{type(error).__name__} while streaming {url[:120]}")
            if status >= 500:
                failures.append(f"{where}{status} for {method} {url[:120]}")
            elif status == 400 and not _reason(response):
                failures.append(f"{where}a 400 that does not say why, for {method} {url[:120]}")
            elif "%00" in url + body and not _refuses_nul(response, url):
                # refused at the door, whatever the view would have done with it
                failures.append(f"{where}{status}, not a NUL refused as such, for {method} {url[:120]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("target", TARGETS, ids=[target.name for target in TARGETS])
def test_a_parameter_repeated_beyond_what_django_reads_gets_a_400_that_says_why(
    client, editor, places, target
):
    client.raise_request_exception = False
    if target.login:
        client.force_login(editor)
    name = (target.params or ("x",))[0]
    query = "&".join(f"{name}=1" for _ in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    path = target.path.format(**places)
    if target.method == "POST":
        response = client.post(path, query, content_type="application/x-www-form-urlencoded")
    else:
        response = client.get(f"{path}?{query}")

    assert response.status_code == 400
    assert "too many parameters" in _reason(response) or "trop de paramètres" in _reason(response)


def _public_routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith("admin/"):
            continue  # signed-in staff only, except the login page (in the matrix)
        if isinstance(pattern, URLResolver):
            yield from _public_routes(pattern.url_patterns, route)
        else:
            yield pattern.name


def test_the_matrix_covers_every_public_url_and_page_route(places):
    paths = [urlsplit(target.path.format(**places)).path for target in TARGETS]
    covered = {resolve(path).url_name for path in paths}
    # "api-root" is Django Ninja's own /api/, which the human page of the API answers first
    assert set(_public_routes(get_resolver().url_patterns)) - {"api-root"} <= covered

    tool_page = ToolPage.objects.get(translation_key=places["key"], locale__language_code="fr")
    routes = {
        tool_page.resolve_subpage("/" + path.removeprefix(places["tool"]))[0].__name__
        for path in paths
        if path.startswith(places["tool"])
    }
    assert routes == {pattern.callback.__name__ for pattern in ToolPage.get_subpage_urls()}


@pytest.mark.parametrize("path", ["/fr/", "/fr/watchlist/", "/fr/search/?q=outil", "/api/v1/entries"])
@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "django_language"])
def test_a_nul_in_a_cookie_is_refused_with_a_reason(client, path, cookie):
    client.raise_request_exception = False
    client.cookies[cookie] = "abcdefgh\x00ijklmnop"

    response = client.get(path)

    assert _refuses_nul(response, path)


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_a_nul_is_refused_in_the_visitor_s_language_and_in_json_for_the_api(client, language):
    page = client.get(f"/{language}/search/?q=outil%00")
    api = client.get("/api/v1/entries?q=outil%00", HTTP_ACCEPT_LANGUAGE=language)

    assert page.status_code == 400 and NUL_MESSAGE[language] in _reason(page)
    assert f'lang="{language}"' in page.content.decode()
    assert api.status_code == 400 and api.json()["error"].startswith(
        "The address or the form contains a null"
    )
