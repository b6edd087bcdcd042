"""Editors and moderators see what needs attention and the broken links, and dismiss with a reason."""

import pytest
from django.utils import timezone

from tests.factories import live_tool
from vitality import assess
from vitality.models import Address, Attention, PageAddress

pytestmark = pytest.mark.django_db

QUEUE = "/admin/vitality/attention/"
LINKS = "/admin/vitality/links/"


def failing(tool, status=404, reason="not-found", field="website", url=None):
    address, _created = Address.objects.update_or_create(
        url=url or tool.website,
        defaults={
            "host": "example.org",
            "checked_at": timezone.now(),
            "state": "fails",
            "reason": reason,
            "status": status,
            "failing_since": timezone.now(),
        },
    )
    PageAddress.objects.get_or_create(page=tool, address=address, field=field)
    assess.assess()
    return address


@pytest.fixture
def broken():
    tool = live_tool("Cassé", website="https://casse.example.org/")
    failing(tool)
    return tool


def test_the_queue_shows_each_item_with_its_evidence_and_since_when(editor_client, broken):
    html = editor_client.get(QUEUE).content.decode()
    assert "Cassé" in html
    assert "https://casse.example.org/" in html
    assert "page introuvable (404)" in html
    assert "Site web en échec" in html


def test_dismissing_needs_a_reason_and_lasts_until_the_evidence_changes(editor_client, broken):
    item = Attention.objects.get(page_id=broken.pk)
    answer = editor_client.post(QUEUE, {"pk": item.pk, "reason": "   "}, follow=True)
    assert "raison" in answer.content.decode()
    item.refresh_from_db()
    assert not item.dismissed

    editor_client.post(QUEUE, {"pk": item.pk, "reason": "Le site est en maintenance jusqu’à lundi."})
    assert "Cassé" not in editor_client.get(QUEUE).content.decode()
    assess.assess()  # the same evidence again: still dismissed
    assert "Cassé" not in editor_client.get(QUEUE).content.decode()
    assert "maintenance" in editor_client.get(QUEUE + "?dismissed=1").content.decode()

    failing(broken, status=500, reason="server-error")  # new evidence: back in the queue
    html = editor_client.get(QUEUE).content.decode()
    assert "Cassé" in html and "erreur du serveur (500)" in html


def test_bad_parameters_get_a_400(editor_client, broken):
    assert editor_client.get(QUEUE + "?kind=nope").status_code == 400
    assert editor_client.post(QUEUE, {"pk": "x", "reason": "r"}).status_code == 400
    gone = editor_client.post(QUEUE, {"pk": "999999", "reason": "r"}, follow=True).content.decode()
    assert "résolu entre-temps" in gone
    assert editor_client.get(LINKS + "?page=abc").status_code == 400


def test_people_without_the_right_see_nothing(client, translator_es, broken):
    client.force_login(translator_es)
    # Wagtail's admin answers a refusal by sending back to the dashboard with a message
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.get(LINKS).status_code in (302, 403)
    assert "page introuvable (404)" not in client.get(QUEUE, follow=True).content.decode()
    item = Attention.objects.get(page_id=broken.pk)
    assert client.post(QUEUE, {"pk": item.pk, "reason": "no"}).status_code in (302, 403)
    item.refresh_from_db()
    assert not item.dismissed_reason


def test_the_broken_links_report_covers_the_site_and_each_page(moderator_client, broken):
    report = moderator_client.get(LINKS).content.decode()
    assert "Cassé" in report and "https://casse.example.org/" in report
    page_report = moderator_client.get(f"{LINKS}?page={broken.pk}").content.decode()
    assert "https://casse.example.org/" in page_report


def test_a_page_that_is_no_longer_public_leaves_the_queue_and_the_report(moderator_client, broken):
    broken.unpublish()
    assert "Cassé" not in moderator_client.get(QUEUE).content.decode()
    assert "Cassé" not in moderator_client.get(LINKS).content.decode()
    assert moderator_client.get(f"{LINKS}?page={broken.pk}").status_code in (302, 403)


def test_the_queue_proposes_a_status_but_never_sets_one(moderator_client):
    tool = live_tool(
        "Archivé", website="https://archive.example.org/", source_code_url="https://github.com/a/b"
    )
    address = Address.objects.create(
        url=tool.source_code_url,
        host="github.com",
        checked_at=timezone.now(),
        state="answers",
        reason="ok",
        forge="github",
        repository={"forge": "github", "pushed_at": "2020-01-01T00:00:00+00:00", "archived": True},
    )
    PageAddress.objects.create(page=tool, address=address, field="source_code_url")
    assess.assess()
    html = moderator_client.get(QUEUE).content.decode()
    assert "Un modérateur peut marquer l’outil comme archivé." in html or "archiv" in html
    tool.refresh_from_db()
    assert tool.status == "active"


def test_the_menu_shows_the_screens_to_editors(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert QUEUE in html and LINKS in html


def test_a_page_s_header_menu_leads_to_its_checked_links(editor_client, broken):
    html = editor_client.get(f"/admin/pages/{broken.pk}/edit/").content.decode()
    assert f"{LINKS}?page={broken.pk}" in html


def test_a_problem_that_comes_back_after_it_was_gone_is_shown_again(editor_client, broken):
    item = Attention.objects.get(page_id=broken.pk)
    editor_client.post(QUEUE, {"pk": item.pk, "reason": "Maintenance annoncée."})
    Address.objects.filter(url=broken.website).update(state="answers", reason="ok", status=200)
    assess.assess()  # fixed: the item is gone
    assert "Cassé" not in editor_client.get(QUEUE).content.decode()
    failing(broken)  # the same failure again, later: a new problem
    assert "Cassé" in editor_client.get(QUEUE).content.decode()


def test_numbers_written_with_other_digits_get_a_400(editor_client, broken):
    assert editor_client.get(LINKS + "?page=²").status_code == 400
    assert editor_client.post(QUEUE, {"pk": "²", "reason": "r"}).status_code == 400


def test_reports_name_fields_as_editors_know_them(moderator_client, broken):
    report = moderator_client.get(LINKS).content.decode()
    assert "<td>Site web</td>" in report, report[report.find("<tbody>") : report.find("</tbody>")]


def test_checked_on_is_when_the_addresses_were_asked(broken):
    from vitality.models import Vitality

    asked = timezone.now() - timezone.timedelta(days=3)
    Address.objects.filter(url=broken.website).update(checked_at=asked)
    assess.assess()
    assert Vitality.objects.get(page_id=broken.pk).checked_at == asked
