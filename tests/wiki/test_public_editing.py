"""From a public page to its editor: "edit this page" for those who may, "suggest a change" for the
others, the footer's signed-in state, and answers that differ by visitor kept out of shared caches."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from moderation import roles
from tests.factories import PAGE_TYPES, calculix, hidden_tools, page_of_type
from tests.helpers.html import links, one, select, text_of
from tests.helpers.users import PASSWORD, client_for, make_user
from wiki.models import ContributorApplication

pytestmark = pytest.mark.django_db

EDIT = {"fr": "Modifier cette page", "en": "Edit this page", "es": "Editar esta página"}
SUGGEST = {"fr": "Proposer une modification", "en": "Suggest a change", "es": "Proponer un cambio"}


def editing_link(response):
    """(text, address) of the page's editing link."""
    link = one(response, ".page-editing a")
    return text_of(link), link["href"]


def editor_of(page):
    return f"/admin/pages/{page.pk}/edit/"


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_an_editor_finds_edit_this_page_on_every_kind_of_page(editor_client, model):
    page = page_of_type(model, "fr")

    response = editor_client.get(page.url)

    assert response.status_code == 200
    assert editing_link(response) == (EDIT["fr"], editor_of(page))
    assert editor_client.get(editor_of(page)).status_code == 200


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_a_visitor_is_offered_to_suggest_a_change_on_every_kind_of_page(client, model):
    page = page_of_type(model, "es")

    response = client.get(page.url)

    assert editing_link(response) == (SUGGEST["es"], f"/es/suggest-a-change/{page.pk}/")
    assert EDIT["es"] not in text_of(response)


def test_a_spanish_translator_edits_the_spanish_translation_in_the_translation_editor(
    client, translated_calculix, translator_es
):
    client_for(client, translator_es)
    spanish, french = calculix("es"), calculix("fr")

    text, target = editing_link(client.get(spanish.url))
    assert (text, target) == (EDIT["es"], editor_of(spanish))
    editor = client.get(target)
    assert editor.status_code == 200
    # wagtail-localize's editor of a synced translation, not the plain page form
    assert len(select(editor, ".js-translation-editor[data-props]")) == 1
    assert select(editor, "form #id_title") == []

    # the French original is not his to edit: he is told why rather than sent to a refusal
    text, target = editing_link(client.get(french.url))
    assert (text, target) == (SUGGEST["fr"], f"/fr/suggest-a-change/{french.pk}/")
    explanation = client.get(target)
    assert explanation.status_code == 200
    assert "ne modifient que les pages de leurs langues" in text_of(one(explanation, "main"))


def test_suggest_a_change_tells_a_visitor_how_and_logging_in_leads_to_the_editor(client, editor):
    page = page_of_type(PAGE_TYPES[2], "fr")  # a tool

    response = client.get(f"/fr/suggest-a-change/{page.pk}/")

    assert response.status_code == 200
    main = one(response, "main")
    assert "Demander à devenir contributeur ou contributrice" in text_of(main)
    found = links(main)
    login = next(href for href, text in found.items() if text == "Se connecter pour modifier cette page")
    signup = next(href for href in found if href.startswith("/fr/accounts/signup/"))
    assert urlsplit(login).path == reverse("wagtailadmin_login")
    assert parse_qs(urlsplit(login).query)["next"] == [editor_of(page)]
    assert parse_qs(urlsplit(signup).query)["next"] == [editor_of(page)]
    assert page.url in found  # back to the page

    # the login form sends the editor back where "next" says
    login_page = client.get(login)
    next_field = one(login_page, "form input[name=next]")
    answer = client.post(
        login,
        {"username": editor.email, "password": PASSWORD, "next": next_field["value"]},
    )
    assert answer.status_code == 302
    assert answer["Location"] == editor_of(page)


def test_the_signup_keeps_the_way_back_to_the_editor_for_after_approval(client):
    page = page_of_type(PAGE_TYPES[2], "fr")
    signup = f"/fr/accounts/signup/?next={editor_of(page)}"
    assert parse_qs(urlsplit(links(client.get(signup), "main > p a").popitem()[0]).query)["next"] == [
        editor_of(page)
    ]
    done = client.post(
        signup,
        {
            "name": "Nadia Newcomer",
            "email": "nadia@example.org",
            "password1": "a long and unusual passphrase 42",
            "password2": "a long and unusual passphrase 42",
        },
    )
    login = [href for href in links(done, "main a") if href.startswith("/admin/login/")]
    assert len(login) == 1 and parse_qs(urlsplit(login[0]).query)["next"] == [editor_of(page)]
    # an address of another site is not carried along
    elsewhere = client.get("/fr/accounts/signup/?next=https://example.com/")
    assert all("example.com" not in href for href in links(elsewhere))


def test_a_pending_or_declined_applicant_is_told_where_their_account_stands(client):
    page = page_of_type(PAGE_TYPES[2], "fr")
    applicant = make_user("nadia")
    application = ContributorApplication.objects.create(user=applicant, language="fr")
    client_for(client, applicant)

    assert editing_link(client.get(page.url))[0] == SUGGEST["fr"]
    pending = text_of(one(client.get(f"/fr/suggest-a-change/{page.pk}/"), "main"))
    assert "Votre demande attend la validation" in pending
    assert "Se connecter" not in pending

    application.status = ContributorApplication.Status.REJECTED
    application.save()
    declined = text_of(one(client.get(f"/es/suggest-a-change/{page.pk}/"), "main"))
    assert "Su solicitud para ser colaborador fue rechazada" in declined

    # once approved, the same link opens the editor
    application.status = ContributorApplication.Status.APPROVED
    application.save()
    applicant.groups.add(Group.objects.get(name=roles.CONTRIBUTORS))
    assert editing_link(client.get(page.url)) == (EDIT["fr"], editor_of(page))
    assert client.get(f"/fr/suggest-a-change/{page.pk}/")["Location"] == editor_of(page)


def test_suggest_a_change_reveals_no_draft_and_no_private_page(client):
    draft, private = hidden_tools("suggestion")
    assert client.get(f"/fr/suggest-a-change/{draft.pk}/").status_code == 404
    assert client.get(f"/fr/suggest-a-change/{private.pk}/").status_code == 404
    assert client.get("/fr/suggest-a-change/999999/").status_code == 404


def test_the_footer_says_who_is_signed_in(client, editor):
    home = page_of_type(PAGE_TYPES[0], "fr")

    anonymous = one(client.get(home.url), "footer")
    assert {"Devenir contributeur ou contributrice", "Se connecter"} <= set(links(anonymous).values())
    assert "Session ouverte" not in text_of(anonymous)

    client_for(client, editor)
    footer = one(client.get(home.url), "footer")
    assert "Session ouverte : Edith Editor" in text_of(footer)
    assert "Administration" in links(footer).values()
    logout = one(footer, "form.signed-in")
    assert logout["action"] == "/admin/logout/" and logout["method"] == "post"
    assert "Se déconnecter" in text_of(one(logout, "button"))
    assert "Se connecter" not in links(footer).values()

    # logging out from the footer comes back to the page, signed out
    answer = client.post("/admin/logout/", {"next": home.url})
    assert answer["Location"] == home.url
    assert "Session ouverte" not in text_of(one(client.get(home.url), "footer"))


def test_an_account_without_admin_access_gets_no_admin_link(client):
    client_for(client, make_user("nadia"))
    footer = one(client.get(page_of_type(PAGE_TYPES[0], "en").url), "footer")
    assert "Signed in as Nadia" in text_of(footer)
    assert "Admin" not in links(footer).values()


def test_a_signed_in_page_is_private_and_anonymous_pages_are_the_same_for_everyone(client, editor):
    page = page_of_type(PAGE_TYPES[2], "fr")

    first = client.get(page.url)
    second = client.get(page.url)
    assert first.content == second.content
    assert "Cookie" in first["Vary"]
    assert "private" not in first.get("Cache-Control", "")

    client_for(client, editor)
    signed_in = client.get(page.url)
    assert "private" in signed_in["Cache-Control"]
    assert "Cookie" in signed_in["Vary"]
    assert "Edith Editor" in signed_in.content.decode()

    # signed out again, the visitor gets the anonymous page back, not the one just seen
    client.logout()
    again = client.get(page.url)
    assert again.content == first.content
    assert "Edith" not in again.content.decode()
