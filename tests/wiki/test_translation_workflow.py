"""Translations go through moderation like any edit; a page's translation travels as a PO file; a
page can be reverted to an earlier version, through the same workflow."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation

from tests.admin import post_page, workflow_action
from tests.factories import calculix, tool
from tests.helpers.users import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("translated_calculix")]


def test_a_translated_draft_goes_to_the_moderators_before_it_is_published(client, translator_es, moderator):
    spanish = calculix("es")
    # what saving a draft in wagtail-localize's translation editor leaves: a new revision, not live
    spanish.summary = "Resumen revisado."
    spanish.save_revision(user=translator_es)
    translator = client_for(client, translator_es)

    explorer = translator.get(reverse("wagtailadmin_explore", args=[spanish.get_parent().pk]))
    submit_url = reverse("submit_for_moderation", args=[spanish.pk])
    assert submit_url in explorer.content.decode()
    assert translator.get(submit_url).status_code == 200
    assert translator.post(submit_url).status_code == 302

    spanish.refresh_from_db()
    assert spanish.workflow_in_progress
    assert "Resumen revisado." not in client.get(spanish.url).content.decode()

    workflow_action(client_for(client, moderator), spanish, "approve", comment="Gracias.")
    spanish.refresh_from_db()
    assert spanish.summary == "Resumen revisado."


def test_segments_translated_in_the_translation_editor_reach_the_moderators_as_a_draft(
    client, translator_es, moderator
):
    """wagtail-localize keeps translated segments apart until someone publishes, which translators
    may not do; sending for moderation writes them into a draft that the moderator then approves."""
    from urllib.parse import urlencode

    from wagtail_localize.models import StringSegment

    spanish = calculix("es")
    translation = Translation.objects.get(
        source__object_id=spanish.translation_key, target_locale=spanish.locale
    )
    segment = next(
        segment
        for segment in StringSegment.objects.filter(source=translation.source).select_related("context")
        if segment.context.path == "summary"
    )
    translator = client_for(client, translator_es)
    edit = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    saved = translator.put(
        edit,
        urlencode({"value": "Un simulador libre, revisado."}),
        content_type="application/x-www-form-urlencoded",
    )
    assert saved.status_code in (200, 201)
    spanish.refresh_from_db()
    assert spanish.summary != "Un simulador libre, revisado."  # nothing reached the page yet

    editor_page = translator.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk])).content.decode()
    assert reverse("submit_for_moderation", args=[spanish.pk]) in editor_page  # offered in the editor
    assert translator.post(reverse("submit_for_moderation", args=[spanish.pk])).status_code == 302

    spanish.refresh_from_db()
    assert spanish.workflow_in_progress
    assert spanish.get_latest_revision_as_object().summary == "Un simulador libre, revisado."
    assert spanish.summary != "Un simulador libre, revisado."  # the live page is untouched
    assert "Un simulador libre, revisado." not in Client().get(spanish.url).content.decode()

    workflow_action(client_for(client, moderator), spanish, "approve", comment="Bien.")
    spanish.refresh_from_db()
    assert spanish.summary == "Un simulador libre, revisado."


def test_a_translator_cannot_send_pages_of_another_language(client, translator_es):
    french = calculix("fr")
    french.summary = "Brouillon."
    french.save_revision()

    response = client_for(client, translator_es).post(reverse("submit_for_moderation", args=[french.pk]))

    french.refresh_from_db()
    assert not french.workflow_in_progress
    assert response.status_code in (302, 403)


def test_a_pages_translation_goes_out_and_comes_back_as_a_po_file(client, superuser):
    translation = Translation.objects.get(
        source__object_id=calculix("fr").translation_key, target_locale__language_code="es"
    )
    admin = client_for(client, superuser)

    download = admin.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    po = polib.pofile(download.content.decode())
    entry = next(entry for entry in po if entry.msgstr and "summary" in entry.msgctxt)
    entry.msgstr = "Un motor de cálculo abierto, traducido de nuevo."

    upload = admin.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("calculix-es.po", str(po).encode(), content_type="text/x-gettext")},
    )

    assert upload.status_code == 302
    assert StringTranslation.objects.filter(
        locale__language_code="es", data="Un motor de cálculo abierto, traducido de nuevo."
    ).exists()


def test_a_file_that_is_not_a_po_file_is_refused_and_changes_nothing(client, superuser):
    translation = Translation.objects.get(
        source__object_id=calculix("fr").translation_key, target_locale__language_code="es"
    )
    before = StringTranslation.objects.filter(locale__language_code="es").count()

    response = client_for(client, superuser).post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("notes.po", b"\x00\x01 this is not gettext", content_type="text/plain")},
        follow=True,
    )

    assert "PO" in response.content.decode()
    assert StringTranslation.objects.filter(locale__language_code="es").count() == before


def test_reverting_to_an_earlier_version_goes_through_moderation(client, editor, moderator):
    page = tool("Altair", summary="Première version.")
    first = page.save_revision(user=moderator)
    first.publish()
    page.summary = "Deuxième version."
    page.save_revision(user=moderator).publish()

    editor_client = client_for(client, editor)
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    form = editor_client.get(revert_url)
    assert form.status_code == 200
    assert "Première version." in form.content.decode()  # the form holds the old version

    post_page(editor_client, revert_url, {}, "submit", instance=first.as_object())
    page.refresh_from_db()
    assert page.summary == "Deuxième version."  # not live until approved

    workflow_action(client_for(client, moderator), page, "approve")
    page.refresh_from_db()
    assert page.summary == "Première version."
