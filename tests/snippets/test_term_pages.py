"""Every taxonomy term has a public page per language: its words, the pages naming it, a feed, a watch."""

import io
from xml.etree import ElementTree

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from core.content import Texts
from history.models import ChangeSummary
from pages import terms as public
from pages.collections import CollectionPage
from pages.hackathons import HackathonPage, HackathonProjectPage
from pages.tools import ToolPage
from pages.use_cases import UseCasePage
from snippets.models import Category, Topic
from tests.factories import ToolPageFactory, linked_catalogue, live_tool, term, tool
from tests.helpers.html import parse, text_of
from tests.helpers.users import client_for
from wiki.models import Watch

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "en", "es")
ATOM = "{http://www.w3.org/2005/Atom}"

# kind → (the term of linked_catalogue(), the page types listed on its page)
KINDS = {
    "category": ("category", [ToolPage]),
    "topic": ("topic", [ToolPage, CollectionPage]),
    "audience": ("audience", [UseCasePage]),
    "licence": ("licence", [ToolPage]),
    "technical-criterion": ("criteria", [ToolPage]),
    "hackathon-criterion": ("hackathon_criteria", [HackathonPage, HackathonProjectPage]),
}
BUILT_NAME = {ToolPage: "tool", CollectionPage: "collection", UseCasePage: "use_case"}


def term_of(built, kind, language):
    versions = built[KINDS[kind][0]]
    return (versions[0] if isinstance(versions, list) else versions)[language]


def url_of(term, language):
    return public.term_url(term, language)


def card_links(response):
    return {a["href"] for a in parse(response).select("main .card__title a")}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_term_page_shows_its_words_and_the_pages_naming_it_in_the_language(client, kind, language):
    built = linked_catalogue()
    term = term_of(built, kind, language)

    response = client.get(url_of(term, language))

    assert response.status_code == 200
    page = parse(response)
    assert text_of(page.select_one("main h1")) == term.name
    assert page.select_one("main h1").get("lang") is None  # in the visitor's language
    links = card_links(response)
    for model in KINDS[kind][1]:
        if model in BUILT_NAME:
            assert built[BUILT_NAME[model]][language].url in links
        else:
            expected = model.objects.live().filter(locale__language_code=language)
            assert links & {p.url for p in expected if p.url}, f"no {model.__name__} on {term.name}"
    # only pages of this language
    other = {built["tool"][code].url for code in LANGUAGES if code != language}
    assert not links & other


def test_term_addresses_are_translated_and_another_languages_one_redirects(client):
    topic = linked_catalogue()["topic"]
    assert url_of(topic["fr"], "fr") == "/fr/themes/fiscalite-essai/"
    assert url_of(topic["en"], "en") == "/en/topics/fiscalite-essai/"
    assert url_of(topic["es"], "es") == "/es/temas/fiscalite-essai/"

    response = client.get("/en/temas/fiscalite-essai/")
    assert response.status_code == 301
    assert response["Location"] == "/en/topics/fiscalite-essai/"


@pytest.mark.parametrize(
    "url",
    [
        "/fr/categories/pas-de-terme/",
        "/en/topics/pas-de-terme/feed/",
        "/es/licencias/pas-de-terme/",
    ],
)
def test_an_unknown_term_is_the_sites_page_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert text_of(parse(response).select_one("main h1")) in {
        "Page introuvable",
        "Page not found",
        "Página no encontrada",
    }


def test_a_draft_term_has_no_page_nor_feed_in_any_language(client):
    draft = term(Category, "brouillon-essai", Texts("Brouillon", "Draft", "Borrador"), live=False)
    Category.objects.filter(pk=draft["fr"].pk).update(live=False)
    for language in LANGUAGES:
        assert client.get(url_of(draft[language], language)).status_code == 404
        assert client.get(url_of(draft[language], language) + "feed/").status_code == 404


def test_a_term_not_translated_yet_shows_the_default_languages_words_marked_as_such(client):
    french_only = term(Topic, "seulement-fr", "Thème seulement français", languages=("fr",))["fr"]

    response = client.get(url_of(french_only, "es"))

    assert response.status_code == 200
    heading = parse(response).select_one("main h1")
    assert text_of(heading) == "Thème seulement français"
    assert heading["lang"] == "fr"
    assert "Este término todavía no está traducido a este idioma." in text_of(parse(response))


def hidden_naming(category):
    """A draft tool and a private live tool, both of ``category``."""
    draft = tool("Brouillon Mizar", summary="Texte.", live=False)
    draft.categories.set([category])
    draft.save()
    private = tool("Privé Alcor", summary="Texte.")
    private.categories.set([category])
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return draft, private


def test_drafts_and_private_pages_are_never_listed_nor_in_the_feed(client):
    category = linked_catalogue()["category"]["fr"]
    hidden_naming(category)

    page = text_of(parse(client.get(url_of(category, "fr"))))
    feed = client.get(url_of(category, "fr") + "feed/").content.decode()

    assert "Quintilix" in page
    for title in ("Brouillon Mizar", "Privé Alcor"):
        assert title not in page
        assert title not in feed


def test_the_term_page_counts_its_pages_and_links_to_the_filtered_directory(client):
    category = linked_catalogue()["category"]
    for n in range(3):
        extra = tool(f"Outil de simulation {n}", summary="Texte.")
        extra.categories.set([category["fr"]])
        extra.save_revision().publish()

    page = parse(client.get(url_of(category["fr"], "fr")))

    section = page.select_one("main section[aria-labelledby=tools]")
    assert "(4)" in text_of(section.select_one("h2"))
    assert len(section.select(".card")) == 4
    link = section.find("a", string="Les voir tous dans l’annuaire")
    assert link["href"] == "/fr/outils/?category=simulation-essai"


def test_the_feed_has_the_publications_of_the_pages_naming_the_term_in_its_language(client):
    category = linked_catalogue()["category"]["fr"]
    named = tool("Portail Bételgeuse", summary="Texte.")
    named.categories.set([category])
    named.save_revision(log_action=True).publish()
    named.summary = "Révisé."
    revision = named.save_revision(log_action=True, changed=True)
    revision.publish()
    live_tool("Hors catégorie Rigel")

    response = client.get(url_of(category, "fr") + "feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert "Simulation d'essai" in feed.find(f"{ATOM}title").text
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert "Portail Bételgeuse" in titles
    assert "Hors catégorie Rigel" not in titles
    english = ElementTree.fromstring(client.get(url_of(category, "en") + "feed/").content)
    assert "Portail Bételgeuse" not in [e.find(f"{ATOM}title").text for e in english.iter(f"{ATOM}entry")]


def test_the_feed_escapes_the_editors_summaries(client):
    category = linked_catalogue()["category"]["fr"]
    named = tool("Portail Procyon", summary="Texte.")
    named.categories.set([category])
    revision = named.save_revision(log_action=True)
    revision.publish()
    ChangeSummary.objects.create(revision=revision, text="<script>alert(1)</script>")

    content = client.get(url_of(category, "fr") + "feed/").content.decode()

    assert "Portail Procyon" in content
    assert "<script>alert(1)" not in content


def test_every_chip_of_a_tool_links_to_its_terms_page_in_the_language(client):
    built = linked_catalogue()
    for language in LANGUAGES:
        response = client.get(built["tool"][language].url)
        hrefs = {a["href"] for a in parse(response).select("main a")}
        for name in ("category", "topic", "licence"):
            assert url_of(built[name][language], language) in hrefs, (name, language)
        assert url_of(built["criteria"][0][language], language) in hrefs


def test_use_case_collection_and_project_chips_link_to_their_terms(client):
    built = linked_catalogue()
    pairs = [
        ("use_case", built["audience"]),
        ("collection", built["topic"]),
        ("project", built["hackathon_criteria"][0]),
        ("hackathon", built["hackathon_criteria"][0]),
    ]
    for name, versions in pairs:
        response = client.get(built[name]["en"].url)
        hrefs = {a["href"] for a in parse(response).select("main a")}
        assert url_of(versions["en"], "en") in hrefs, name


def test_directory_cards_link_their_categories(client):
    built = linked_catalogue()
    response = client.get("/es/herramientas/?category=simulation-essai")
    chips = parse(response).select("main .card .tags a")
    assert "/es/categorias/simulation-essai/" in {a["href"] for a in chips}
    assert built["category"]["es"].name in {text_of(a) for a in chips}


def test_an_anonymous_visitor_is_offered_to_log_in_to_watch(client):
    topic = linked_catalogue()["topic"]["fr"]
    page = parse(client.get(url_of(topic, "fr")))
    login = page.find("a", string="Se connecter pour suivre ce terme")
    assert login["href"].startswith("/admin/login/?next=/fr/themes/fiscalite-essai/")
    assert client.post("/fr/watch/topic/fiscalite-essai/").status_code == 302
    assert not Watch.objects.exists()


def test_a_user_watches_a_topic_and_its_pages_changes_reach_the_digest(client, editor):
    built = linked_catalogue()
    topic = built["topic"]["en"]
    user = client_for(client, editor)

    response = user.post("/en/watch/topic/fiscalite-essai/", {"next": url_of(topic, "en")})
    assert response.status_code == 302
    assert response["Location"] == "/en/topics/fiscalite-essai/"
    page = parse(user.get(url_of(topic, "en")))
    assert page.find("button", string="Stop watching this term")
    watchlist = parse(user.get("/en/watchlist/"))
    assert "/en/topics/fiscalite-essai/" in {a["href"] for a in watchlist.select("main a")}

    collection = built["collection"]["en"]
    collection.summary = "A revised trial collection."
    collection.save_revision(log_action=True).publish()
    other = built["use_case"]["en"]  # names an audience, not the topic
    other.save_revision(log_action=True).publish()
    call_command("send_watch_digest", stdout=io.StringIO())
    body = next(message.body for message in mail.outbox if editor.email in message.to)
    assert collection.title in body
    assert other.title not in body

    user.post("/en/watch/topic/fiscalite-essai/")
    assert not Watch.objects.filter(user=editor).exists()
    assert parse(user.get(url_of(topic, "en"))).find("button", string="Watch this term")


@pytest.mark.parametrize("kind", ["licence", "audience", "technical-criterion", "hackathon-criterion"])
def test_every_kind_of_term_can_be_watched(client, editor, kind):
    built = linked_catalogue()
    term_ = term_of(built, kind, "es")
    user = client_for(client, editor)
    assert user.post(f"/es/watch/{kind}/{term_.slug}/").status_code == 302
    assert Watch.objects.get(user=editor).term_kind == kind
    watched = parse(user.get("/es/watchlist/")).find("a", href=url_of(term_, "es"))
    assert text_of(watched) == term_.name


def test_watching_an_unknown_term_or_kind_is_not_found(client, editor):
    user = client_for(client, editor)
    assert user.post("/fr/watch/topic/pas-de-terme/").status_code == 404
    assert user.post("/fr/watch/planete/fiscalite-essai/").status_code == 404
    assert not Watch.objects.exists()


def test_a_category_watch_still_works_at_its_old_address(client, editor):
    category = linked_catalogue()["category"]["fr"]
    client_for(client, editor).post(f"/fr/watch/category/{category.slug}/")
    watch = Watch.objects.get(user=editor)
    assert (watch.term_kind, watch.term, watch.language) == ("category", category.slug, "fr")


def test_a_term_page_costs_the_same_however_many_pages_name_it(client, uncached):
    category = linked_catalogue()["category"]["fr"]
    url = url_of(category, "fr")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    logo = ToolPage.objects.get(slug="quintilix", locale__language_code="fr").logo
    for _ in range(8):
        extra = ToolPageFactory(logo=logo)
        extra.categories.set([category])
        extra.save()
    client.get(url)  # the first visit after a change rebuilds what is kept per publish
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)
    assert len(after) <= 20


def test_term_urls_follow_the_active_language():
    category = linked_catalogue()["category"]["fr"]
    with translation.override("es"):
        assert public.term_url(category) == "/es/categorias/simulation-essai/"
