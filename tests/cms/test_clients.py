"""The client address behind the documented proxy, and login throttling keyed on it."""

import pytest
from django.test import Client, RequestFactory

from core.clients import client_address, limited_address
from tests.helpers.users import PASSWORD

THROUGH_NGINX = {"REMOTE_ADDR": "127.0.0.1"}


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "203.0.113.9"}, "203.0.113.9"),
        # nginx appends the address it saw to whatever the client sent
        ({**THROUGH_NGINX, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "203.0.113.9"),
        ({**THROUGH_NGINX, "HTTP_X_FORWARDED_FOR": "10.0.0.1, 198.51.100.4, 203.0.113.9"}, "203.0.113.9"),
        # a client that reaches the application directly is not believed
        ({"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.4"}, "203.0.113.9"),
        ({**THROUGH_NGINX, "HTTP_X_FORWARDED_FOR": "not an address"}, "127.0.0.1"),
        ({**THROUGH_NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.4, garbage"}, "127.0.0.1"),
        ({**THROUGH_NGINX}, "127.0.0.1"),
        ({**THROUGH_NGINX, "HTTP_X_FORWARDED_FOR": "2001:db8::7"}, "2001:db8::7"),
        ({"REMOTE_ADDR": "::ffff:203.0.113.9"}, "203.0.113.9"),
    ],
)
def test_the_client_address_is_the_one_the_local_proxy_saw(meta, expected):
    request = RequestFactory().get("/", **meta)
    assert client_address(request) == expected


def test_the_trusted_proxies_are_a_setting(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    behind = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="203.0.113.9")
    local = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert client_address(behind) == "203.0.113.9"
    assert client_address(local) == "127.0.0.1"


def login(client, user, password, forwarded_for, **meta):
    return client.post(
        "/admin/login/",
        {"username": user.username, "password": password},
        HTTP_X_FORWARDED_FOR=forwarded_for,
        **{**THROUGH_NGINX, **meta},
    )


@pytest.mark.django_db
def test_behind_the_proxy_the_attacker_is_locked_out_and_the_owner_is_not(editor, settings):
    attacker, owner = Client(), Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(attacker, editor, "wrong", "203.0.113.9")

    locked = login(attacker, editor, PASSWORD, "203.0.113.9")
    let_in = login(owner, editor, PASSWORD, "198.51.100.7")

    assert locked.status_code == 429
    assert "_auth_user_id" not in attacker.session
    assert let_in.status_code == 302
    assert owner.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_lift_the_lock(editor, settings):
    attacker = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # through nginx, what the client writes stays on the left of what nginx appends
        login(attacker, editor, "wrong", f"192.0.2.{attempt}, 203.0.113.9")

    through_proxy = login(attacker, editor, PASSWORD, "192.0.2.200, 203.0.113.9")
    direct = [
        login(Client(), editor, "wrong", f"192.0.2.{attempt}", REMOTE_ADDR="198.51.100.50")
        for attempt in range(settings.AXES_FAILURE_LIMIT + 1)
    ][-1]

    assert through_proxy.status_code == 429
    assert direct.status_code == 429  # the same address, whatever the header says


@pytest.mark.parametrize(
    ("peer", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),
        ("2001:db8:1:2::7", "2001:db8:1:2::"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
    ],
)
def test_limits_count_an_ipv6_client_by_its_network(peer, expected):
    assert limited_address(RequestFactory().get("/", REMOTE_ADDR=peer)) == expected


@pytest.mark.django_db
def test_new_ipv6_addresses_in_the_same_network_do_not_lift_the_lock(editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), editor, "wrong", f"2001:db8:1:2::{attempt + 1:x}")

    rotated = login(Client(), editor, PASSWORD, "2001:db8:1:2::ffff")
    elsewhere = login(Client(), editor, PASSWORD, "2001:db8:9:9::1")

    assert rotated.status_code == 429
    assert elsewhere.status_code == 302
