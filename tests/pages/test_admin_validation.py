"""Bad input in the page editor comes back as form errors, never as a server error, and saves nothing.

The admin speaks the site's default language, French, unless the user chose another one.
"""

import pytest
from wagtail.models import Revision

from pages.tools import ToolIndexPage, ToolPage
from tests.admin import add_url, edit_url, post_page
from tests.factories import ToolPageFactory, UseCasePageFactory, linked_catalogue, section
from tests.helpers.html import select, text_of

pytestmark = pytest.mark.django_db


def revisions_of(page):
    return Revision.objects.filter(object_id=str(page.pk)).count()


def assert_rejected(response, *messages):
    assert response.status_code == 200, f"expected the form again with errors, got {response.status_code}"
    assert select(response, ".error-message"), "no field is marked as wrong"
    text = text_of(response)
    for message in messages:
        assert message in text, message


def test_an_invalid_website_address_is_refused(editor_client):
    tool = ToolPageFactory(website="https://www.colombiacompra.gov.co/")
    before = revisions_of(tool)
    response = post_page(editor_client, edit_url(tool), {"website": "colombiacompra dot gov"}, instance=tool)
    assert_rejected(response, "Saisissez une URL valide.")
    assert revisions_of(tool) == before


def test_a_new_tool_with_an_invalid_source_address_is_not_created(editor_client):
    response = post_page(
        editor_client,
        add_url(ToolPage, section(ToolIndexPage)),
        {"title": "Outil mal saisi", "slug": "outil-mal-saisi", "source_code_url": "git@example:repo"},
        model=ToolPage,
    )
    assert_rejected(response, "Saisissez une URL valide.")
    assert not ToolPage.objects.filter(slug="outil-mal-saisi").exists()


@pytest.mark.parametrize("field", ["jury_score", "self_assessment"])
@pytest.mark.parametrize("value", ["7", "-1"])
def test_a_score_out_of_range_is_refused(moderator_client, field, value):
    project = linked_catalogue()["project"]["fr"]  # scored on three criteria, 5 by the jury on each
    before = revisions_of(project)
    response = post_page(moderator_client, edit_url(project), {f"scores-0-{field}": value}, instance=project)
    assert_rejected(response)
    text = text_of(response)
    assert (
        "Assurez-vous que cette valeur est inférieure ou égale à 5." in text
        or "Assurez-vous que cette valeur est supérieure ou égale à 0." in text
    )
    assert revisions_of(project) == before
    project.refresh_from_db()
    assert project.scores.get(sort_order=0).jury_score == 5


def test_the_same_criterion_scored_twice_is_refused(moderator_client):
    project = linked_catalogue()["project"]["fr"]  # scored on three criteria, 5 by the jury on each
    form_criterion = project.scores.get(sort_order=0).criterion_id
    response = post_page(
        moderator_client, edit_url(project), {"scores-1-criterion": str(form_criterion)}, instance=project
    )
    assert_rejected(response)
    assert project.scores.count() == 3


def test_a_use_case_cannot_end_before_it_starts(editor_client):
    use_case = UseCasePageFactory()
    response = post_page(
        editor_client,
        edit_url(use_case),
        {"started_on": "2016-04-20", "ended_on": "2015-01-01"},
        instance=use_case,
    )
    assert_rejected(response, "La fin ne peut pas précéder le début.")


def test_errors_are_reported_in_the_editors_language(editor, editor_client):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    tool = ToolPageFactory(website="https://www.colombiacompra.gov.co/")
    response = post_page(editor_client, edit_url(tool), {"website": "no es una dirección"}, instance=tool)
    assert response.status_code == 200
    assert "Introduzca una URL válida." in text_of(response)
