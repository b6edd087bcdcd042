"""Moderators manage the sources in the admin; nobody else does."""

import pytest

from harvest.models import Source

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/harvest/source/"


def test_a_moderator_adds_a_source_from_the_sources_screen(moderator_client):
    page = moderator_client.get(LIST)
    assert page.status_code == 200
    answer = moderator_client.post(
        LIST + "add/",
        {
            "name": "Socle interministériel",
            "kind": "sill",
            "address": "https://code.gouv.fr/data/sill.json",
            "language": "fr",
            "data_licence": "Licence Ouverte 2.0",
            "attribution": "DINUM",
            "schedule": "weekly",
            "trust": "moderate",
            "enabled": "on",
        },
    )
    assert answer.status_code == 302, answer.content[:2000]
    source = Source.objects.get(name="Socle interministériel")
    assert (source.kind, source.trust) == ("sill", "moderate")
    assert "Socle interministériel" in moderator_client.get(LIST).content.decode()


def test_an_unknown_kind_is_refused_with_a_message(moderator_client):
    answer = moderator_client.post(
        LIST + "add/",
        {
            "name": "X",
            "kind": "gopher",
            "address": "https://example.org/",
            "language": "en",
            "data_licence": "CC0",
            "schedule": "weekly",
            "trust": "moderate",
        },
    )
    assert answer.status_code == 200
    assert not Source.objects.filter(name="X").exists()


def test_an_editor_cannot_see_or_add_sources(editor_client):
    assert editor_client.get(LIST).status_code in (302, 403)
    editor_client.post(LIST + "add/", {"name": "Y", "kind": "sill", "address": "https://example.org/"})
    assert not Source.objects.filter(name="Y").exists()


def make_source(**fields):
    return Source.objects.create(
        **{
            "name": "SILL",
            "kind": "sill",
            "address": "http://127.0.0.1:9/sill.json",
            "data_licence": "LO 2.0",
            "language": "fr",
            **fields,
        }
    )


def test_a_moderator_reads_a_source_runs_with_the_problems_of_each_record(moderator_client):
    source = make_source()
    source.runs.create(outcome="done", created=3, failed=1, problems=[{"ref": "42", "message": "no name"}])
    page = moderator_client.get(f"/admin/harvest/sources/{source.pk}/runs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "no name" in html and "42" in html
    assert f"/admin/harvest/sources/{source.pk}/runs/" in moderator_client.get(LIST).content.decode()


def test_run_now_starts_a_harvest_only_on_a_form_sent_by_a_moderator(
    moderator_client, django_capture_on_commit_callbacks
):
    source = make_source()
    address = f"/admin/harvest/sources/{source.pk}/runs/"
    with django_capture_on_commit_callbacks() as started:
        moderator_client.get(address)  # a link starts nothing
    assert not started
    with django_capture_on_commit_callbacks() as started:
        answer = moderator_client.post(address)
    assert answer.status_code == 302
    assert len(started) == 1  # handed to the background queue once the request's transaction commits


def test_an_editor_cannot_run_a_source(editor_client, django_capture_on_commit_callbacks):
    source = make_source()
    with django_capture_on_commit_callbacks() as started:
        answer = editor_client.post(f"/admin/harvest/sources/{source.pk}/runs/")
    assert answer.status_code in (302, 403)
    assert not started


def test_a_switched_off_source_is_not_run(moderator_client, django_capture_on_commit_callbacks):
    source = make_source(enabled=False)
    with django_capture_on_commit_callbacks() as started:
        moderator_client.post(f"/admin/harvest/sources/{source.pk}/runs/")
    assert not started


def test_the_sources_due_are_those_whose_schedule_has_come():
    from datetime import timedelta

    from django.utils import timezone

    from harvest.models import due_sources

    weekly = make_source(name="weekly", schedule="weekly")
    manual = make_source(name="manual", schedule="manual")
    daily = make_source(name="daily", schedule="daily")
    run = daily.runs.create(outcome="done")
    assert {source.name for source in due_sources()} == {"weekly"}  # never run; daily ran just now
    daily.runs.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(days=2))
    assert {source.name for source in due_sources()} == {"weekly", "daily"}
    assert manual not in due_sources() and weekly in due_sources()


def test_an_address_with_a_password_is_refused_and_a_query_never_shown(moderator_client):
    fields = {
        "name": "Private",
        "kind": "sill",
        "language": "fr",
        "data_licence": "LO 2.0",
        "schedule": "weekly",
        "trust": "moderate",
    }
    answer = moderator_client.post(
        LIST + "add/", {**fields, "address": "https://me:secret@example.org/sill.json"}
    )
    assert answer.status_code == 200 and not Source.objects.filter(name="Private").exists()
    source = make_source(address="https://example.org/sill.json?token=SECRET")
    assert source.public_address == "https://example.org/sill.json"


def test_the_sources_screen_reads_the_last_runs_in_one_query(moderator_client, django_assert_max_num_queries):
    for number in range(6):
        make_source(name=f"S{number}").runs.create(outcome="done")
    moderator_client.get(LIST)
    with django_assert_max_num_queries(40) as few:
        moderator_client.get(LIST)
    for number in range(6, 18):
        make_source(name=f"S{number}").runs.create(outcome="done")
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        html = moderator_client.get(LIST).content.decode()
    assert "S17" in html and ("Done" in html or "Terminée" in html)
