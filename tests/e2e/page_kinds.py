"""Every kind of public page the site shows, derived from the page registry and the URL names.

Run inside the server's Django shell (``site.python``), so that the paths are those of its own
database: a new page type, or a new language, is measured without editing a list. For each
language: the home page, every type's index (its parent page: a section, or the hackathon whose
ranking lists the projects) and every live entry of every type (the long names and tables that
widen a page are in particular entries, not in the first one), a page's history and a diff of two
of its revisions, the search, recent changes, the comparison, the login and signup forms and an
unknown address; plus the API page, which has no language prefix.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from history.page_history import page_history
from pages import registry


def paths():
    found = ["/api/", "/admin/login/"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            home = Page.objects.live().public().filter(locale__language_code=language, depth=2).first()
            if home:
                found.append(home.get_url())
            for page_type in registry.page_types():
                entries = list(page_type.model.objects.live().public().filter(locale__language_code=language))
                for parent in {entry.get_parent().specific for entry in entries}:
                    found.append(parent.get_url())
                found += [entry.get_url() for entry in entries]
                found += [entry.history_url() for entry in entries[:1]]
                for entry in entries:
                    versions = page_history(entry).versions  # published ones: the public diff's
                    if len(versions) > 1:
                        found.append(entry.diff_url(versions[-1].id, versions[0].id))
                        break
            tools = registry.get("tool").model.objects.live().filter(locale__language_code=language)[:2]
            found += [
                reverse("search") + "?q=budget",
                reverse("search") + "?q=",
                reverse("recent_changes"),
                reverse("compare_tools") + "?" + "&".join(f"tool={tool.pk}" for tool in tools),
                reverse("signup"),
                reverse("wagtailcore_login"),
                f"/{language}/no-such-page-here/",
            ]
    return list(dict.fromkeys(path for path in found if path))


def publish_again():
    """A second published revision of one tool per language, so that a public diff exists to measure."""
    for language, _name in settings.LANGUAGES:
        tool = registry.get("tool").model.objects.live().filter(locale__language_code=language).first()
        if tool and len(page_history(tool).versions) < 2:
            tool.save_revision(log_action=True).publish()


def as_json():
    publish_again()
    print(json.dumps(paths()))
