"""Whole anonymous answers come from the cache, and never once they are stale or private."""

from html import unescape

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from pages.tools import ToolIndexPage
from tests.factories import linked_catalogue, live_tool, section
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


def visit(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def publish_title(page, title):
    page.title = title
    page.save_revision().publish()


def test_a_second_anonymous_visit_runs_no_query(client, django_assert_num_queries):
    tool = live_tool("Outil mis en cache")
    first = visit(client, tool.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visit(client, tool.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_publish_shows_at_once_on_the_page_its_listing_and_the_pages_citing_it(client):
    built = linked_catalogue()
    tool, use_case = built["tool"]["fr"], built["use_case"]["fr"]
    listing = section(ToolIndexPage).url
    for url in (tool.url, listing, use_case.url):
        assert "Rebaptisé" not in visit(client, url).content.decode()
        assert visit(client, url)["X-Page-Cache"] == "hit"
    publish_title(tool, "Outil rebaptisé")
    for url in (tool.url, listing, use_case.url):
        assert "Outil rebaptisé" in visit(client, url).content.decode(), url


def test_an_unpublished_page_leaves_the_cache_and_its_listing_at_once(client):
    tool = live_tool("Outil bientôt retiré")
    listing = section(ToolIndexPage).url
    url = tool.url
    visit(client, url)
    assert "Outil bientôt retiré" in visit(client, listing).content.decode()
    tool.unpublish()
    assert client.get(url).status_code == 404
    assert "Outil bientôt retiré" not in visit(client, listing).content.decode()


def test_a_renamed_term_shows_at_once_on_the_pages_naming_it(client):
    built = linked_catalogue()
    tool, category = built["tool"]["fr"], built["category"]["fr"]
    assert category.name in unescape(visit(client, tool.url).content.decode())
    category.name = "Catégorie renommée"
    category.save()
    assert "Catégorie renommée" in unescape(visit(client, tool.url).content.decode())


def test_a_new_restriction_hides_a_cached_page_at_once(client):
    tool = live_tool("Outil bientôt privé")
    visit(client, tool.url)
    PageViewRestriction.objects.create(page=tool, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(tool.url)
    assert response.status_code == 302
    assert "Outil bientôt privé" not in response.content.decode()


def test_a_private_page_seen_by_someone_with_access_is_never_served_to_others(client, superuser):
    tool = live_tool("Outil des membres")
    restriction = PageViewRestriction.objects.create(page=tool, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Membres d'essai"))
    member = client_for(client.__class__(), superuser)
    seen = member.get(tool.url)
    assert seen.status_code == 200 and "Outil des membres" in seen.content.decode()
    assert "X-Page-Cache" not in seen
    anonymous = client.get(tool.url)
    assert anonymous.status_code == 302
    assert "Outil des membres" not in anonymous.content.decode()


def test_a_password_page_is_never_kept(client):
    tool = live_tool("Outil à mot de passe")
    PageViewRestriction.objects.create(
        page=tool, restriction_type=PageViewRestriction.PASSWORD, password="sésame"
    )
    form = client.get(tool.url)
    assert "Outil à mot de passe" not in form.content.decode().split("<main")[-1] or form.status_code != 200
    assert "X-Page-Cache" not in form
    passed = client.post(
        f"/_util/authenticate_with_password/{tool.view_restrictions.get().pk}/{tool.pk}/",
        {"password": "sésame", "return_url": tool.url},
    )
    assert passed.status_code == 302
    inside = client.get(tool.url)
    assert inside.status_code == 200 and "X-Page-Cache" not in inside
    stranger = client.__class__().get(tool.url)
    assert "X-Page-Cache" not in stranger
    assert 'name="password"' in stranger.content.decode()


def test_signed_in_visitors_get_their_own_page_never_the_cached_one(client, editor):
    tool = live_tool("Outil vu par tous")
    visit(client, tool.url)
    assert visit(client, tool.url)["X-Page-Cache"] == "hit"
    signed_in = visit(client_for(client.__class__(), editor), tool.url)
    assert "X-Page-Cache" not in signed_in
    assert "private" in signed_in["Cache-Control"]
    # and the anonymous copy did not become the signed-in one
    assert "edith" not in visit(client, tool.url).content.decode().lower()


def test_a_pending_message_is_never_cached(client):
    tool = live_tool("Outil à message")
    client.cookies["messages"] = "anything"
    response = visit(client, tool.url)
    assert "X-Page-Cache" not in response
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_admin_answers_are_never_kept(client, editor):
    response = client.get("/admin/login/")
    assert "X-Page-Cache" not in response


def test_public_answers_tell_a_cache_in_front_how_long_and_answer_conditional_requests(client, settings):
    tool = live_tool("Outil conditionnel")
    response = visit(client, tool.url)
    control = response["Cache-Control"]
    assert "public" in control and f"s-maxage={settings.FRONTEND_CACHE_TTL}" in control
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(tool.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    publish_title(tool, "Outil conditionnel changé")
    changed = client.get(tool.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200 and "Outil conditionnel changé" in changed.content.decode()


def test_the_key_holds_the_query_string_and_the_language(client):
    listing = section(ToolIndexPage).url
    visit(client, listing)
    sorted_listing = visit(client, f"{listing}?sort=updated")
    assert sorted_listing["X-Page-Cache"] == "miss"
    english = visit(client, section(ToolIndexPage, "en").url)
    assert english["X-Page-Cache"] == "miss"
    assert 'lang="en"' in english.content.decode()


def test_the_root_redirect_follows_each_visitors_language(client):
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    spanish = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert french["Location"].startswith("/fr/") and spanish["Location"].startswith("/es/")


def test_a_streamed_export_is_kept_once_sent_whole_and_renewed_on_publish(client, django_assert_num_queries):
    tool = live_tool("Outil exporté")
    first = client.get("/fr/export/tools.json")
    assert first.status_code == 200
    body = b"".join(first.streaming_content)
    assert "Outil exporté".encode() in body
    with django_assert_num_queries(0):
        second = client.get("/fr/export/tools.json")
    assert second.content == body
    assert second["Content-Disposition"] == first["Content-Disposition"]
    publish_title(tool, "Outil réexporté")
    third = client.get("/fr/export/tools.json")
    assert "Outil réexporté".encode() in b"".join(third.streaming_content)


def test_turned_off_nothing_is_kept(client, settings):
    settings.PAGE_CACHE = False
    tool = live_tool("Outil jamais gardé")
    visit(client, tool.url)
    assert "X-Page-Cache" not in visit(client, tool.url)


def test_a_form_carrying_a_csrf_token_is_never_kept(client):
    from django.urls import reverse

    url = reverse("signup")
    for _visit in range(2):
        response = visit(client, url)
        assert "X-Page-Cache" not in response
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_the_order_of_repeated_parameters_is_kept_in_the_key(client):
    # a comparison's columns follow the order of its link: the reversed link is another page
    from django.urls import reverse

    first, second = live_tool("Outil Premier"), live_tool("Outil Second")
    url = reverse("compare_tools")
    forward = visit(client, f"{url}?tool={first.pk}&tool={second.pk}").content.decode()
    backward = visit(client, f"{url}?tool={second.pk}&tool={first.pk}").content.decode()
    assert forward.index("Outil Premier") < forward.index("Outil Second")
    assert backward.index("Outil Second") < backward.index("Outil Premier")


def test_the_missing_translation_notice_does_not_depend_on_who_came_first(client):
    tool = live_tool("Tool in English only", language="en")
    notice = "Cette page n’est pas encore disponible en français."
    assert notice not in visit(client, tool.url).content.decode()  # a browser that asks for nothing
    assert notice in visit(client, tool.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
