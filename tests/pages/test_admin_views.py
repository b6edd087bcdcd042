"""Every page type can be edited and previewed in the admin, filled with links to the others."""

import pytest
from django.urls import reverse

from tests.admin import edit_url, page_form
from tests.factories import PAGE_TYPES, page_of_type
from tests.helpers.html import one, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_the_editor_opens_and_previews_every_page_type(moderator_client, model):
    page = page_of_type(model, "fr")
    url = edit_url(page)
    data = page_form(moderator_client, url, model, page)
    data["title"] = page.title + " (aperçu)"

    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = moderator_client.post(preview_url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    preview = moderator_client.get(preview_url)
    assert preview.status_code == 200
    assert page.title + " (aperçu)" in text_of(one(preview, "main h1"))
