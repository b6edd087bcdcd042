"""Records as the catalogue exports them (opendata.exports), to feed the importer in tests."""

import io
import json

from opendata.exports import json_stream
from pages import registry


def exported(language):
    return json.loads("".join(json_stream(registry.keys(), language)))["entries"]


def new_tool_record(number, slug, title, website):
    """OpenFisca's exported record made into another tool (new key, slug, name and website)."""
    record = next(item for item in exported("fr") if item["slug"] == "openfisca")
    key = f"0f0f0f0f-0000-4000-8000-{number:012d}"
    return {**record, "translation_key": key, "slug": slug, "title": title, "website": website}


def export_tools_csv(path, language="fr"):
    """Run ``export_catalogue`` for the tools of one language into the CSV file ``path``."""
    from django.core.management import call_command

    command = ["export_catalogue", "--format", "csv", "--locale", language, "--type", "tool"]
    call_command(*command, "--output", str(path), stderr=io.StringIO())
