"""Two editors on one page: the second save never silently replaces the first."""

import threading

import pytest
from django.db import connection

from tests.admin import edit_url, page_form
from tests.factories import tool
from tests.helpers.html import one
from tests.helpers.users import client_for, make_user

pytestmark = pytest.mark.django_db


def test_a_save_from_an_outdated_form_is_stopped_and_keeps_the_editors_text(client, editor):
    page = tool("Canopus", summary="Version de départ.")
    page.save_revision().publish()
    first = client_for(client, editor)
    form = page_form(first, edit_url(page), type(page), page)  # editor 1 opens the page

    other = make_user("otto", "Editors", last_name="Other")
    page.summary = "Version d'Otto."
    newer = page.save_revision(user=other)  # editor 2 saves meanwhile

    form["summary"] = "Version d'Edith."
    response = first.post(edit_url(page), form)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Otto Other" in html
    assert 'value="Version d&#x27;Edith."' in html  # their text is kept, ready to resend
    assert page.get_latest_revision().pk == newer.pk  # nothing was saved over Otto's version

    form["confirm_overwrite"] = "1"
    response = first.post(edit_url(page), form)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "Version d'Edith."


def test_a_save_from_an_up_to_date_form_goes_through(client, editor):
    page = tool("Achernar", summary="Version de départ.")
    page.save_revision().publish()
    editor_client = client_for(client, editor)
    form = page_form(editor_client, edit_url(page), type(page), page)
    form["summary"] = "Nouvelle version."

    response = editor_client.post(edit_url(page), form)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "Nouvelle version."


def test_two_editors_on_one_page_are_told_of_each_other(editor):
    import json

    from django.test import Client

    page = tool("Mira", summary="Texte.")
    page.save_revision().publish()
    other = make_user("otto", "Editors", last_name="Other")
    first, second = client_for(Client(), editor), client_for(Client(), other)

    def ping_url(client):
        return one(client.get(edit_url(page)), '[data-w-swap-src-value*="/ping/"]')["data-w-swap-src-value"]

    first_url, second_url = ping_url(first), ping_url(second)
    first.post(first_url, {"is_editing": "1"})
    answer = json.loads(second.post(second_url, {"is_editing": "1"}).content)

    assert "Edith Editor" in answer["html"]


def test_a_save_that_does_not_say_which_version_it_started_from_is_stopped(client, editor):
    page = tool("Vega", summary="Version de départ.")
    page.save_revision().publish()
    editor_client = client_for(client, editor)
    form = page_form(editor_client, edit_url(page), type(page), page)
    del form["loaded_revision_id"]
    del form["loaded_revision_created_at"]
    form["summary"] = "Version sans origine."

    response = editor_client.post(edit_url(page), form)

    assert response.status_code == 409
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "Version de départ."


@pytest.mark.parametrize("accept", ["application/json", "text/plain"])
def test_a_save_that_does_not_accept_html_is_checked_too(client, editor, accept):
    page = tool("Deneb", summary="Version de départ.")
    page.save_revision().publish()
    editor_client = client_for(client, editor)
    form = page_form(editor_client, edit_url(page), type(page), page)
    del form["loaded_revision_id"]
    del form["loaded_revision_created_at"]
    form["summary"] = "Version d'un script."

    response = editor_client.post(edit_url(page), form, HTTP_ACCEPT=accept)

    assert response.status_code == 409
    assert response.json()["error_code"] == "invalid_revision"
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "Version de départ."


def test_an_up_to_date_autosave_still_goes_through(client, editor):
    page = tool("Altair", summary="Version de départ.")
    page.save_revision().publish()
    editor_client = client_for(client, editor)
    form = page_form(editor_client, edit_url(page), type(page), page)
    form["summary"] = "Version autosauvegardée."

    response = editor_client.post(edit_url(page), form, HTTP_ACCEPT="application/json")

    assert response.status_code == 200, response.content
    assert response.json()["success"], response.content
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "Version autosauvegardée."


def in_own_connection(function, *args):
    """Run ``function`` in a thread with its own database connection, committing as it goes."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def result(thread, outcome):
    thread.join(timeout=60)
    assert not thread.is_alive(), "a request never finished"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the test's own SQLite transaction holds the database's only write lock",
)
def test_two_saves_sent_at_once_from_the_same_version_cannot_both_win():
    """Both editors opened the same version; their saves arrive together. One is stopped (409).

    The two requests run in threads with their own connections, on committed rows (the test's
    transaction would hide its own rows from them), which are removed at the end.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django.test import Client
    from wagtail import hooks
    from wagtail.models import PageLogEntry, Revision

    def set_up():
        page = tool("Sirius", summary="Version de départ.")
        page.save_revision()
        users = [make_user(name, "Editors") for name in ("racer-a", "racer-b")]
        clients = [client_for(Client(), user) for user in users]
        forms = [page_form(c, edit_url(page), type(page), page) for c in clients]
        return page, users, clients, forms

    page, users, clients, forms = result(*in_own_connection(set_up))
    first_checked, second_checked = threading.Event(), threading.Event()

    def hold_the_first_save(request, page):
        # Runs after the stale-version check: the first save waits here (at most 5 s) for the
        # second to pass the check too. Without a lock it does; with one, it waits for this save.
        if request.user.username == "racer-a":
            first_checked.set()
            second_checked.wait(timeout=5)
        else:
            second_checked.set()

    def save(index, summary):
        forms[index]["summary"] = summary
        return clients[index].post(edit_url(page), forms[index]).status_code

    try:
        # after the stale-version check (order 10)
        with hooks.register_temporarily("before_edit_page", hold_the_first_save, order=20):
            first = in_own_connection(save, 0, "Version A.")
            assert first_checked.wait(timeout=30)
            second = in_own_connection(save, 1, "Version B.")
            statuses = [result(*first), result(*second)]
        assert sorted(statuses) == [302, 409]
        summaries = [
            revision.as_object().summary
            for revision in Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at")
        ]
        assert summaries == ["Version de départ.", "Version A."]
    finally:

        def clean_up():
            PageLogEntry.objects.filter(page_id=page.pk).delete()
            type(page).objects.get(pk=page.pk).delete()
            get_user_model().objects.filter(pk__in=[user.pk for user in users]).delete()
            Session.objects.all().delete()

        result(*in_own_connection(clean_up))
