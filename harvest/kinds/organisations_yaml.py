"""Public-sector organisations from YAML lists like code.gouv.fr's, in either of its two forms:

* forge accounts (``comptes-organismes-publics.yml``): each top-level key is a forge's host; a forge
  either lists ``owners`` (accounts or groups, each with the ``pso_id`` of its organisation in the
  French public services directory) or is itself dedicated to one organisation (a ``pso_id`` of its
  own). The list names no organisation: its records carry the directory id as their ref and the
  forge accounts as addresses, and no name — they can enrich an organisation matched by one of its
  accounts, never create one (the harvest's matching decides);
* open-source programme offices (``fr-public-sector-ospo.yml``): each top-level key is an office's
  address, with a name, a country, descriptions per language and the forge accounts it looks after.

Contact e-mail addresses (``email``, sometimes a person's) are never read.
"""

from django.utils.translation import gettext_lazy as _

from harvest.documents import one_line, shape_problems, string, strings, yaml_document
from harvest.kinds import Kind, register
from harvest.records import HarvestedOrganisation, RecordError

# the directory's id for "no organisation known": accounts under it are each a record of their own
UNKNOWN = "00000000-0000-0000-0000-000000000000"

OFFICE_SHAPE = {"name": str, "country": str, "description": (dict, str), "code": (list, str)}
FORGE_SHAPE = {"forge": str, "owners": dict}


def documents(address):
    return [address]


def read(fetched):
    for address, data in fetched.items():
        listing = yaml_document(data, address, shape=dict)
        if any(isinstance(entry, dict) and "forge" in entry for entry in listing.values()):
            yield from _accounts(listing)
        else:
            yield from _offices(listing)


def _offices(listing):
    for key, entry in listing.items():
        ref = one_line(str(key))
        if not isinstance(entry, dict):
            yield RecordError(ref, "not an object: each office is an object with a name")
            continue
        if problems := shape_problems(entry, OFFICE_SHAPE):
            yield RecordError(ref, "not an office as the list describes one: " + "; ".join(problems))
            continue
        name = one_line(entry.get("name"))
        if not name:
            yield RecordError(ref, "no name")
            continue
        descriptions = entry.get("description") or {}
        if isinstance(descriptions, str):
            descriptions = {"fr": descriptions}  # the list's language, when it gives one text only
        notes = []
        if policy := string(entry.get("floss_policy")):
            notes.append(f"its free software policy: {policy}")
        yield HarvestedOrganisation(
            ref=ref,
            # code.gouv.fr writes its offices' names in French
            names={"fr": name},
            descriptions={
                str(language).strip(): one_line(text)
                for language, text in descriptions.items()
                if one_line(text)
            },
            website=ref if ref.startswith(("http://", "https://")) else "",
            country=string(entry.get("country")),
            kind="administration",  # the list is of the French public sector's own offices
            forge_accounts=strings(entry.get("code")),
            notes=notes,
        )


def _accounts(listing):
    """One record per organisation of the directory (``pso_id``), with all its accounts."""
    found = {}  # ref → record, in the order the list first names each
    for host, forge in listing.items():
        host = one_line(str(host)).strip("/")
        if not isinstance(forge, dict):
            yield RecordError(host, "not an object: each forge is an object with its kind of forge")
            continue
        if problems := shape_problems(forge, FORGE_SHAPE):
            yield RecordError(host, "not a forge as the list describes one: " + "; ".join(problems))
            continue
        base = host if host.startswith(("http://", "https://")) else f"https://{host}"
        owners = forge.get("owners")
        if owners is None:
            # the whole forge is the organisation's
            _add(found, f"{base}/", forge)
            continue
        for owner, details in owners.items():
            account = f"{base}/{one_line(str(owner)).strip('/')}"
            if details is not None and not isinstance(details, dict):
                yield RecordError(account, "not an object: each account is an object with its pso_id")
                continue
            _add(found, account, details or {}, forge)
    yield from found.values()


def _add(found, account, details, forge=None):
    forge = forge or {}
    pso_id = _identifier(details.get("pso_id")) or _identifier(forge.get("pso_id"))
    # an account of no known organisation stands alone: two such accounts are not one organisation
    ref = f"pso_id:{pso_id}" if pso_id and pso_id != UNKNOWN else account
    record = found.setdefault(ref, HarvestedOrganisation(ref=ref, names={}, kind="administration"))
    if not record.notes:
        record.notes.append("code.gouv.fr's list names no organisation: only its forge accounts are known")
    ignored = details.get("ignored_since") or forge.get("ignored_since")
    if ignored:
        # code.gouv.fr no longer reads this account: kept as a note, not as a live account
        record.notes.append(f"{account}: ignored by code.gouv.fr since {ignored}")
        return
    if account not in record.forge_accounts:
        record.forge_accounts.append(account)


def _identifier(value):
    # YAML reads an unquoted id of digits as a number: it is an id all the same
    return str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""


register(
    Kind(
        name="organisations-yaml",
        label=_("Organisations from a YAML list (code.gouv.fr)"),
        documents=documents,
        read=read,
        media_type="application/yaml",
    )
)
