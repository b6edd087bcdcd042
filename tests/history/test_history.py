"""Every page's public history: published versions, who wrote them, and what changed between them."""

import pytest
from wagtail.models import PageViewRestriction, Workflow

from history.page_history import page_history
from tests.factories import category, tool

pytestmark = pytest.mark.django_db


def moderate(page, editor, moderator, summary, comment="", approve=True):
    """An editor submits a change; a moderator approves (or rejects) it with a comment."""
    page = page.specific_class.objects.get(pk=page.pk)
    page.summary = summary
    page.save_revision(user=editor)
    state = Workflow.objects.get(name="Moderation").start(page, editor)
    task_state = state.current_task_state.specific
    if approve:
        task_state.approve(user=moderator, comment=comment)
    else:
        task_state.reject(user=moderator, comment=comment)
    return page.get_latest_revision()


@pytest.fixture
def page_with_history(editor, moderator, django_capture_on_commit_callbacks):
    page = tool("Sirius", summary="Un outil de vote en ligne.")
    page.save_revision(user=editor).publish(user=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        moderate(page, editor, moderator, "Un outil de vote et de pétition en ligne.", comment="Merci !")
    return page.specific_class.objects.get(pk=page.pk)


def test_the_history_lists_published_versions_newest_first(client, page_with_history):
    response = client.get(page_with_history.url + "history/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(">2</th>") < html.index(">1</th>")
    assert "Edith Editor" in html
    assert "Merci !" in html
    assert "Contributeurs et contributrices" in html


def test_drafts_rejections_and_pending_changes_stay_out_of_the_history(
    client, page_with_history, editor, moderator
):
    rejected = moderate(page_with_history, editor, moderator, "Texte refusé.", comment="Non.", approve=False)
    page = page_with_history.specific_class.objects.get(pk=page_with_history.pk)
    page.summary = "Brouillon secret."
    draft = page.save_revision(user=editor)

    html = client.get(page.url + "history/").content.decode()

    assert "Non." not in html
    assert html.count('type="radio" name="a"') == 2
    published = [version.id for version in page_history(page).versions]
    assert client.get(f"{page.url}history/{published[-1]}/{draft.pk}/").status_code == 404
    assert client.get(f"{page.url}history/{published[-1]}/{rejected.pk}/").status_code == 404
    assert client.get(f"{page.url}history/{published[-1]}/999999/").status_code == 404


def test_the_changes_between_two_versions_show_words_added_and_removed(client, page_with_history):
    newer, older = page_history(page_with_history).versions

    response = client.get(f"{page_with_history.url}history/{older.id}/{newer.id}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Résumé" in html or "résumé" in html
    assert '<span class="addition">pétition </span>' in html or 'class="addition"' in html
    assert "pétition" in html


def test_two_versions_can_be_chosen_to_compare(client, page_with_history):
    newer, older = page_history(page_with_history).versions

    response = client.get(page_with_history.url + "history/", {"a": newer.id, "b": older.id})

    assert response.status_code == 302
    assert response["Location"].endswith(f"history/{older.id}/{newer.id}/")
    bad = client.get(page_with_history.url + "history/", {"a": "x", "b": older.id})
    assert bad.status_code == 400
    assert "Choisissez deux versions publiées différentes" in bad.content.decode()


def test_each_page_says_when_it_last_changed_and_who_contributed(client, page_with_history):
    html = client.get(page_with_history.url).content.decode()

    assert "Dernière modification le" in html
    assert "Edith Editor" in html
    assert f'href="{page_with_history.url}history/"' in html


def test_the_history_of_a_private_page_is_private_too(client, page_with_history):
    PageViewRestriction.objects.create(
        page=page_with_history, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    response = client.get(page_with_history.url + "history/")

    assert response.status_code == 200
    assert "Edith Editor" not in response.content.decode()
    assert 'type="password"' in response.content.decode()


def test_the_changes_include_blocks_and_relations(client, moderator):
    from wagtail.rich_text import RichText

    page = tool("Rigel", summary="Texte.", body="Premier paragraphe du corps.")
    page.save_revision(user=moderator).publish()
    page = page.specific_class.objects.get(pk=page.pk)
    page.description = [("paragraph", RichText("<p>Un paragraphe tout neuf.</p>"))]
    page.categories.set([category()])
    page.save_revision(user=moderator).publish()
    newer, older = page_history(page).versions

    html = client.get(f"{page.url}history/{older.id}/{newer.id}/").content.decode()

    assert "Description" in html or "description" in html
    assert "tout neuf" in html
    assert "Portail des essais" in html
