"""What the records (API, exports) say of a page's community: counts, and on one entry's endpoint the
public arguments and endorsements themselves.

Votes are numbers only: no record names a voter, nor the author of an argument or an endorsement
(an endorsement speaks for an organisation, or for "a person"). Only what the page itself shows is
here: published arguments, standing endorsements whose organisation visitors can see.
"""

from django.db.models import Count, Q

from community.counts import argument_counts, endorsement_counts
from community.models import Argument
from community.participation import ARGUMENTS, ENDORSEMENTS, takes
from community.summary import arguments_of, endorsements_of
from pages import registry

ENDORSEMENT_COUNT = "endorsement_count"
ARGUMENTS_FOR = "arguments_for"
ARGUMENTS_AGAINST = "arguments_against"


def count_fields(model):
    """The count fields of ``model``'s records, in order (what its pages show of their community)."""
    names = [ENDORSEMENT_COUNT] if takes(model, ENDORSEMENTS) else []
    if takes(model, ARGUMENTS):
        names += [ARGUMENTS_FOR, ARGUMENTS_AGAINST]
    return names


def detail_fields(model):
    """The lists one entry's endpoint adds: ``arguments`` and, for tools, ``endorsements``."""
    names = ["arguments"] if takes(model, ARGUMENTS) else []
    return names + (["endorsements"] if takes(model, ENDORSEMENTS) else [])


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
    model = type(page)
    data = {}
    if takes(model, ARGUMENTS):
        data["arguments"] = [_argument(item) for item in arguments_of(page)]
    if takes(model, ENDORSEMENTS):
        data["endorsements"] = [_endorsement(item) for item in endorsements_of(page)]
    return data


def with_arguments(items):
    """``items`` (records) with the public ``arguments`` of the types that take them, as one entry's
    endpoint has them (best voted first, with their answers): one query for any number of records."""
    items = list(items)
    keys = {
        item["translation_key"]
        for item in items
        if "arguments" in detail_fields(registry.get(item["type"]).model)
    }
    rows = (
        Argument.objects.filter(subject_key__in=keys, status=Argument.Status.PUBLISHED)
        .select_related("criterion")
        .annotate(
            ups=Count("votes", filter=Q(votes__value=1)), downs=Count("votes", filter=Q(votes__value=-1))
        )
        .order_by("created_at", "pk")
        if keys
        else []
    )
    found = {row.pk: _Voted(row) for row in rows}
    by_key = {}
    for item in found.values():
        if item.obj.parent_id is None:
            by_key.setdefault(str(item.obj.subject_key), []).append(item)
        elif item.obj.parent_id in found:  # an answer to a hidden argument goes with it
            found[item.obj.parent_id].replies.append(item)
    for item in items:
        if item["translation_key"] in keys:
            arguments = sorted(by_key.get(item["translation_key"], []), key=_best)
            for argument in arguments:
                argument.replies.sort(key=_best)
            item["arguments"] = [_argument(argument) for argument in arguments]
    return items


class _Voted:
    """An argument with its votes, as ``_argument`` reads it (``community.summary.Item``'s fields)."""

    def __init__(self, row):
        self.obj, self.ups, self.downs, self.replies = row, row.ups, row.downs, []
        self.score = row.ups - row.downs
        self.criterion = row.criterion


def _best(item):
    return (-item.score, -item.ups, item.obj.created_at, item.obj.pk)
