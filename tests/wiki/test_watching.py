"""Signed-in users watch pages and categories; changes reach them on a watchlist and by e-mail."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories import category, tool
from tests.helpers.users import client_for
from wiki.models import Watch

pytestmark = pytest.mark.django_db


def publish(page, summary=None):
    if summary:
        page.summary = summary
    page.save_revision().publish()
    return page


def test_a_user_watches_a_page_and_hears_of_its_changes(client, editor):
    page = publish(tool("Arcturus", summary="Texte."))
    user = client_for(client, editor)

    response = user.post(f"/fr/watch/page/{page.pk}/", {"next": page.url})
    assert response.status_code == 302
    assert "Ne plus suivre cette page" in user.get(page.url).content.decode()

    publish(page, "Texte révisé.")
    watchlist = user.get("/fr/watchlist/").content.decode()
    assert "Arcturus" in watchlist
    assert f"{page.url}history/" in watchlist

    out = io.StringIO()
    call_command("send_watch_digest", stdout=out)
    digest = [message for message in mail.outbox if editor.email in message.to]
    assert len(digest) == 1
    assert "Arcturus" in digest[0].body
    assert "/history/" in digest[0].body
    assert "1 digest" in out.getvalue()

    user.post(f"/fr/watch/page/{page.pk}/", {"next": page.url})
    assert not Watch.objects.filter(user=editor).exists()


def test_a_watched_category_brings_its_tools_changes_only(client, editor):
    portal = category()
    inside = tool("Portail Bételgeuse", summary="Texte.")
    inside.categories.set([portal])
    client_for(client, editor).post("/fr/watch/category/portail-essai/")
    publish(inside)
    publish(tool("Hors catégorie Rigel", summary="Texte."))

    call_command("send_watch_digest", stdout=io.StringIO())

    body = next(message.body for message in mail.outbox if editor.email in message.to)
    assert "Portail Bételgeuse" in body
    assert "Rigel" not in body


def test_no_digest_without_changes_and_none_for_old_ones(client, editor):
    page = publish(tool("Antarès", summary="Texte."))
    Watch.objects.create(user=editor, page=page, language="fr")
    mail.outbox.clear()

    call_command("send_watch_digest", "--hours", "0", stdout=io.StringIO())

    assert not [message for message in mail.outbox if editor.email in message.to]


def test_visitors_must_sign_in_to_watch(client):
    page = publish(tool("Deneb", summary="Texte."))

    response = client.post(f"/fr/watch/page/{page.pk}/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not Watch.objects.exists()
    assert client.get("/fr/watchlist/").status_code == 302


def test_a_private_page_cannot_be_watched(client, editor):
    from wagtail.models import PageViewRestriction

    page = publish(tool("Secret", summary="Texte."))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client_for(client, editor).post(f"/fr/watch/page/{page.pk}/")

    assert response.status_code == 404
    assert not Watch.objects.exists()


@pytest.mark.parametrize("change", ["restricted", "unpublished"])
def test_a_watched_page_that_stops_being_public_is_listed_without_its_title(client, editor, change):
    from wagtail.models import PageViewRestriction

    page = publish(tool("Ancien nom", summary="Texte."))
    user = client_for(client, editor)
    user.post(f"/fr/watch/page/{page.pk}/")
    page.title = "Nom confidentiel"
    publish(page)
    if change == "restricted":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    else:
        page.refresh_from_db()
        page.unpublish()

    html = user.get("/fr/watchlist/").content.decode()
    assert "Nom confidentiel" not in html
    assert "Une page qui n’est plus publique" in html

    # … and it can still be unwatched, without its title
    response = user.post(f"/fr/watch/page/{page.pk}/", {"next": "/fr/watchlist/"}, follow=True)
    assert "Vous ne suivez plus cette page." in response.content.decode()
    assert not Watch.objects.filter(page=page).exists()
