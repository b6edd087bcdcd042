"""The patches of upstream code (core/compat.py): in place, still fitting the code they patch.

The canaries fail after an upgrade that changes the upstream code a patch replaces or relies on,
naming the patch to re-check; the other tests check that each patch still does its job.
"""

from importlib.metadata import PackageNotFoundError, version

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.translation import trans_real
from wagtail.admin import mail
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site, Task, Workflow
from wagtail_localize.models import TranslationSource

from access import admin_pages
from core import compat
from moderation import roles


def installed(distribution):
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


@pytest.mark.parametrize("patch", compat.PATCHES, ids=lambda patch: patch.name)
def test_canary_the_patched_upstream_code_is_the_one_checked(patch):
    now = compat.fingerprint(patch.targets)
    versions = ", ".join(f"{name} {installed(name)}" for name in patch.verified)
    assert now == patch.fingerprint, (
        f"Upstream code changed under the patch “{patch.name}” (core/compat.py): {', '.join(patch.targets)} "
        f"is no longer what was checked with {patch.verified}; installed now: {versions}. Re-check the "
        f"patch against {patch.upstream}, then set its verified versions and its fingerprint to {now!r}."
    )


@pytest.mark.parametrize("patch", compat.PATCHES, ids=lambda patch: patch.name)
def test_each_patch_says_where_and_against_what_it_was_checked(patch):
    assert patch.kind in {"replaced", "private", "overridden"}
    assert patch.upstream.startswith("https://github.com/")
    assert (patch.install is not None) == (patch.kind == "replaced")
    for distribution, checked in patch.verified.items():
        assert installed(distribution) != "not installed", distribution
        assert checked.count(".") == 2, f"{patch.name}: {distribution} {checked} (a full version)"


def test_every_replacement_is_in_place_after_startup():
    assert TranslationSource.create_or_update_translation.__wrapped__ is not None
    assert trans_real.DjangoTranslation._add_fallback is compat._no_default_language_fallback
    for model in (Group, Workflow, Task):
        assert isinstance(model.__dict__["name"], compat.DisplayedNameAttribute)
    assert mail.render_to_string is compat.render_wagtail_mail
    # each rule was handed over by the app that owns it
    for name in (compat.TRANSLATION_PUBLISH_GUARD, compat.DISPLAYED_NAMES, compat.MAIL_RENDERING):
        assert compat.provided(name) is not None, name


def test_installing_again_changes_nothing():
    before = (
        TranslationSource.create_or_update_translation,
        trans_real.DjangoTranslation._add_fallback,
        Group.__dict__["name"],
        mail.render_to_string,
    )
    compat.install()
    assert before == (
        TranslationSource.create_or_update_translation,
        trans_real.DjangoTranslation._add_fallback,
        Group.__dict__["name"],
        mail.render_to_string,
    )


def test_an_unknown_patch_cannot_be_given_a_rule():
    with pytest.raises(Exception, match="no upstream patch named"):
        compat.provide("a patch that does not exist", print)


# --- behaviour of what is not tested elsewhere ---------------------------------------------------
# (the publish guard: tests/moderation/test_publishing_paths.py; the fallback:
# tests/localisation/test_admin_language.py; the names: tests/localisation/test_admin_names.py; the
# mail: tests/localisation/test_mail_language.py; tasks after the commit: tests/caching/test_edge_purge.py)


@pytest.mark.django_db
def test_wagtail_takes_the_route_handed_to_it_without_a_query(django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    page = Page.objects.get(pk=site.root_page_id)
    request = RequestFactory().get("/fr/")
    route = (page, [], {})

    compat.hand_route_to_wagtail(request, site, route)

    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
        assert Page.route_for_request(request, "/fr/") is route


@pytest.mark.django_db
def test_an_images_size_and_hash_follow_its_new_file():
    image = get_image_model().objects.create(title="Quokka", file=get_test_image_file(size=(64, 48)))
    image._set_image_file_metadata()
    image.file.save("quokka.png", get_test_image_file(size=(320, 200)), save=False)
    old = (image.file_size, image.file_hash)

    compat.refresh_image_file_metadata(image)

    assert (image.file_size, image.file_hash) != old
    assert image.file_size == image.file.size


@pytest.mark.parametrize(
    ("name", "args", "view"),
    [
        ("wagtailadmin_choose_page_child", [3], admin_pages.BrowseView),
        ("wagtailadmin_choose_page_chosen_multiple", [], admin_pages.ChosenMultipleView),
        ("wagtailadmin_reports:page_types_usage", [], admin_pages.PageTypesUsageReportView),
        ("wagtailadmin_reports:page_types_usage_results", [], admin_pages.PageTypesUsageReportView),
    ],
)
def test_canary_wagtails_admin_addresses_still_lead_to_their_replacements(name, args, view):
    found = resolve(reverse(name, args=args))
    assert getattr(found.func, "view_class", None) is view, (
        f"Wagtail's {name} no longer answers at the address access/admin_urls.py replaces: re-check "
        "the patch “replaced admin addresses” (core/compat.py)."
    )


def test_a_displayed_name_is_its_stored_name_and_prints_translated():
    name = compat.DisplayedName(roles.translators_group_name("es"))
    with translation.override("es"):
        # Wagtail's messages interpolate with %: "Workflow '%(workflow_name)s'..."
        message = "%(name)s" % {"name": name}  # noqa: UP031
        assert (str(name), f"{name}", message) == ("Traductores (es)",) * 3
    assert name == "Translators (es)" and hash(name) == hash("Translators (es)")
    assert type(compat.stored(name)) is str and compat.stored(name) == "Translators (es)"
