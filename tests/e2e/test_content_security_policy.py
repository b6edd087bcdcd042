"""The Content-Security-Policy of the production settings, as the browser gets it.

Every browser test fails if the browser blocked anything (conftest.PolicyWatch); these tests check that
the watch works, that each part of the site gets its policy, and walk the admin's paths that the
journeys do not (an image upload, the user bar on the public site).
"""

from playwright.sync_api import expect

from .conftest import CSP, new_page, sign_in


def directives(response):
    header = response.headers["content-security-policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def test_the_public_site_runs_nothing_inline_and_the_admin_only_what_wagtail_needs(visitor):
    site = directives(visitor.goto("/fr/"))
    assert site["default-src"] == ["'self'"]
    assert site["frame-ancestors"] == ["'none'"]
    assert site["object-src"] == ["'none'"]
    assert not any("unsafe" in value for values in site.values() for value in values)

    admin = directives(visitor.goto("/admin/login/"))
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in admin["script-src"]
    assert admin["frame-ancestors"] == ["'self'"]


def test_the_check_itself_catches_a_violation(visitor):
    """Guards the watch of every test: an inline script and a style attribute are reported."""
    visitor.goto("/fr/")
    visitor.evaluate(
        """() => {
            document.querySelector('main').insertAdjacentHTML('beforeend', '<p style="color: red">red</p>');
            const script = document.createElement('script');
            script.textContent = 'window.injected = true';
            document.body.append(script);
        }"""
    )
    visitor.wait_for_function("() => window.__cspReports.length >= 2")
    assert visitor.evaluate("window.injected") is None  # refused, not run
    reports = CSP.take()
    assert {report.get("directive") for report in reports} >= {"style-src-attr", "script-src-elem"}


def test_an_editor_uploads_an_image_under_the_admin_policy(browser, site, tmp_path):
    from PIL import Image

    picture = tmp_path / "csp-logo.png"
    Image.new("RGB", (120, 80), (0, 90, 160)).save(picture)
    page = new_page(browser, site)
    sign_in(page, "edith")
    page.goto("/admin/images/multiple/add/")
    page.set_input_files("#fileupload", str(picture))
    item = page.locator("#upload-list li").first
    expect(item.locator(".status-msg.success")).to_be_visible()
    # the preview the browser draws from the chosen file (a blob: address) before the upload
    expect(item.locator(".thumb").locator("canvas, img")).to_be_visible()
    page.context.close()


def test_a_signed_in_editor_sees_the_user_bar_on_the_public_site(browser, site):
    page = new_page(browser, site)
    sign_in(page, "edith")
    page.goto("/fr/outils/data-gouv-fr/")
    userbar = page.locator("wagtail-userbar")
    expect(userbar).to_be_attached()
    userbar.locator("[aria-haspopup]").first.click()
    expect(userbar.get_by_role("menuitem").first).to_be_visible()
    page.context.close()
