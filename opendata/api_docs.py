"""What ``/api/`` tells people, in the visitor's language, from the OpenAPI document and the record classes.

The document's descriptions are English msgids (marked in ``opendata.api``): they are translated
here; fields of the records are described by their model field's own (translated) label.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext

from pages import registry

from .api import TYPE_OPERATIONS, endpoints
from .api_schemas import FIELD_DOCS, KIND_LABELS, class_name


def _schema(parameter):
    """A parameter's schema, the null of an optional one left aside."""
    schema = parameter.get("schema", {})
    options = [option for option in schema.get("anyOf", []) if option.get("type") != "null"]
    return {**schema, **options[0]} if options else schema


def _label(kind):
    return gettext(KIND_LABELS[kind])


def _kind(schema):
    if "enum" in schema:
        return _label("choice")
    if schema.get("format") == "date-time":
        return _label("datetime")
    if schema.get("type") == "integer":
        return _label("integer")
    return _label("text")


def _allowed(schema):
    if "enum" in schema:
        return ", ".join(str(value) for value in schema["enum"])
    if "minimum" in schema and "maximum" in schema:
        return gettext("from %(min)s to %(max)s") % {"min": schema["minimum"], "max": schema["maximum"]}
    if "pattern" in schema:
        return gettext("matching %(pattern)s") % {"pattern": schema["pattern"]}
    if "maxLength" in schema:
        return gettext("at most %(count)s characters") % {"count": schema["maxLength"]}
    return ""


def parameter_doc(parameter):
    """One line of an endpoint's parameter table: name, type, default, allowed values, description."""
    schema = _schema(parameter)
    default = schema.get("default")
    return {
        "name": parameter["name"],
        "required": parameter.get("required", False),
        "type": _kind(schema),
        "default": "" if default is None else str(default),
        "allowed": _allowed(schema),
        "description": gettext(parameter.get("description", "")) if parameter.get("description") else "",
    }


def endpoint_docs():
    found = []
    for endpoint in endpoints():
        page_type = TYPE_OPERATIONS.get(endpoint["operation_id"])
        if page_type is None:
            summary = gettext(endpoint["summary"])
        else:
            summary = gettext("Entries of one type, %(types)s, each with the fields of its type") % {
                "types": page_type.model._meta.verbose_name_plural
            }
        found.append(
            {**endpoint, "summary": summary, "parameters": [parameter_doc(p) for p in endpoint["parameters"]]}
        )
    return found


def _field_doc(line):
    kind = _label(line["kind"])
    if line["values"]:
        values = ", ".join(str(value) or '""' for value in line["values"])  # "": a blank choice
        kind = f"{kind} {values}"
    if line["nullable"]:
        kind = gettext("%(type)s, or null") % {"type": kind}
    description = line["description"]
    return {
        "name": line["name"],
        "type": kind,
        # identity fields are described by msgids, the others by their (lazy) model field label
        "description": capfirst(gettext(description) if isinstance(description, str) else description),
    }


def type_docs():
    """Each type's record fields, for the visitor."""
    return [
        {
            "key": page_type.key,
            "class_name": class_name(page_type.key),
            "label": capfirst(page_type.model._meta.verbose_name_plural),
            "path": f"/api/v1/{page_type.plural}",
            "fields": [_field_doc(line) for line in FIELD_DOCS[page_type.key]],
        }
        for page_type in registry.page_types()
    ]
