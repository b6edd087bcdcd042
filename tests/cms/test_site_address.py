"""Every absolute link the site gives out starts with its public address (SITE_URL), whatever the Host
a request came with: API and export records, sitemaps, page heads, feeds and e-mails.

Requests here come with ``Host: localhost``, as they do behind a reverse proxy that does not pass
the visitor's Host: nothing may say ``localhost`` (nor the test client's ``testserver``).
"""

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
import wagtail_factories
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from wagtail.models import Site

from core import site_address
from core.content import Texts
from opendata.readers import csv_entries
from pages.collections import CollectionPage
from pages.tools import ToolPage
from tests.admin import edit_url, post_page, workflow_action
from tests.factories import published
from tests.helpers.html import attributes, meta, one, parse
from tests.helpers.users import client_for, make_user

pytestmark = pytest.mark.django_db

ADDRESS = "https://toolbox.example.org"
URL = re.compile(r"https?://[^\s\"'<>]+")
PROXIED = {"HTTP_HOST": "localhost"}


@pytest.fixture
def public_site(settings):
    """The site as deployed at ADDRESS: SITE_URL set (WAGTAILADMIN_BASE_URL follows it), then bootstrap."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = ADDRESS
    call_command("bootstrap", verbosity=0)
    return ADDRESS


@pytest.fixture
def windmill(db):
    """A tool with a logo in three languages, in a collection."""
    tool = published(
        ToolPage,
        {"title": "Windmill", "slug": "windmill", "logo": wagtail_factories.ImageFactory()},
    )
    published(
        CollectionPage,
        {
            "title": Texts("Moulins", "Mills", "Molinos"),
            "slug": Texts("moulins", "mills", "molinos"),
            "items": [{"tool": tool["fr"]}],
        },
    )
    return tool


def assert_public(urls, where):
    urls = list(urls)
    assert urls, f"no link in {where}"
    wrong = [url for url in urls if not url.startswith(ADDRESS + "/")]
    assert not wrong, f"{where}: {wrong}"


def assert_no_local_address(text, where):
    assert "localhost" not in text and "testserver" not in text and "127.0.0.1" not in text, where


def body(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_bootstrap_gives_the_wagtail_site_the_public_address_and_follows_it_when_it_changes(settings):
    settings.SITE_URL = ADDRESS
    call_command("bootstrap", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == ("toolbox.example.org", 443, "OGP Toolbox")
    assert site.root_url == ADDRESS

    settings.SITE_URL = "http://catalogue.example.net:8080"
    call_command("bootstrap", verbosity=0)
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("catalogue.example.net", 8080)
    assert Site.objects.count() == 1


def test_https_on_another_port_keeps_its_scheme_in_page_addresses(settings, windmill):
    # Wagtail's Site.root_url says https only for port 443: the pages take SITE_URL's scheme
    settings.SITE_URL = "https://staging.example.org:8443"
    call_command("bootstrap", verbosity=0)
    assert windmill["fr"].full_url == "https://staging.example.org:8443/fr/outils/windmill/"


def test_api_records_carry_the_public_address(client, public_site, windmill):
    data = client.get("/api/v1/entries", {"language": "en", "type": "tool"}).json()
    assert_public([entry["url"] for entry in data["results"]], "the API")
    assert f"{ADDRESS}/en/tools/windmill/" in [entry["url"] for entry in data["results"]]
    assert "localhost" not in json.dumps(data)


def test_api_pagination_links_carry_the_public_address(client, public_site, windmill):
    data = client.get("/api/v1/entries", {"language": "fr", "page_size": 1}, **PROXIED).json()
    assert data["next"].startswith(f"{ADDRESS}/api/v1/entries?"), data["next"]
    previous = client.get("/api/v1/entries", {"language": "fr", "page_size": 1, "page": 2}, **PROXIED).json()
    assert previous["previous"].startswith(f"{ADDRESS}/api/v1/entries?"), previous["previous"]


def test_exports_carry_the_public_address(client, public_site, windmill):
    collection = CollectionPage.objects.get(slug="moulins")
    for url in ("/fr/export/tools.json", "/fr/export/catalogue.json", "/fr/export/search.json?q=windmill"):
        text = body(client.get(url, **PROXIED))
        assert_public([entry["url"] for entry in json.loads(text)["entries"]], url)
        assert_no_local_address(text, url)
    for url in ("/es/export/tools.csv", f"/fr/export/collection/{collection.translation_key}.csv"):
        text = body(client.get(url, **PROXIED))
        assert_public([item["url"] for _where, item in csv_entries(text)], url)  # headed in its language
        assert_no_local_address(text, url)


def test_sitemaps_and_robots_txt_give_the_public_address(client, public_site, windmill):
    index = client.get("/sitemap.xml", **PROXIED)
    assert_no_local_address(body(index), "sitemap.xml")
    files = [element.text for element in ET.fromstring(body(index)).iter() if element.tag.endswith("loc")]
    assert_public(files, "sitemap.xml")
    for file in files:
        text = body(client.get(file.removeprefix(ADDRESS), **PROXIED))
        assert_no_local_address(text, file)
        tree = ET.fromstring(text)
        assert_public([element.text for element in tree.iter() if element.tag.endswith("loc")], file)
        assert_public([element.get("href") for element in tree.iter() if element.tag.endswith("link")], file)
    robots = body(client.get("/robots.txt", **PROXIED))
    assert f"Sitemap: {ADDRESS}/sitemap.xml" in robots


def test_a_page_head_gives_the_public_address(client, public_site, windmill):
    head = one(parse(client.get("/en/tools/windmill/", **PROXIED)), "head")
    assert attributes(head, 'link[rel="canonical"]', "href") == [f"{ADDRESS}/en/tools/windmill/"]
    assert_public(attributes(head, 'link[rel="alternate"][hreflang]', "href"), "hreflang links")
    assert meta(head, "og:url") == f"{ADDRESS}/en/tools/windmill/"
    assert meta(head, "og:image").startswith(f"{ADDRESS}/media/")
    assert_no_local_address(str(head), "the page head")


def test_the_recent_changes_feed_gives_the_public_address(client, public_site, windmill):
    text = body(client.get("/fr/recent-changes/feed/", **PROXIED))
    feed = ET.fromstring(text)
    assert_public([element.get("href") for element in feed.iter() if element.tag.endswith("link")], "feed")
    assert_public([element.text for element in feed.iter() if element.tag.endswith("id")], "feed ids")
    assert_no_local_address(text, "the feed")


def mail_links(messages):
    links = []
    for message in messages:
        html = [content for content, _type in getattr(message, "alternatives", [])]
        links += URL.findall(message.body)
        for content in html:
            links += attributes(content, "a", "href")
        assert_no_local_address(message.body + "".join(html), message.subject)
    return links


def test_moderation_e_mails_link_to_the_public_address(
    client, public_site, editor, moderator, django_capture_on_commit_callbacks
):
    page = published(ToolPage, {"title": "Aquilon", "slug": "aquilon"}, languages=("fr",))["fr"]
    with django_capture_on_commit_callbacks(execute=True):
        editing = client_for(client, editor)
        post_page(editing, edit_url(page), {"summary": "Proposé."}, "submit", instance=page)
    to_moderator = [message for message in mail.outbox if moderator.email in message.to]
    assert_public(mail_links(to_moderator), "the e-mail to moderators")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client_for(client, moderator), page, "approve", comment="Parfait.")
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    links = mail_links(to_editor)
    assert_public(links, "the approval e-mail")
    assert f"{ADDRESS}/fr/outils/aquilon/" in links


def test_sign_up_and_watch_e_mails_link_to_the_public_address(client, public_site, windmill, moderator):
    mail.outbox.clear()
    password = "a long and unusual passphrase 42"
    response = client.post(
        "/fr/accounts/signup/",
        {"name": "Wendy", "email": "wendy@example.org", "password1": password, "password2": password},
        **PROXIED,
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 2  # to the moderators, and to the applicant
    assert_public(mail_links(mail.outbox), "the sign-up e-mails")

    watcher = make_user("walter")
    client_for(client, watcher).post(f"/fr/watch/page/{windmill['fr'].pk}/", **PROXIED)
    mail.outbox.clear()
    call_command("send_watch_digest", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [[watcher.email]]
    assert_public(mail_links(mail.outbox), "the watch digest")


@pytest.mark.parametrize(
    "debug,address,found",
    [
        (False, "", "cms.E001"),
        (False, "http://localhost:8000", "cms.W001"),
        (False, "http://127.0.0.1", "cms.W001"),
        (True, "http://127.0.0.1:8000", None),
        (True, "", None),
        (False, "toolbox.example.org", "cms.E002"),
        (False, "https://toolbox.example.org/catalogue/", "cms.E002"),
        (False, ADDRESS, None),
        (False, ADDRESS + "/", None),
    ],
)
def test_the_system_check_says_when_site_url_is_missing_or_local(settings, debug, address, found):
    settings.DEBUG, settings.SITE_URL = debug, address
    problems = site_address.check_site_url()
    assert [problem.id for problem in problems] == ([found] if found else [])
    for problem in problems:
        assert "SITE_URL" in problem.msg and "https://toolbox.example.org" in problem.hint


def test_an_operator_running_a_command_sees_a_missing_site_url(settings):
    settings.DEBUG, settings.SITE_URL = False, ""
    with pytest.raises(SystemCheckError, match="SITE_URL is not set"):
        call_command("check")
