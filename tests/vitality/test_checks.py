"""The checks run in the background, politely, and keep what they found per address and page."""

import io
import re
import socket
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import UseCasePageFactory, live_tool, section
from tests.harvest.http import Answer
from vitality import assess, checks
from vitality.models import Address, Attention, CheckRun, PageAddress, Vitality

from .conftest import github, tool_at

pytestmark = pytest.mark.django_db


def state(url):
    address = Address.objects.get(url=url)
    return address.state, address.reason


def test_every_public_page_s_external_addresses_are_collected_and_checked(quick, web):
    web.route("/ok", Answer("fine"))
    web.route("/gone", Answer("no", status=410))
    tool = tool_at(web, "Decidim", "/ok")
    use_case = UseCasePageFactory(
        parent=section(type(tool).get_parent(tool).specific_class, "fr"),
        title="Budget de Paris",
        outcomes=f'<p>Voir <a href="{web.address("/gone")}">le bilan</a>.</p>',
    )
    use_case.save_revision().publish()
    draft = live_tool("Brouillon", website=web.address("/draft"))
    draft.unpublish()

    run = checks.run()
    assert run.finished_at is not None
    assert state(web.address("/ok")) == ("answers", "ok")
    assert state(web.address("/gone")) == ("fails", "gone")
    assert PageAddress.objects.filter(page_id=use_case.pk, field="outcomes").exists()
    # an unpublished page's addresses are nobody's business: not asked, not kept
    assert not web.seen("/draft")
    assert not Address.objects.filter(url=web.address("/draft")).exists()


def test_a_website_and_repository_give_the_tool_its_vitality(quick, web):
    web.route("/", Answer("home"))
    now = timezone.now()
    github(
        web,
        "decidim/decidim",
        (now - timedelta(days=12)).isoformat(),
        release=("v0.29", (now - timedelta(days=90)).isoformat()),
        issues_at=(now - timedelta(days=2)).isoformat(),
    )
    tool = tool_at(web, "Decidim", repository="https://github.com/decidim/decidim")
    call_command("check_vitality", stdout=io.StringIO(), stderr=io.StringIO())
    vitality = Vitality.objects.get(page_id=tool.pk)
    assert vitality.band == "active" and vitality.score >= 90
    assert vitality.facts["repository"]["release"] == "v0.29"
    # the repository's facts come from the forge's API, not from its web page
    assert not web.seen("/decidim/decidim")


def test_checks_never_change_a_tool(quick, web):
    web.route("/", Answer("gone", status=404))
    github(web, "old/tool", "2019-01-01T00:00:00Z", archived=True)
    tool = tool_at(web, "Vieil outil", repository="https://github.com/old/tool")
    revisions = tool.revisions.count()
    checks.run()
    assess.assess()
    tool.refresh_from_db()
    assert tool.status == "active" and tool.revisions.count() == revisions and tool.live
    assert Vitality.objects.get(page_id=tool.pk).band == "inactive"
    assert set(Attention.objects.filter(page_id=tool.pk).values_list("kind", flat=True)) == {
        "website-fails",
        "repository-archived",
    }


def test_one_host_gets_at_most_two_requests_at_once(quick, web):
    web.route("/slow", Answer("ok", delay=0.3))
    for number in range(8):
        live_tool(f"Outil {number}", website=web.address(f"/slow?n={number}"))
    quick.VITALITY_CONCURRENCY = 8
    checks.run()
    arrivals = sorted(request.at for request in web.seen())
    assert len(arrivals) == 8
    # two lanes, each waiting 0.3 s for its answer: never three requests within one answer's time
    assert all(later - earlier >= 0.25 for earlier, later in zip(arrivals, arrivals[2:], strict=False))
    assert arrivals[1] - arrivals[0] < 0.25  # but two at once


def test_one_slow_host_does_not_hold_the_others(quick, web):
    from tests.harvest.http import LocalServer

    web.route("/slow", Answer("ok", delay=0.6))
    for number in range(4):
        live_tool(f"Lent {number}", website=web.address(f"/slow?n={number}"))
    with LocalServer() as fast:
        fast.route("/", Answer("ok"))
        for number in range(10):
            live_tool(f"Rapide {number}", website=fast.address(f"/?n={number}"))
        quick.VITALITY_PER_HOST = 1
        checks.run()
        last_fast = max(request.at for request in fast.seen())
    slow_times = sorted(request.at for request in web.seen())
    assert len(slow_times) == 4
    assert last_fast < slow_times[1]  # every fast address done while the slow host was on its first


def test_a_short_retry_after_is_waited_for_then_asked_again(quick, web):
    web.route("/", Answer("wait", status=429, headers={"Retry-After": "1"}), Answer("ok"))
    tool_at(web, "Patient")
    checks.run()
    first, second = web.seen("/")
    assert second.at - first.at >= 0.9
    assert state(web.address("/")) == ("answers", "ok")


def test_a_long_retry_after_leaves_the_address_for_later_and_keeps_what_was_known(quick, web):
    web.route("/", Answer("ok"), Answer("wait", status=429, headers={"Retry-After": "3600"}))
    tool_at(web, "Occupé")
    checks.run()
    Address.objects.update(checked_at=timezone.now() - timedelta(days=2))
    checks.run()
    address = Address.objects.get(url=web.address("/"))
    assert (address.state, address.reason) == ("answers", "ok")  # the last known answer stays
    assert address.not_before > timezone.now() + timedelta(minutes=50)
    checks.run()
    assert len(web.seen("/")) == 2  # not asked again before the time it gave


def test_a_stopped_run_is_resumed_where_it_stopped(quick, web):
    web.route("/slow", Answer("ok", delay=0.4))
    for number in range(10):
        live_tool(f"Outil {number}", website=web.address(f"/slow?n={number}"))
    quick.VITALITY_PER_HOST = 1
    first = checks.run(minutes=0.01)  # 0.6 s
    ours = Address.objects.filter(url__startswith=web.url)
    assert first.finished_at is None and 0 < ours.exclude(checked_at=None).count() < 10
    second = checks.run()
    assert second.pk == first.pk and second.finished_at is not None
    assert len(web.seen()) == 10  # each address asked once over both runs
    assert CheckRun.objects.count() == 1


def test_offline_every_check_is_unknown_and_no_tool_is_called_inactive(quick, web, monkeypatch):
    tool = live_tool(
        "Hors ligne", website="https://decidim.org/", source_code_url="https://github.com/decidim/decidim"
    )
    quick.VITALITY_GITHUB_API = "https://api.github.com"

    def no_network(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    checks.run()
    assess.assess()
    assert set(Address.objects.values_list("state", "reason")) == {("unknown", "dns")}  # the demo's too
    vitality = Vitality.objects.get(page_id=tool.pk)
    assert (vitality.score, vitality.band) == (None, "unknown")
    assert not Attention.objects.exists()


def test_without_any_answer_refused_connections_are_unknown_too(quick):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    tool = live_tool("Injoignable", website=f"http://127.0.0.1:{port}/")
    run = checks.run()
    assess.assess()
    assert state(f"http://127.0.0.1:{port}/") == ("unknown", "offline")
    assert run.failed == 0
    assert Vitality.objects.get(page_id=tool.pk).band == "unknown"


def test_addresses_checked_recently_are_not_asked_again(quick, web):
    web.route("/", Answer("ok"))
    tool_at(web, "Frais")
    checks.run()
    checks.run()
    assert len(web.seen("/")) == 1


def test_checks_never_run_in_a_visitor_s_request(quick, web, client):
    tool = tool_at(web, "Visité")
    assert client.get(tool.url).status_code == 200
    assert web.seen() == []


def test_an_address_no_page_names_any_more_is_forgotten(quick, web):
    web.route("/", Answer("ok"))
    tool = tool_at(web, "Changeant")
    checks.run()
    tool.website = ""
    tool.save_revision().publish()
    checks.collect()
    assert not Address.objects.filter(url__startswith=web.url).exists()


def test_the_command_shows_progress_and_a_summary(quick, web, capsys):
    web.route("/", Answer("ok"))
    tool_at(web, "Résumé")
    call_command("check_vitality")
    out, err = capsys.readouterr()
    # the shared demo catalogue's addresses are checked too (unknown here: nothing beyond loopback)
    assert re.search(r"Checked \d+ addresses: 1 answer, \d+ fail, \d+ could not be checked\.", out)
    assert re.search(r"Scored \d+ tools; \d+ changed band\.", out)
    assert "links [" in err


def test_lanes_never_touch_the_database(quick, web, django_assert_max_num_queries):
    # results are saved by the run's own thread: SQLite and the test's transaction see them all
    web.route("/", Answer("ok"))
    for number in range(3):
        live_tool(f"Fil {number}", website=web.address(f"/?n={number}"))
    main = threading.get_ident()
    seen = []
    original = checks._save

    def recording(*args):
        seen.append(threading.get_ident())
        return original(*args)

    checks._save = recording
    try:
        checks.run()
    finally:
        checks._save = original
    assert len(seen) >= 3 and set(seen) == {main}


def test_one_run_at_a_time(quick, web, capsys):
    web.route("/", Answer("ok"))
    tool_at(web, "Seul")
    CheckRun.objects.create(started_at=timezone.now(), heartbeat_at=timezone.now())  # another process
    call_command("check_vitality")
    assert "Nothing done: another check run is going on" in capsys.readouterr().out
    assert web.seen() == []
    # once that process is gone (no sign of life for five minutes), its run is resumed
    CheckRun.objects.update(heartbeat_at=timezone.now() - timedelta(minutes=6))
    checks.run()
    assert len(web.seen("/")) == 1 and CheckRun.objects.get().finished_at is not None


def test_addresses_in_texts_are_read_as_a_reader_would(quick, web):
    from vitality.checks import _external

    text = (
        '<p>Voir <a href="https://en.wikipedia.org/wiki/Python_(programming_language)">Python</a> '
        "(ou https://example.org/docs). Et https://example.org/fin.</p>"
    )
    assert _external(text) == [
        "https://en.wikipedia.org/wiki/Python_(programming_language)",
        "https://example.org/docs",
        "https://example.org/fin",
    ]
    assert _external("https://example.org/" + "漢" * 1900) == []  # too long to keep
    assert _external("https://example.org/a\x00b") == ["https://example.org/ab"]


def test_the_introductions_of_sections_and_home_pages_are_checked_too(quick, web):
    from pages.home import HomePage

    web.route("/intro", Answer("ok"))
    home = HomePage.objects.get(locale__language_code="es")
    home.intro = f'<p><a href="{web.address("/intro")}">Un enlace</a></p>'
    home.save_revision().publish()
    checks.run()
    assert PageAddress.objects.filter(page_id=home.pk, field="intro").exists()
    assert state(web.address("/intro")) == ("answers", "ok")


def test_nothing_a_server_sends_stops_a_run(quick, web):
    web.route("/old", Answer(status=302, headers={"Location": "/a\x00b"}))
    web.route("/a%00b", Answer("ok"))
    tool = tool_at(web, "Bizarre", "/old")
    run = checks.run()
    assert run.finished_at is not None
    assert "\x00" not in Address.objects.get(url=tool.website).final_url


def test_links_in_streamfields_rich_text_and_link_rows_are_collected(quick, web):
    from pages.hackathons import HackathonProjectPage

    project = HackathonProjectPage.objects.live().filter(locale__language_code="fr").first()
    project.links = [
        ("link", {"kind": "code", "url": web.address("/code"), "label": "Code"}),
    ]
    project.save_revision().publish()
    tool = live_tool("Décrit", description=[("paragraph", f'<p><a href="{web.address("/doc")}">doc</a></p>')])
    checks.collect()
    assert PageAddress.objects.filter(
        page_id=project.pk, field="links", address__url=web.address("/code")
    ).exists()
    assert PageAddress.objects.filter(
        page_id=tool.pk, field="description", address__url=web.address("/doc")
    ).exists()
