"""Only moderators (and superusers) delete pages, through every path of the admin; anyone else may
delete only their own untouched draft (moderation/deletion.py).

Each path is tried through the real views by each role, on pages of every state (a draft never
published, one waiting for moderation, one a moderator unpublished, a live one) in every tree: the
moderator's request deletes and is logged; the others' are refused and nothing is lost — the page,
its revisions and its translations stay.
"""

import itertools
from html import escape

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale, Page, PageLogEntry, Revision

from community import actions
from community.models import Endorsement
from moderation import publishing, roles
from moderation.deletion import ModeratedPermissionTester
from pages.permissions import InstalledPermissions, installed_tester
from pages.tools import ToolPage
from snippets.models import Category
from tests.factories import category, published, tool
from tests.helpers.users import client_for, make_user

pytestmark = pytest.mark.django_db

ROLES = {
    "editor": [roles.EDITORS],
    "contributor": [roles.CONTRIBUTORS],
    "translator": [roles.TRANSLATORS, roles.translators_group_name("es")],
    "moderator": [roles.MODERATORS],
}
MODERATORS = {"moderator"}
STATES = ("draft", "in moderation", "unpublished", "live")
LANGUAGES = ("fr", "en", "es")
_numbers = itertools.count()


@pytest.fixture(params=list(ROLES))
def role(request):
    return request.param


@pytest.fixture
def person(role):
    return make_user(f"someone-{role}", *ROLES[role])


@pytest.fixture
def acting(client, person):
    """A client signed in as someone of ``role``."""
    return client_for(client, person)


@pytest.fixture
def author(db):
    """Another editor, whose work the person acting must not be able to destroy."""
    return make_user("author", roles.EDITORS)


def draft(owner, language="fr", revised_by=None):
    """A never-published tool of ``owner``, with a revision (by ``revised_by``, or the owner)."""
    page = tool(
        f"Brouillon {next(_numbers)}", summary="Pas encore relu.", language=language, live=False, owner=owner
    )
    page.save_revision(user=owner)
    if revised_by is not None:
        page.summary = "Relu par quelqu'un d'autre."
        page.save_revision(user=revised_by)
    return Page.objects.get(pk=page.pk).specific


def page_in(state, language, owner):
    """A tool of ``owner`` in ``state`` in the ``language`` tree."""
    page = draft(owner, language)
    if state == "in moderation":
        page.get_workflow().start(page, owner)
    elif state in ("unpublished", "live"):
        moderator = make_user(f"moderator-{next(_numbers)}", roles.MODERATORS)
        page.get_latest_revision().publish(user=moderator)
        if state == "unpublished":
            Page.objects.get(pk=page.pk).specific.unpublish(user=moderator)
    return Page.objects.get(pk=page.pk).specific


def translated_page(owner, state="unpublished"):
    """A French tool of ``owner`` published and translated into English and Spanish, then taken
    back by a moderator (or still live); returns the page and its translations."""
    number = next(_numbers)
    versions = published(
        ToolPage, {"title": f"Outil {number}", "slug": f"outil-{number}", "summary": "Un outil."}
    )
    Page.objects.filter(pk__in=[version.pk for version in versions.values()]).update(owner=owner)
    page = Page.objects.get(pk=versions["fr"].pk).specific
    if state == "unpublished":
        page.unpublish(user=make_user(f"moderator-{number}", roles.MODERATORS))
    return page, [versions["en"], versions["es"]]


def revisions_of(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def bulk_delete_url(app_label, model_name, *objects):
    ids = "&".join(f"id={obj.pk}" for obj in objects)
    return reverse("wagtail_bulk_action", args=[app_label, model_name, "delete"]) + f"?{ids}"


def assert_refused(response):
    """Refused: a 403, or Wagtail's way for a refused admin request (home, with a message)."""
    assert response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    ), f"not refused: {response.status_code} {response.get('Location')}"


def assert_kept(page, revisions, translations=()):
    assert Page.objects.filter(pk=page.pk).exists(), "the page was deleted"
    assert revisions_of(page) == revisions, "its revisions were deleted"
    for translation in translations:
        assert Page.objects.filter(pk=translation.pk).exists(), (
            f"its {translation.locale} translation was deleted"
        )


def assert_deleted_and_logged(page, by):
    assert not Page.objects.filter(pk=page.pk).exists()
    assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.delete", user=by).exists()


# Wagtail's delete view, on every state and in every tree


@pytest.mark.parametrize("state", STATES)
def test_only_moderators_delete_the_pages_of_others(acting, person, role, author, state):
    for language in LANGUAGES:
        page = page_in(state, language, owner=author)
        revisions = revisions_of(page)

        response = acting.post(delete_url(page))

        if role in MODERATORS:
            assert response.status_code == 302
            assert_deleted_and_logged(page, by=person)
        else:
            assert_refused(response)
            assert_kept(page, revisions)


@pytest.mark.parametrize("role", [role for role in ROLES if role not in MODERATORS])
def test_a_refused_deletion_keeps_the_translations(acting, author):
    page, translations = translated_page(author)
    revisions = revisions_of(page)

    assert_refused(acting.post(delete_url(page)))

    assert_kept(page, revisions, translations)


def test_the_admin_offers_delete_only_to_who_may(acting, person, role, author):
    """The explorer's "more" menu and the page header show "Delete" only when the view would do it."""
    offered = role in MODERATORS
    pages = [page_in(state, "es", owner=author) for state in STATES]

    explorer = acting.get(reverse("wagtailadmin_explore", args=[pages[0].get_parent().pk])).content.decode()
    for page in pages:
        assert (delete_url(page) in explorer) is offered, page.title
        if page.permissions_for_user(person).can_edit():
            header = acting.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
            assert (delete_url(page) in header) is offered, page.title
        assert (acting.get(delete_url(page)).status_code == 200) is offered


def test_a_superuser_deletes_a_live_translated_page(client, superuser, author):
    page, _translations = translated_page(author, state="live")

    response = client_for(client, superuser).post(delete_url(page))

    assert response.status_code == 302
    assert_deleted_and_logged(page, by=superuser)


# Bulk actions and the admin API


def test_bulk_delete(acting, person, role, author):
    pages = [page_in(state, "es", owner=author) for state in STATES]
    revisions = [revisions_of(page) for page in pages]
    url = bulk_delete_url("wagtailcore", "page", *pages)

    confirmation = acting.get(url).content.decode()
    acting.post(url, {"include_descendants": ""})

    offered = f'<form action="{escape(url)}" method="POST">' in confirmation  # "Yes, delete"
    if role in MODERATORS:
        assert offered
        for page in pages:
            assert_deleted_and_logged(page, by=person)
    else:
        assert not offered  # only "You don't have permission to delete these pages" and "Go back"
        for page, count in zip(pages, revisions, strict=True):
            assert_kept(page, count)


def test_the_admin_api_delete_action(acting, person, role, author):
    for state in STATES:
        page = page_in(state, "es", owner=author)
        revisions = revisions_of(page)

        response = acting.post(reverse("wagtailadmin_api:pages:action", args=[page.pk, "delete"]))

        if role in MODERATORS:
            assert response.status_code == 204
            assert_deleted_and_logged(page, by=person)
        else:
            assert response.status_code == 403, state
            assert_kept(page, revisions)


# Their own drafts: a person may withdraw a page nobody else has worked on


OWN_TREE = {"editor": "fr", "contributor": "en", "translator": "es"}


@pytest.fixture(params=list(OWN_TREE))
def writer(request):
    return request.param


@pytest.fixture
def writing(client, writer):
    user = make_user(f"writer-{writer}", *ROLES[writer])
    return client_for(client, user), user, OWN_TREE[writer]


def test_a_person_deletes_their_own_untouched_draft(writing):
    client, user, language = writing
    page = draft(user, language)

    explorer = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])).content.decode()
    assert delete_url(page) in explorer
    response = client.post(delete_url(page))

    assert response.status_code == 302
    assert_deleted_and_logged(page, by=user)


def test_a_draft_someone_else_revised_is_not_theirs_to_delete(writing, author):
    client, user, language = writing
    page = draft(user, language, revised_by=author)
    revisions = revisions_of(page)

    assert (
        delete_url(page)
        not in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    )
    assert_refused(client.post(delete_url(page)))
    assert_kept(page, revisions)


def test_a_draft_sent_to_moderation_is_not_theirs_to_delete(writing):
    client, user, language = writing
    page = draft(user, language)
    page.get_workflow().start(page, user)
    revisions = revisions_of(page)

    assert_refused(client.post(delete_url(page)))
    client.post(bulk_delete_url("wagtailcore", "page", page), {"include_descendants": ""})
    assert_kept(page, revisions)


def test_a_page_once_published_is_not_theirs_to_delete(writing):
    client, user, language = writing
    page = page_in("unpublished", language, owner=user)
    revisions = revisions_of(page)

    assert_refused(client.post(delete_url(page)))
    assert_kept(page, revisions)


def test_a_draft_someone_else_translated_is_not_theirs_to_delete(client, editor, translator_es):
    page = draft(editor, "fr")
    spanish = page.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=False)
    Page.objects.filter(pk=spanish.pk).update(owner=translator_es)
    spanish.save_revision(user=translator_es)
    revisions = revisions_of(page)

    client_for(client, editor)
    assert_refused(client.post(delete_url(page)))  # the view would delete the translation with it
    assert_kept(page, revisions, [spanish])


def test_moving_a_draft_is_still_an_edit(editor, author):
    """Wagtail reuses its deletion rule for moves; moving loses nothing, so it keeps Wagtail's rule."""
    page = draft(author, "fr")
    tester = page.permissions_for_user(editor)
    assert not tester.can_delete()
    assert tester.can_move()


def test_every_page_type_answers_with_the_deletion_rule():
    from django.apps import apps

    page_models = [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]
    assert page_models
    assert all(issubclass(model, InstalledPermissions) for model in page_models), [
        model for model in page_models if not issubclass(model, InstalledPermissions)
    ]
    # the moderation's rule is the one installed (ModerationConfig.ready)
    assert installed_tester() is ModeratedPermissionTester


# The last line: whatever asks for it during a request


def as_request_of(user):
    request = RequestFactory().post("/admin/")
    request.user = user
    return publishing.current_request.set(request)


def test_a_request_that_would_delete_what_its_user_may_not_is_refused(editor, moderator, author):
    page = draft(author, "fr")
    term = category()
    collection = Collection.get_first_root_node()
    image = get_image_model().objects.create(
        title="Logo", file=get_test_image_file(), collection=collection, uploaded_by_user=author
    )
    own_image = get_image_model().objects.create(
        title="Mon logo", file=get_test_image_file(), collection=collection, uploaded_by_user=editor
    )

    token = as_request_of(editor)
    try:
        for deletion in (
            page.delete,
            term.delete,
            image.delete,
            get_image_model().objects.filter(pk=image.pk).delete,
        ):
            with pytest.raises(PermissionDenied), transaction.atomic():  # as a request's, rolled back
                deletion()
        own_image.delete()  # their own upload: Wagtail's rule for media
    finally:
        publishing.current_request.reset(token)
    assert Page.objects.filter(pk=page.pk).exists()
    assert Category.objects.filter(pk=term.pk).exists()
    assert get_image_model().objects.filter(pk=image.pk).exists()
    assert not get_image_model().objects.filter(pk=own_image.pk).exists()

    token = as_request_of(moderator)
    try:
        page.delete()
        term.delete()
        image.delete()
    finally:
        publishing.current_request.reset(token)
    assert not Page.objects.filter(pk=page.pk).exists()


def test_what_a_moderators_deletion_takes_with_it_is_not_refused(
    client, moderator, editor, translated_calculix
):
    """A tool's endorsements go with it, though nobody may delete an endorsement by itself."""
    page = translated_calculix["fr"]
    endorsement = actions.endorse(editor, page)

    response = client_for(client, moderator).post(delete_url(page))

    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()
    assert not Endorsement.objects.filter(pk=endorsement.pk).exists()


# Snippets with drafts and workflows: taxonomy terms, endorsements


def test_only_moderators_delete_taxonomy_terms(acting, role):
    term = category(slug=f"terme-{role}")
    acting.post(reverse("wagtailsnippets_snippets_category:delete", args=[term.pk]))
    kept_single = Category.objects.filter(pk=term.pk).exists()
    other = category(slug=f"autre-{role}")
    acting.post(bulk_delete_url("snippets", "category", other))
    kept_bulk = Category.objects.filter(pk=other.pk).exists()

    assert kept_single is kept_bulk is (role not in MODERATORS)


@pytest.mark.parametrize("whose", ["own", "others"])
def test_endorsements_are_withdrawn_not_deleted(client, translated_calculix, editor, whose):
    """Nobody but a superuser deletes an endorsement in the admin: its author withdraws it (community/)."""
    author = editor if whose == "own" else make_user("endorser", roles.CONTRIBUTORS)
    endorsement = actions.endorse(author, translated_calculix["fr"])
    client_for(client, editor)
    listing = client.get(reverse("wagtailsnippets_community_endorsement:list")).content.decode()
    delete = reverse("wagtailsnippets_community_endorsement:delete", args=[endorsement.pk])
    assert delete not in listing

    client.post(delete)
    client.post(bulk_delete_url("community", "endorsement", endorsement))

    assert Endorsement.objects.filter(pk=endorsement.pk).exists()


# Media: the others' uploads, single and bulk


@pytest.mark.parametrize("whose", ["own", "others"])
def test_images_and_documents_bulk_delete(acting, person, role, author, whose):
    uploader = person if whose == "own" else author
    collection = Collection.get_first_root_node()
    image = get_image_model().objects.create(
        title="Logo", file=get_test_image_file(), collection=collection, uploaded_by_user=uploader
    )
    document = get_document_model().objects.create(
        title="Rapport",
        file=SimpleUploadedFile("rapport.txt", b"texte"),
        collection=collection,
        uploaded_by_user=uploader,
    )

    acting.post(bulk_delete_url("wagtailimages", "image", image))
    acting.post(bulk_delete_url("wagtaildocs", "document", document))

    may_delete = role in MODERATORS or whose == "own"
    assert get_image_model().objects.filter(pk=image.pk).exists() is not may_delete
    assert get_document_model().objects.filter(pk=document.pk).exists() is not may_delete
