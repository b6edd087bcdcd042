"""What the records (API, exports) say of a page's community: counts, and on one entry's endpoint the
public arguments and endorsements themselves.

Votes are numbers only: no record names a voter, nor the author of an argument or an endorsement
(an endorsement speaks for an organisation, or for "a person"). Only what the page itself shows is
here: published arguments, standing endorsements whose organisation visitors can see.
"""

from community.counts import argument_counts, endorsement_counts
from pages import registry

ENDORSEMENT_COUNT = "endorsement_count"
ARGUMENTS_FOR = "arguments_for"
ARGUMENTS_AGAINST = "arguments_against"


def _takes(model, part):
    return part in getattr(model, "community", ())


def count_fields(model):
    """The count fields of ``model``'s records, in order (what its pages show of their community)."""
    names = [ENDORSEMENT_COUNT] if _takes(model, "endorsements") else []
    if _takes(model, "arguments"):
        names += [ARGUMENTS_FOR, ARGUMENTS_AGAINST]
    return names


def detail_fields(model):
    """The lists one entry's endpoint adds: ``arguments`` and, for tools, ``endorsements``."""
    names = ["arguments"] if _takes(model, "arguments") else []
    return names + (["endorsements"] if _takes(model, "endorsements") else [])


def with_counts(items):
    """``items`` (records) with their count fields: two queries for any number of records."""
    items = list(items)
    keys = {item["translation_key"] for item in items if count_fields(registry.get(item["type"]).model)}
    endorsed = endorsement_counts(keys)
    argued = argument_counts(keys)
    for item in items:
        names = count_fields(registry.get(item["type"]).model)
        key = item["translation_key"]
        stances = argued.get(key, {})
        values = {
            ENDORSEMENT_COUNT: endorsed.get(key, 0),
            ARGUMENTS_FOR: stances.get("for", 0),
            ARGUMENTS_AGAINST: stances.get("against", 0),
        }
        item.update({name: values[name] for name in names})
    return items


def _votes(item):
    return {"score": item.score, "ups": item.ups, "downs": item.downs}


def _argument(item, with_answers=True):
    argument = item.obj
    data = {
        "title": argument.title,
        "text": argument.text,
        "language": argument.language,
        "stance": argument.stance,
        **_votes(item),
        "criterion": item.criterion.slug if item.criterion is not None else None,
        "created_at": argument.created_at.isoformat(),
    }
    if with_answers:
        data["answers"] = [_argument(answer, with_answers=False) for answer in item.replies]
    return data


def _endorsement(item):
    endorsement = item.obj
    organisation = item.organisation
    return {
        "declared_by": "organisation" if organisation is not None else "person",
        "organisation": {
            "title": organisation.title,
            "slug": organisation.slug,
            "translation_key": str(organisation.translation_key),
        }
        if organisation is not None
        else None,
        "since_year": endorsement.since_year,
        "context": endorsement.context,
        "language": endorsement.language,
        **_votes(item),
    }


def details(page):
    """The detail lists of one (specific, public) page's record."""
    from community.summary import arguments_of, endorsements_of

    model = type(page)
    data = {}
    if _takes(model, "arguments"):
        data["arguments"] = [_argument(item) for item in arguments_of(page)]
    if _takes(model, "endorsements"):
        data["endorsements"] = [_endorsement(item) for item in endorsements_of(page)]
    return data
