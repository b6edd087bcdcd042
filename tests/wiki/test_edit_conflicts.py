"""Two editors on one page: the second save never silently replaces the first."""

import pytest

from tests.admin import edit_url, page_form
from tests.conftest import client_for, make_user
from tests.search.conftest import tool

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
    import re

    from django.test import Client

    page = tool("Mira", summary="Texte.")
    page.save_revision().publish()
    other = make_user("otto", "Editors", last_name="Other")
    first, second = client_for(Client(), editor), client_for(Client(), other)

    def ping_url(client):
        html = client.get(edit_url(page)).content.decode()
        return re.search(r'data-w-swap-src-value="([^"]+/ping/[^"]+)"', html).group(1)

    first_url, second_url = ping_url(first), ping_url(second)
    first.post(first_url, {"is_editing": "1"})
    answer = json.loads(second.post(second_url, {"is_editing": "1"}).content)

    assert "Edith Editor" in answer["html"]
