"""The Content-Security-Policy header: strict on the public site, what Wagtail needs under /admin/.

The browser tests (tests/e2e) run every page under the production policy and fail on any violation;
these check the header itself, and that the site's own templates keep nothing inline that the public
policy would refuse, so that a new template fails here before it breaks in a browser.
"""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# templates rendered inside the Wagtail admin, under its policy
ADMIN_TEMPLATES = {"wagtail_localize", "admin"}
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")"  # inline code (JSON data is fine)
    r"|<style[\s>]"  # a style element
    r"|\sstyle=\""  # a style attribute
    r"|\son[a-z]+=\""  # an event handler attribute
    r"|href=\"javascript:",
    re.IGNORECASE,
)


def directives(response):
    return {
        name: values
        for name, *values in (part.split() for part in response["Content-Security-Policy"].split(";"))
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/fr/", "/en/tools/data-gouv-fr/", "/es/search/?q=datos", "/fr/page-qui-n-existe-pas/", "/api/"]
)
def test_public_addresses_get_the_strict_policy(client, path):
    policy = directives(client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "script-src" not in policy  # default-src: scripts and styles from the site's own files only
    assert "style-src" not in policy


@pytest.mark.django_db
def test_the_admin_gets_its_own_policy(client):
    policy = directives(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "blob:"]
    assert policy["frame-ancestors"] == ["'self'"]  # the live preview is a frame of the admin
    assert policy["object-src"] == ["'none'"]


def test_the_sites_templates_keep_nothing_inline():
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        if ADMIN_TEMPLATES & set(template.relative_to(TEMPLATES).parts):
            continue
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if INLINE.search(line):
                found.append(f"{template.relative_to(TEMPLATES)}:{number}: {line.strip()[:100]}")
    assert not found, "inline code or style the site's CSP refuses:\n" + "\n".join(found)
