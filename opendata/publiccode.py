"""publiccode.yml files (the description of public-sector software used by national catalogues),
turned into records of our schema for ``importer.import_records``.

One tool per language the file describes (linked as translations: same translation key, derived
from the repository URL so that importing again updates), and the organisations it names (owner,
users, funders), linked to existing ones when the catalogue already has them.
"""

import uuid
from pathlib import Path

import yaml
from django.conf import global_settings, settings
from django.utils.html import escape
from django.utils.text import slugify

from pages.organisations import OrganisationPage
from snippets.models import Licence

from .duplicates import likely_duplicates, normalise_url
from .readers import FileError, read_bytes

# publiccode.yml categories (its controlled vocabulary) → our tool categories
CATEGORIES = {
    "budgeting": "public-services",
    "collaboration": "forum",
    "digital-citizenship": "public-consultation",
    "e-democracy": "public-consultation",
    "online-community": "forum",
    "regulations-and-directives": "law-making",
    "survey": "public-consultation",
    "data-collection": "open-data-portal",
    "data-analytics": "open-data-portal",
    "procurement": "public-procurement",
    "it-development": "simulation",
}
ROLES = {"owner": "developer", "usedBy": "operator", "fundedBy": "funder"}


def _key(kind, identity):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ogptoolbox:publiccode:{kind}:{identity}"))


def files(path):
    """One file, or every ``*publiccode.yml`` in a folder."""
    target = Path(path)
    if target.is_dir():
        found = sorted(p for p in target.rglob("*") if p.name.endswith(("publiccode.yml", "publiccode.yaml")))
        if not found:
            raise FileError(f"no publiccode.yml file in {path}")
        return found
    return [target]


def records_from_file(path):
    """``[(where, record)]`` for one publiccode.yml file; a file that cannot be read gives one error."""
    where = Path(path).name
    try:
        data = yaml.safe_load(read_bytes(path))
    except FileError as error:
        return [(where, {"_error": str(error)})]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f" (line {mark.line + 1})" if mark else ""
        return [(where, {"_error": f"not valid YAML{place}"})]
    if not isinstance(data, dict) or not data.get("name") or not data.get("url"):
        return [(where, {"_error": "not a publiccode.yml file: it needs at least a name and a url"})]
    return [(where, record) for record in _records(data)]


def _records(data):
    descriptions = {
        code: text
        for code, text in (data.get("description") or {}).items()
        if isinstance(text, dict) and code[:2] in dict(settings.LANGUAGES)
    }
    languages = sorted({code[:2] for code in descriptions}) or [settings.LANGUAGE_CODE]
    names = _organisations(data)
    organisation_records, links = [], []
    for name, role in names:
        key = _existing_organisation(name, languages)
        if key is None:
            key = _key("organisation", slugify(name))
            organisation_records += [
                {
                    "type": "organisation",
                    "language": language,
                    "translation_key": key,
                    "title": name[:255],
                    "slug": slugify(name)[:50] or "organisation",
                    "kind": "administration" if role == "operator" else "civil_society",
                }
                for language in languages
            ]
        if key not in [link["organisation"] for link in links]:
            links.append({"organisation": key, "role": role})

    licence = (
        Licence.objects.filter(spdx_id=(data.get("legal") or {}).get("license", ""))
        .values_list("slug", flat=True)
        .first()
    )
    categories = sorted({CATEGORIES[c] for c in data.get("categories") or [] if c in CATEGORIES})
    status = "archived" if data.get("developmentStatus") == "obsolete" else "active"
    key = _key("tool", normalise_url(data["url"]))
    tools = []
    for language in languages:
        text = next((value for code, value in descriptions.items() if code[:2] == language), {})
        long_description = text.get("longDescription") or ""
        features = text.get("features") or []
        body = f"<p>{_escape(long_description)}</p>" if long_description else ""
        if features:
            body += "<ul>" + "".join(f"<li>{_escape(feature)}</li>" for feature in features) + "</ul>"
        tools.append(
            {
                "type": "tool",
                "language": language,
                "translation_key": key,
                "title": str(data["name"])[:255],
                "slug": slugify(data["name"])[:50] or "tool",
                "summary": " ".join(str(text.get("shortDescription") or "").split())[:250],
                "kind": "software",
                "status": status,
                "description": [{"type": "paragraph", "value": body}] if body else [],
                "website": data.get("landingURL") or "",
                "source_code_url": str(data["url"]).removesuffix(".git"),
                "licence": licence,
                "interface_languages": [
                    code
                    for code in (data.get("localisation") or {}).get("availableLanguages") or []
                    if code in dict(global_settings.LANGUAGES)
                ],
                "categories": categories,
                "organisation_links": links,
            }
        )
    return organisation_records + tools


def _organisations(data):
    found = []
    owner = (data.get("legal") or {}).get("mainCopyrightOwner") or (data.get("legal") or {}).get("repoOwner")
    if owner:
        found.append((str(owner), ROLES["owner"]))
    for name in data.get("usedBy") or []:
        found.append((str(name), ROLES["usedBy"]))
    for funder in data.get("fundedBy") or []:
        name = funder.get("name") if isinstance(funder, dict) else funder
        if name:
            found.append((" ".join(str(name).split()), ROLES["fundedBy"]))
    return found


def _existing_organisation(name, languages):
    for language in languages:
        matches = likely_duplicates(OrganisationPage, name, language=language)
        if matches:
            return str(matches[0].translation_key)
    return None


def _escape(text):
    return escape(" ".join(str(text).split()))
