"""Demo accounts (`load_demo --accounts`): an editor, a Spanish translator and a moderator a newcomer
signs in as, made again and again the same, and never under the production settings."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.users.models import UserProfile

from demo.accounts import ACCOUNTS
from moderation import roles
from tests.servers import production_environment

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def load_accounts():
    out = io.StringIO()
    call_command("load_demo", "--accounts", stdout=out)
    return out.getvalue()


def demo_users():
    return get_user_model().objects.filter(email__in=[account.email for account in ACCOUNTS])


def test_the_demo_accounts_are_made_once_with_their_roles_and_printed(client):
    printed = load_accounts()
    load_accounts()

    users = {user.email: user for user in demo_users()}
    assert len(users) == 3 == demo_users().count()
    assert set(users["demo.editor@example.org"].groups.values_list("name", flat=True)) == {roles.EDITORS}
    assert set(users["demo.translator@example.org"].groups.values_list("name", flat=True)) == {
        roles.TRANSLATORS,
        roles.translators_group_name("es"),
    }
    assert UserProfile.get_for_user(users["demo.translator@example.org"]).preferred_language == "es"
    assert set(users["demo.moderator@example.org"].groups.values_list("name", flat=True)) == {
        roles.MODERATORS
    }
    assert "http://testserver/admin/" in printed
    for account in ACCOUNTS:
        assert account.email in printed and account.password in printed and account.may in printed
        # each signs in with the printed address and password, in the admin
        answer = client.post("/admin/login/", {"username": account.email, "password": account.password})
        assert answer.status_code == 302 and answer["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
        client.logout()


def test_running_again_gives_back_the_known_password_and_roles(client):
    load_accounts()
    editor = get_user_model().objects.get(email="demo.editor@example.org")
    editor.set_password("changed by someone")
    editor.groups.clear()
    editor.save()

    load_accounts()

    editor.refresh_from_db()
    assert editor.check_password("demo-editor-password")
    assert list(editor.groups.values_list("name", flat=True)) == [roles.EDITORS]


def test_the_accounts_are_refused_without_demo_accounts_allowed(settings):
    settings.DEMO_ACCOUNTS = False
    with pytest.raises(CommandError, match="known passwords"):
        call_command("load_demo", "--accounts", stdout=io.StringIO())
    assert not demo_users().exists()


def test_the_production_settings_refuse_them_with_a_message_not_a_traceback(tmp_path):
    env = production_environment(
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://toolbox.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo", "--accounts"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Demo accounts have known passwords" in result.stderr
    assert "cms.settings.production" in result.stderr
    assert "Traceback" not in result.stderr
    # refused before anything was loaded
    assert "Loading the demo catalogue" not in result.stdout


def test_only_make_run_creates_them():
    recipes = {}
    target = None
    for line in (ROOT / "Makefile").read_text().splitlines():
        if line and not line.startswith(("\t", "#", " ")) and ":" in line:
            target = line.split(":")[0]
        elif line.startswith("\t") and target:
            recipes.setdefault(target, []).append(line)
    assert any("load_demo --accounts" in line for line in recipes["run"])
    for other in ("setup", "test"):
        assert not any("--accounts" in line for line in recipes[other])
