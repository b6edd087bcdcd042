"""Private pages and documents: "logged-in users" means approved members; shared passwords are throttled."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from moderation import roles
from pages.tools import ToolIndexPage
from tests.factories import section, tool
from tests.helpers.html import one
from tests.helpers.users import client_for, make_user
from wiki import signup

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"
CONTENT = "Contenu réservé aux membres."
PENDING = {
    "fr": "Votre demande pour devenir contributeur ou contributrice est en attente de modération.",
    "en": "Your application to become a contributor is waiting for a moderator.",
    "es": "Su solicitud para colaborar está pendiente de moderación.",
}


def applicant(client, email="nadia@example.org"):
    """An account made through the sign-up form, waiting for a moderator."""
    data = {"name": "Nadia Newcomer", "email": email, "password1": PASSWORD, "password2": PASSWORD}
    assert client.post("/fr/accounts/signup/", data).status_code == 200
    return get_user_model().objects.get(email=email)


@pytest.fixture
def members_page(db):
    page = tool("Alcor", summary=CONTENT)
    page.save_revision().publish()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def test_a_pending_applicant_who_logs_in_is_told_to_wait_and_sees_nothing(client, members_page):
    applicant(Client())

    to_login = client.get(members_page.url)
    assert to_login.status_code == 302  # anonymous: Wagtail's login page, as before
    login_url = to_login["Location"]
    logged_in = client.post(login_url, {"username": "nadia@example.org", "password": PASSWORD})
    assert logged_in.status_code == 302
    response = client.get(logged_in["Location"])

    assert response.status_code == 403
    html = response.content.decode()
    assert PENDING["fr"] in html
    assert CONTENT not in html and "Alcor" not in html
    assert "no-cache" in response["Cache-Control"]


def test_the_refusal_is_in_the_visitors_language(client):
    user = applicant(client)
    member = client_for(Client(), make_user("carla", roles.CONTRIBUTORS))
    for language, text in PENDING.items():
        tools = section(ToolIndexPage, language)
        PageViewRestriction.objects.create(page=tools, restriction_type=PageViewRestriction.LOGIN)

        response = client_for(client, user).get(tools.url)

        assert response.status_code == 403
        assert text in response.content.decode()
        assert member.get(tools.url).status_code == 200


def test_a_declined_applicant_is_told_so(client, members_page, moderator):
    user = applicant(client)
    signup.decide(
        user.contributor_application, moderator, approve=False, admin_url="http://testserver/admin/"
    )

    response = client_for(client, user).get(members_page.url)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Votre demande pour devenir contributeur ou contributrice a été refusée" in html
    assert CONTENT not in html


def test_an_account_in_no_group_is_refused_too(client, members_page):
    response = client_for(client, make_user("lone")).get(members_page.url)

    assert response.status_code == 403
    assert "votre compte n’en fait pas partie" in response.content.decode()


def test_the_history_of_a_members_page_is_closed_to_a_pending_applicant(client, members_page):
    user = applicant(client)

    response = client_for(client, user).get(members_page.url + "history/")

    assert response.status_code == 403
    assert PENDING["fr"] in response.content.decode()


@pytest.mark.parametrize(
    "groups",
    [
        [roles.CONTRIBUTORS],
        [roles.EDITORS],
        [roles.MODERATORS],
        [roles.TRANSLATORS],
        [roles.translators_group_name("es")],
    ],
)
def test_approved_members_and_staff_read_the_page(client, members_page, groups):
    member = make_user("member", *groups)

    response = client_for(client, member).get(members_page.url)

    assert response.status_code == 200
    assert CONTENT in response.content.decode()


def test_an_applicant_once_approved_reads_the_page(client, members_page, moderator, superuser):
    user = applicant(client)
    signup.decide(user.contributor_application, moderator, approve=True, admin_url="http://testserver/admin/")

    assert CONTENT in client_for(client, user).get(members_page.url).content.decode()
    assert CONTENT in client_for(Client(), superuser).get(members_page.url).content.decode()


def test_search_feeds_and_the_api_show_a_pending_applicant_no_more_than_anyone(
    client, django_capture_on_commit_callbacks
):
    # a guard: these never showed restricted pages to anybody (pages.relations.visible)
    with django_capture_on_commit_callbacks(execute=True):  # the search index is updated on commit
        page = tool("Alcor", summary=CONTENT)
        page.save_revision().publish()
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    pending = client_for(client, applicant(client))

    assert page.url not in pending.get("/fr/search/", {"q": "Alcor"}).content.decode()
    assert page.url not in pending.get(reverse("recent_changes")).content.decode()
    assert page.url not in pending.get(reverse("recent_changes_feed")).content.decode()
    assert pending.get(f"/api/v1/entries/{page.translation_key}").status_code == 404


def members_document():
    collection = Collection.get_first_root_node().add_child(name="Membres")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Compte rendu",
        collection=collection,
        file=ContentFile(b"%PDF-1.4 reserve", name="compte-rendu.pdf"),
    )


def test_a_members_document_is_refused_to_a_pending_applicant(client):
    document = members_document()
    user = applicant(client)

    refused = client_for(client, user).get(document.url)
    served = client_for(Client(), make_user("carla", roles.CONTRIBUTORS)).get(document.url)

    assert refused.status_code == 403
    assert b"reserve" not in refused.content
    assert served.status_code == 200
    assert b"reserve" in b"".join(served.streaming_content)


# --- shared passwords -------------------------------------------------------------------------------


@pytest.fixture
def password_page(db):
    page = tool("Mizar", summary=CONTENT)
    page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="the right one"
    )
    return page


def form_action(client, url):
    """Where the page's password form posts to."""
    return one(client.get(url), 'form[action]:has(input[name="password"])')["action"]


def try_password(client, action, password, return_url, address="203.0.113.9"):
    return client.post(action, {"password": password, "return_url": return_url}, HTTP_X_FORWARDED_FOR=address)


def test_the_right_password_after_a_burst_of_wrong_ones_is_refused(client, password_page, settings):
    action = form_action(client, password_page.url)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        assert try_password(client, action, "guess", password_page.url).status_code == 200

    refused = try_password(client, action, "the right one", password_page.url)

    assert refused.status_code == 429
    assert "Trop de mots de passe erronés depuis votre connexion. Réessayez dans 15 minutes." in (
        refused.content.decode()
    )
    assert CONTENT not in client.get(password_page.url).content.decode()


def test_the_lock_is_per_client_and_per_page(client, password_page, settings):
    action = form_action(client, password_page.url)
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        try_password(client, action, "guess", password_page.url)
    other_page = tool("Alioth", summary="Autre contenu.")
    other_page.save_revision().publish()
    PageViewRestriction.objects.create(page=other_page, restriction_type="password", password="another")

    someone_else = Client()
    passed = try_password(someone_else, action, "the right one", password_page.url, address="198.51.100.7")
    other = try_password(client, form_action(client, other_page.url), "another", other_page.url)

    assert passed.status_code == 302
    assert CONTENT in someone_else.get(password_page.url).content.decode()
    assert other.status_code == 302


def test_the_right_password_starts_the_count_again(client, password_page, settings):
    action = form_action(client, password_page.url)
    for _round in range(2):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            try_password(client, action, "guess", password_page.url)
        assert try_password(client, action, "the right one", password_page.url).status_code == 302


def test_the_password_of_a_document_collection_is_throttled_too(client, settings):
    collection = Collection.get_first_root_node().add_child(name="Confidentiel")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="the right one"
    )
    document = get_document_model().objects.create(
        title="Budget", collection=collection, file=ContentFile(b"chiffres", name="budget.txt")
    )
    action = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    assert form_action(client, document.url) == action
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        try_password(client, action, "guess", document.url)

    assert try_password(client, action, "the right one", document.url).status_code == 429


@pytest.mark.parametrize(
    "language,wording",
    [
        ("fr", "Privée, réservée aux membres approuvés (contributeurs et équipe) connectés"),
        ("en", "Private, for approved members (contributors and staff) who are logged in"),
        ("es", "Privada, reservada a los miembros aprobados (colaboradores y equipo) con sesión iniciada"),
    ],
)
def test_the_privacy_dialog_says_who_a_login_restriction_lets_in(client, moderator, language, wording):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    page = tool("Outil à protéger", summary="Texte.")
    client_for(client, moderator)

    html = client.get(reverse("wagtailadmin_pages:set_privacy", args=[page.pk])).json()["html"]

    assert wording in html
    assert "any logged-in users" not in html
