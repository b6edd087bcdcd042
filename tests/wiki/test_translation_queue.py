"""The "To translate" queue: the live public pages a translator has to translate or update."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail_localize.models import Translation

from tests.factories import calculix, hidden_tools, live_tool
from tests.helpers.html import links, select, text_of
from tests.helpers.users import client_for, make_user
from wiki.translation_queue import TRANSLATE, UPDATE, queue_for

pytestmark = pytest.mark.django_db


def rows_for(user, page):
    return [item for item in queue_for(user) if item.source.translation_key == page.translation_key]


def test_a_french_page_without_a_spanish_version_is_to_translate_into_spanish(translator_es):
    page = live_tool("Seulement en français")

    [item] = rows_for(translator_es, page)

    assert (item.source.pk, item.source_language, item.language_code, item.action) == (
        page.pk,
        "fr",
        "es",
        TRANSLATE,
    )
    assert item.source_changed_on == page.last_published_at


def test_one_row_per_group_and_language_from_the_original(translator_es, translated_calculix):
    """Calculix exists in French (original), English and Spanish: once its Spanish version is
    behind, the queue has one "update" row, from the French original."""
    original = calculix("fr")
    original.summary = "Résumé changé."
    original.save_revision().publish()

    [item] = rows_for(translator_es, original)

    assert (item.source.pk, item.action, item.translation.pk) == (original.pk, UPDATE, calculix("es").pk)


def test_up_to_date_translations_drafts_and_private_pages_are_not_listed(translator_es, translated_calculix):
    draft, private = hidden_tools("queue")
    listed = {item.source.pk for item in queue_for(translator_es)}

    assert not listed & {draft.pk, private.pk, *(calculix(code).pk for code in ("fr", "en"))}


def test_the_alias_of_a_private_page_is_not_listed_a_public_ones_is(translator_es):
    private = live_tool("Original privé")
    private_alias = private.create_alias(update_slug="original-prive-alias")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    public_alias = live_tool("Original public").create_alias(update_slug="original-public-alias")

    listed = {item.source.pk for item in queue_for(translator_es)}

    assert private_alias.pk not in listed
    assert public_alias.pk in listed


def test_a_translator_only_gets_their_own_languages(translator_es):
    page = live_tool("Pour les anglophones aussi")

    assert {item.language_code for item in queue_for(translator_es)} == {"es"}
    both = make_user("bilingue", "Translators", "Translators (es)", "Translators (en)")
    assert {item.language_code for item in rows_for(both, page)} == {"es", "en"}


def test_the_queue_screen_lists_the_page_with_its_action(client, translator_es):
    page = live_tool("À traduire à l'écran")

    response = client_for(client, translator_es).get(reverse("translation_queue"))

    assert response.status_code == 200
    assert "À traduire à l'écran" in text_of(response)
    action = reverse("translation_queue_action", args=[page.pk, "es"])
    assert select(response, f'form[action="{action}"] input[name="csrfmiddlewaretoken"][value]')
    assert page.url in links(response)


def test_editors_without_the_translation_right_have_no_queue(client, editor):
    response = client_for(client, editor).get(reverse("translation_queue"))

    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert reverse("translation_queue") not in links(client.get(reverse("wagtailadmin_home")))


def test_translate_creates_the_spanish_draft_and_opens_the_translation_editor(client, translator_es):
    page = live_tool("Outil à traduire")

    response = client_for(client, translator_es).post(
        reverse("translation_queue_action", args=[page.pk, "es"])
    )

    spanish = page.get_translation(_es())
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[spanish.pk])
    assert not spanish.live  # a draft, for the moderators to publish
    assert Translation.objects.filter(source__object_id=page.translation_key, target_locale=spanish.locale)
    editor = client.get(response["Location"])
    assert select(editor, ".js-translation-editor")  # wagtail-localize's translation editor
    # whose main action, for a translator, is sending for moderation
    send = reverse("submit_for_moderation", args=[spanish.pk])
    assert select(editor, f'footer.translation-moderation-footer form[action="{send}"] button')
    assert not rows_for(translator_es, page)


def _es():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="es")


def test_update_resyncs_the_source_and_opens_the_translation_editor(
    client, translator_es, translated_calculix
):
    original = calculix("fr")
    original.summary = "Un résumé tout neuf."
    original.save_revision().publish()
    spanish = calculix("es")

    response = client_for(client, translator_es).post(
        reverse("translation_queue_action", args=[original.pk, "es"])
    )

    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[spanish.pk])
    translation = Translation.objects.get(
        source__object_id=original.translation_key, target_locale=spanish.locale
    )
    assert "Un résumé tout neuf." in [
        segment.string.data for segment in translation.source.stringsegment_set.all()
    ]
    spanish.refresh_from_db()
    assert spanish.summary == "Un motor libre que calcula impuestos y prestaciones."  # live text untouched


def test_translators_cannot_act_for_other_languages_or_hidden_pages(client, translator_es):
    page = live_tool("Pas pour toi")
    draft, private = hidden_tools("action")
    translator = client_for(client, translator_es)

    refused = translator.post(reverse("translation_queue_action", args=[page.pk, "en"]))
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    assert not page.get_translations().exists()
    for hidden in (draft, private):
        url = reverse("translation_queue_action", args=[hidden.pk, "es"])
        assert translator.post(url, follow=True).status_code == 404
    assert translator.get(reverse("translation_queue_action", args=[page.pk, "es"])).status_code == 405
    assert page.get_translation_or_none(_es()) is None


def test_the_queue_costs_a_bounded_number_of_queries(client, translator_es, django_assert_max_num_queries):
    for number in range(30):
        live_tool(f"Outil numéro {number}")
    translator = client_for(client, translator_es)
    translator.get(reverse("translation_queue"))  # warm Wagtail's per-process caches

    with django_assert_max_num_queries(30):
        response = translator.get(reverse("translation_queue"))
    assert "Outil numéro 29" in text_of(response)


def test_who_may_publish_keeps_wagtail_localizes_footer(client, moderator):
    page = live_tool("Outil pour la modération")
    spanish = _es()
    from wagtail_localize.operations import translate_object

    translate_object(page, [spanish], user=moderator)
    editor = client_for(client, moderator).get(
        reverse("wagtailadmin_pages:edit", args=[page.get_translation(spanish).pk])
    )

    assert select(editor, ".js-translation-editor")
    assert not select(editor, "footer.translation-moderation-footer")
