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
from django.utils.html import escape, strip_tags
from django.utils.text import slugify

from pages.organisations import OrganisationPage
from pages.relations import visible
from pages.tools import ToolPage
from snippets.models import Licence

from .duplicates import likely_duplicates, normalise_url
from .readers import FileError, read_bytes
from .schema import value_of

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
ROLES = {"owner": "developer", "usedBy": "operator", "fundedBy": "funder", "contractor": "contributor"}


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


# a publiccode.yml is a few KB (Decidim's, with 464 organisations using it, is 14 KB): a larger
# file is no description of software, and YAML read in Python costs about a second per MB
MAX_BYTES = 1024 * 1024
# the standard's keys nest four levels deep at most (description → language → features → item)
MAX_DEPTH = 20


class AliasRefused(yaml.YAMLError):
    pass


class NestedTooDeep(yaml.YAMLError):
    pass


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, without aliases (``*name``): a publiccode.yml has no use for them, and a
    few hundred bytes of nested aliases expand into gigabytes ("billion laughs"); nor values nested
    deeper than ``MAX_DEPTH``: the loader recurses once per level, and a file nested 100,000 deep
    would exhaust Python's stack (``RecursionError``)."""

    depth = 0

    def compose_node(self, parent, index):
        line = self.peek_event().start_mark.line + 1
        if self.check_event(yaml.AliasEvent):
            raise AliasRefused(f"line {line}")
        if self.depth >= MAX_DEPTH:
            raise NestedTooDeep(f"line {line}")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# the shape of what _records reads: key → the type (or types) its value must have
SHAPE = {
    "name": (str,),
    "url": (str,),
    "landingURL": (str,),
    "developmentStatus": (str,),
    "description": (dict,),
    "legal": (dict,),
    "localisation": (dict,),
    "maintenance": (dict,),
    "categories": (list,),
    "usedBy": (list,),
    "fundedBy": (list,),
}


def shape_errors(data):
    """What in a publiccode.yml document does not have the shape the standard gives it."""
    errors = [
        f"{key} should be {' or '.join(kind.__name__ for kind in kinds)}"
        for key, kinds in SHAPE.items()
        if data.get(key) is not None and not isinstance(data[key], kinds)
    ]
    nested = {
        ("legal", "license"): str,
        ("maintenance", "contractors"): list,
        ("localisation", "availableLanguages"): list,
    }
    for (key, inner), kind in nested.items():
        value = data[key].get(inner) if isinstance(data.get(key), dict) else None
        if value is not None and not isinstance(value, kind):
            errors.append(f"{key}.{inner} should be {kind.__name__}")
    descriptions = data.get("description") if isinstance(data.get("description"), dict) else {}
    for code, text in descriptions.items():
        if not isinstance(code, str) or not isinstance(text, dict):
            errors.append(f"description: {code!r} should be a language code with its texts")
    return errors


def records_from_file(path):
    """``[(where, record)]`` for one publiccode.yml file; a file that cannot be read gives one error."""
    where = Path(path).name
    try:
        data = yaml.load(read_bytes(path, limit=MAX_BYTES), Loader=_Loader)  # a safe loader (see _Loader)
    except FileError as error:
        return [(where, {"_error": str(error)})]
    except AliasRefused as error:
        return [(where, {"_error": f"YAML aliases are not accepted ({error})"})]
    except NestedTooDeep as error:
        return [(where, {"_error": f"values nested more than {MAX_DEPTH} levels deep ({error})"})]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f" (line {mark.line + 1})" if mark else ""
        return [(where, {"_error": f"not valid YAML{place}"})]
    if not isinstance(data, dict) or not data.get("name") or not data.get("url"):
        return [(where, {"_error": "not a publiccode.yml file: it needs at least a name and a url"})]
    if errors := shape_errors(data):
        return [(where, {"_error": "not a valid publiccode.yml file: " + "; ".join(errors)})]
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

    stated = str((data.get("legal") or {}).get("license") or "").strip()
    spdx_id = Licence._meta.get_field("spdx_id")
    licence = (
        # SPDX identifiers are case-insensitive; an expression ("MIT OR Apache-2.0") has no term
        Licence.objects.filter(
            spdx_id__iexact=stated,
            locale__language_code=settings.LANGUAGE_CODE,
            live=True,  # never a draft term an earlier import created
        )
        .exclude(spdx_id="")
        .order_by("pk")
        .values_list("slug", flat=True)
        .first()
        # longer than any identifier the site holds: not looked up (SQLite's LIKE refuses a pattern
        # of 200 KB, "LIKE or GLOB pattern too complex", which stopped the whole import)
        if len(stated) <= spdx_id.max_length
        else None
    )
    categories = sorted({CATEGORIES[c] for c in data.get("categories") or [] if c in CATEGORIES})
    # what the file says that the catalogue cannot hold is told in the import's report, not dropped
    notes = []
    unmapped = [str(c) for c in data.get("categories") or [] if c not in CATEGORIES]
    if unmapped:
        notes.append(f"publiccode categories with no tool category here, left out: {', '.join(unmapped)}")
    if stated and licence is None:
        notes.append(f"licence {stated[:100]!r} is not one of the site's licences (an SPDX id): left empty")
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
                "_notes": notes,
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
    for contractor in (data.get("maintenance") or {}).get("contractors") or []:
        name = contractor.get("name") if isinstance(contractor, dict) else contractor
        if name:
            found.append((" ".join(str(name).split()), ROLES["contractor"]))
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


# our categories → publiccode.yml's vocabulary, for exports
EXPORT_CATEGORIES = {
    "public-consultation": "e-democracy",
    "forum": "online-community",
    "law-making": "regulations-and-directives",
    "open-data-portal": "data-collection",
    "public-procurement": "procurement",
    "public-services": "digital-citizenship",
    "transparency": "data-analytics",
    "simulation": "it-development",
    "action-plan-tracking": "project-management",
    "civic-tech-directory": "knowledge-management",
}
SHORT_MAX, LONG_MIN, LONG_MAX = 150, 150, 10000


class NotExportable(Exception):
    """A tool that a publiccode.yml cannot describe (no source code, too little description)."""


def tool_publiccode(tool):
    """A publiccode.yml (version 0.4) document for a tool, from all its live public translations."""
    if not tool.source_code_url:
        raise NotExportable("it has no source code repository, which publiccode.yml requires")
    if tool.licence is None or not tool.licence.spdx_id:
        raise NotExportable("its licence has no SPDX identifier, which publiccode.yml requires")
    versions = visible(ToolPage.objects.filter(translation_key=tool.translation_key)).select_related("locale")
    descriptions = {}
    for version in versions:
        body = " ".join(
            " ".join(
                strip(str(block.value.source if hasattr(block.value, "source") else block.value)).split()
            )
            for block in version.description
        )
        long_description = " ".join(part for part in (version.summary, body) if part)[:LONG_MAX]
        if len(long_description) < LONG_MIN:
            continue
        descriptions[version.locale.language_code] = {
            "shortDescription": (version.summary or version.title)[:SHORT_MAX],
            "longDescription": long_description,
            "features": [term.name for term in version.categories.all()] or [version.title],
        }
    if not descriptions:
        raise NotExportable(f"no translation has a description of at least {LONG_MIN} characters")
    categories = sorted(
        {
            EXPORT_CATEGORIES[c]
            for c in value_of(tool, tool._meta.get_field("categories"))
            if c in EXPORT_CATEGORIES
        }
    ) or ["it-development"]
    document = {
        "publiccodeYmlVersion": "0.4",
        "name": tool.title,
        "url": tool.source_code_url,
        "platforms": ["web"] if tool.kind == "online_service" else ["web", "linux"],
        "categories": categories,
        "developmentStatus": "obsolete" if tool.status == "archived" else "stable",
        "softwareType": "standalone/web" if tool.kind == "online_service" else "standalone/other",
        "description": descriptions,
        "legal": {"license": tool.licence.spdx_id},
        "maintenance": {"type": "none" if tool.status != "active" else "community"},
        "localisation": {
            "localisationReady": len(tool.interface_languages or []) > 1,
            "availableLanguages": list(tool.interface_languages or []) or sorted(descriptions),
        },
    }
    if tool.website:
        document["landingURL"] = tool.website
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def strip(html):
    return strip_tags(html)
