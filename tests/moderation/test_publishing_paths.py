"""Only those who may publish a page publish it, through every path of the admin.

Each path is tried by each role through the real views: the moderator's request goes live, the
others' end as a draft sent to moderation (or are refused), and the live page stays as it was.
"""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from moderation import publishing, roles
from pages.tools import ToolIndexPage, ToolPage
from tests.admin import edit_url, post_page
from tests.factories import calculix, section, tool
from tests.factories import category as factory_category
from tests.helpers.users import client_for, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("translated_calculix")]

ROLES = {
    "editor": [roles.EDITORS],
    "contributor": [roles.CONTRIBUTORS],
    "translator": [roles.TRANSLATORS, roles.translators_group_name("es")],
    "moderator": [roles.MODERATORS],
}
PUBLISHERS = {"moderator"}


@pytest.fixture(params=list(ROLES))
def role(request):
    return request.param


@pytest.fixture
def acting(client, role):
    """A client signed in as someone of ``role``."""
    return client_for(client, make_user(f"someone-{role}", *ROLES[role]))


def in_moderation(page):
    return WorkflowState.objects.filter(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


def change_the_french_original(summary):
    french = calculix("fr")
    french.summary = summary
    french.save_revision().publish()
    return french


def test_sync_translated_pages_with_publish_immediately(acting, role, django_capture_on_commit_callbacks):
    french = change_the_french_original("Un moteur de calcul libre, nouvelle version.")
    source = TranslationSource.objects.get(object_id=french.translation_key, locale=french.locale)
    before = {code: calculix(code).summary for code in ("es", "en")}
    started = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        response = acting.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
        )

    if role in {"editor", "contributor"}:
        assert response.status_code in {302, 403}  # Wagtail sends refused admin requests home
        spanish = calculix("es")
        assert not Revision.page_revisions.filter(object_id=str(spanish.pk), created_at__gt=started).exists()
    else:
        assert response.status_code == 302
    for code in ("es", "en"):  # the translator works in Spanish: English must be safe from them too
        page = calculix(code)
        if role in PUBLISHERS:
            assert (
                page.summary == "Un moteur de calcul libre, nouvelle version."
            )  # untranslated: the source's text
            assert not in_moderation(page)
        else:
            assert page.summary == before[code], f"the {code} page went live without a moderator"
            assert "nouvelle version" not in acting.get(page.url).content.decode()
            if role == "translator":
                assert in_moderation(page), f"the {code} draft was not sent to the moderators"
                assert page.get_latest_revision().as_object().summary.endswith("nouvelle version.")


def test_translation_editor_publish_button(acting, role, django_capture_on_commit_callbacks):
    spanish = calculix("es")
    translation = Translation.objects.get(
        source__object_id=spanish.translation_key, target_locale=spanish.locale
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="summary")
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=spanish.locale,
        context=segment.context,
        defaults={"data": "Resumen sin revisar."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = acting.post(edit_url(spanish), {"action": "publish"})

    spanish.refresh_from_db()
    if role in PUBLISHERS:
        assert response.status_code == 302
        assert spanish.summary == "Resumen sin revisar."
    else:
        assert response.status_code in {302, 403}
        assert spanish.summary != "Resumen sin revisar."


def test_convert_a_translation_to_an_alias_of_its_original(acting, role):
    spanish = calculix("es")
    summary = spanish.summary

    response = acting.post(reverse("wagtail_localize:convert_to_alias", args=[spanish.pk]))

    spanish = Page.objects.get(pk=spanish.pk).specific
    if role in PUBLISHERS:
        assert response.status_code == 302
        assert spanish.alias_of_id == calculix("fr").pk
    else:
        assert response.status_code in {302, 403}  # Wagtail sends refused admin requests home
        assert spanish.alias_of_id is None
        assert spanish.summary == summary


def test_submitting_a_live_translation_again_leaves_the_live_page_alone(translator_es, client):
    french = change_the_french_original("Le texte d’origine a changé.")
    spanish = calculix("es")
    before = spanish.summary
    translation = Translation.objects.get(
        source__object_id=french.translation_key, target_locale=spanish.locale
    )
    translation.source.update_from_db()

    # what submitting the page for translation again does for an existing translation
    translation.save_target(user=translator_es, publish=False)

    spanish.refresh_from_db()
    assert spanish.summary == before
    assert spanish.get_latest_revision().as_object().summary == "Le texte d’origine a changé."
    assert "Le texte d’origine" not in client.get(spanish.url).content.decode()


def test_bulk_publish(acting, role):
    draft = tool("Brouillon groupé", summary="Pas encore relu.", live=False)
    draft.save_revision()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={draft.pk}"

    acting.post(url, {"include_descendants": ""})

    assert Page.objects.get(pk=draft.pk).live is (role in PUBLISHERS)


def test_bulk_unpublish(acting, role):
    live = calculix("fr")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + f"?id={live.pk}"

    acting.post(url, {"include_descendants": ""})

    assert Page.objects.get(pk=live.pk).live is not (role in PUBLISHERS)


def test_copy_with_publish_copies(acting, role):
    live = calculix("fr")
    tools = section(ToolIndexPage, "fr")

    acting.post(
        reverse("wagtailadmin_pages:copy", args=[live.pk]),
        {
            "new_title": "Calculix (copie)",
            "new_slug": "calculix-copie",
            "new_parent_page": tools.pk,
            "publish_copies": "on",
        },
    )

    copy = ToolPage.objects.filter(slug="calculix-copie").first()
    if role == "translator":  # no right to add pages to the French tree
        assert copy is None
    else:
        assert copy is not None
        assert copy.live is (role in PUBLISHERS)


def test_copy_as_an_alias(acting, role):
    live = calculix("fr")
    tools = section(ToolIndexPage, "fr")

    acting.post(
        reverse("wagtailadmin_pages:copy", args=[live.pk]),
        {
            "new_title": "Calculix (alias)",
            "new_slug": "calculix-alias",
            "new_parent_page": tools.pk,
            "alias": "on",
        },
    )

    alias = ToolPage.objects.filter(slug="calculix-alias").first()
    if role in PUBLISHERS:
        assert alias is not None and alias.live
    else:
        assert alias is None or not alias.live


def test_revert_to_an_earlier_version_and_publish(acting, role):
    page = calculix("fr")
    old_summary = page.summary
    old = page.live_revision
    change_the_french_original("Version actuelle.")

    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk])
    if role == "translator":  # no right to edit the French tree: the form is not even shown
        assert acting.get(revert_url).status_code == 302
        acting.post(revert_url, {"action-publish": "publish"})
    else:
        post_page(acting, revert_url, {}, action="publish", instance=Page.objects.get(pk=page.pk).specific)

    live = calculix("fr")
    if role in PUBLISHERS:
        assert live.summary == old_summary
    else:
        assert live.summary == "Version actuelle."


def test_scheduled_publishing_publishes_only_what_a_moderator_scheduled(editor_client, moderator, client):
    page = tool("Programmée", summary="À publier plus tard.", live=False)
    page.save_revision()
    # an editor sets a go-live date in the past and saves (they cannot publish or schedule)
    post_page(
        editor_client,
        edit_url(page),
        {"go_live_at": (timezone.now() - timezone.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")},
        instance=page,
    )
    call_command("publish_scheduled", stdout=io.StringIO())
    assert not Page.objects.get(pk=page.pk).live

    # a moderator schedules it for later; when the time comes, the command publishes it
    page = Page.objects.get(pk=page.pk).specific
    page.go_live_at = timezone.now() + timezone.timedelta(hours=1)
    revision = page.save_revision(user=moderator)
    revision.publish(user=moderator)
    assert not Page.objects.get(pk=page.pk).live
    # … and when the time comes (here: the date moved back an hour), the command publishes it
    past = timezone.now() - timezone.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    assert Page.objects.get(pk=page.pk).live


def test_a_request_that_would_change_a_live_page_without_the_right_is_refused(editor, moderator):
    """The last line: whatever view asks, the save of a live page's content checks the publish right."""
    page = calculix("fr")
    request = RequestFactory().post("/admin/")
    request.user = editor
    token = publishing.current_request.set(request)
    try:
        page.summary = "Écrit directement dans la page publiée."
        with pytest.raises(PermissionDenied):
            page.save()
        page.save_revision(user=editor)  # a draft is fine
        request.user = moderator
        page.save()
    finally:
        publishing.current_request.reset(token)
    assert calculix("fr").summary == "Écrit directement dans la page publiée."


def test_translators_cannot_rewrite_the_taxonomy_by_syncing_its_translations(
    client, translator_es, moderator
):
    category = factory_category()  # French, translated into English and Spanish
    source, _ = TranslationSource.get_or_create_from_instance(category)
    spanish = category.get_translation_or_none(category.locale.__class__.objects.get(language_code="es"))
    assert spanish is not None
    name = spanish.name
    category.name = "Nom changé en français"
    category.save()
    source.update_from_db()

    translator = client_for(client, translator_es)
    response = translator.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
    )

    assert response.status_code in {302, 403}
    spanish.refresh_from_db()
    assert spanish.name == name


def test_sync_with_publish_immediately_when_the_translation_is_a_draft(
    client, translator_es, django_capture_on_commit_callbacks
):
    french = tool("Outil à traduire", summary="Résumé.")
    french.save_revision().publish()
    spanish_locale = french.locale.__class__.objects.get(language_code="es")
    translator = client_for(client, translator_es)
    translator.post(
        reverse("wagtail_localize:submit_page_translation", args=[french.pk]),
        {"locales": [spanish_locale.pk]},
    )
    spanish = french.get_translation(spanish_locale)
    assert not spanish.live
    source = TranslationSource.objects.get(object_id=french.translation_key, locale=french.locale)

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
        )

    assert response.status_code == 302
    spanish = french.get_translation(spanish_locale)
    assert not spanish.live
    assert in_moderation(spanish)
