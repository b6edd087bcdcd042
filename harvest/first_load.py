"""The first load of a fresh site: the snapshots kept in ``harvest/snapshots/`` harvested offline.

Each snapshot is declared once here as the source it copies: its publisher's own address, licence
and attribution, and where its files are. ``load()`` creates the source (switched off, every change
to moderation: following the publisher is one admin change, "enabled") and harvests it once,
reading the files instead of the network and publishing what it creates (a trusted first load, the
content of the repository). A source that has run once is never loaded from its snapshot again, so
running ``make run`` twice, or after pointing a source elsewhere, changes nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .fetch import Fetched, FetchError
from .models import Schedule, Source, Trust
from .run import harvest

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
NOT_IN_SNAPSHOT = _("%(address)s is not in the snapshot kept in the repository.")


@dataclass(frozen=True)
class Snapshot:
    name: str
    kind: str
    address: str  # the publisher's: where the source harvests from once enabled
    data_licence: str
    attribution: str
    language: str
    # address, or address prefix ending with "/" → file, or folder ending with "/", in harvest/snapshots/
    files: dict = field(default_factory=dict)

    def source(self, **overrides):
        """Its source (created the first time: switched off, every change to moderation)."""
        source, _created = Source.objects.get_or_create(
            name=self.name,
            defaults={
                "kind": self.kind,
                "address": self.address,
                "data_licence": self.data_licence,
                "attribution": self.attribution,
                "language": self.language,
                "schedule": Schedule.WEEKLY,
                "trust": Trust.MODERATE,
                "enabled": False,
                **overrides,
            },
        )
        return source

    def fetcher(self):
        """A ``fetch.fetch`` that reads this snapshot's files (and nothing outside its folder)."""

        def read(address, **_conditional):
            path = self._path(address)
            if path is None or not path.is_file():
                raise FetchError(NOT_IN_SNAPSHOT, address=address, status=404)
            return Fetched(url=address, status=200, body=path.read_bytes())

        return read

    def _path(self, address):
        if address in self.files:
            return SNAPSHOTS / self.files[address]
        for prefix, folder in self.files.items():
            if prefix.endswith("/") and address.startswith(prefix):
                rest = address[len(prefix) :]
                if "/" in rest or rest.startswith(".") or not rest:
                    return None  # one file of the folder, never a path of its own
                return SNAPSHOTS / folder / rest
        return None


GITHUB_RAW = "https://raw.githubusercontent.com"

SOURCES = [
    Snapshot(
        name="Digital Public Goods Registry",
        kind="dpg",
        address="https://api.digitalpublicgoods.net/dpgs/index.json",
        data_licence="The Unlicense",
        attribution="Digital Public Goods Alliance, Digital Public Goods Registry (digitalpublicgoods.net)",
        language="en",
        files={
            "https://api.digitalpublicgoods.net/dpgs/index.json": "dpg/dpgs.json",
            f"{GITHUB_RAW}/DPGAlliance/publicgoods-candidates/HEAD/digitalpublicgoods/": "dpg/screening/",
        },
    ),
    Snapshot(
        name="SILL 2022",
        kind="sill",
        address=f"{GITHUB_RAW}/etalab/sill-contents/HEAD/docs/sill.json",
        data_licence="Licence Ouverte / Open Licence 2.0",
        attribution="Socle interministériel de logiciels libres (SILL), DINUM / Etalab, 2022",
        language="fr",
        files={f"{GITHUB_RAW}/etalab/sill-contents/HEAD/docs/sill.json": "sill/sill.json"},
    ),
    Snapshot(
        name="code.gouv.fr: open source programme offices",
        kind="organisations-yaml",
        address=f"{GITHUB_RAW}/codegouvfr/codegouvfr-data/HEAD/fr-public-sector-ospo.yml",
        data_licence="Licence Ouverte / Open Licence 2.0",
        attribution="code.gouv.fr, DINUM (codegouvfr/codegouvfr-data)",
        language="fr",
        files={
            f"{GITHUB_RAW}/codegouvfr/codegouvfr-data/HEAD/fr-public-sector-ospo.yml": (
                "codegouvfr/fr-public-sector-ospo.yml"
            )
        },
    ),
    *(
        Snapshot(
            name=f"publiccode.yml: {name}",
            kind="publiccode",
            address=f"https://github.com/{repository}",
            data_licence=licence,
            attribution=f"{name}, github.com/{repository}",
            language="en",
            files={f"{GITHUB_RAW}/{repository}/HEAD/publiccode.yml": f"publiccode/{file}.publiccode.yml"},
        )
        for name, repository, file, licence in [
            ("Decidim", "decidim/decidim", "decidim", "AGPL-3.0-or-later"),
            ("Consul Democracy", "consuldemocracy/consuldemocracy", "consuldemocracy", "AGPL-3.0-or-later"),
            ("OpenFisca Core", "openfisca/openfisca-core", "openfisca-core", "AGPL-3.0-or-later"),
            ("Catala", "CatalaLang/catala", "catala", "Apache-2.0"),
        ]
    ),
]


def load(*, progress=None, report=None):
    """Create and harvest once each snapshot's source that never ran; returns ``[(source, run)]``
    (``run`` None for a source loaded before). ``progress``: as ``run.harvest``'s, given the source."""
    done = []
    for snapshot in SOURCES:
        source = snapshot.source()
        if source.runs.exists():
            done.append((source, None))
            continue
        run = harvest(
            source,
            fetcher=snapshot.fetcher(),
            trust=Trust.PUBLISH_NEW,
            first_load=True,
            force=True,
            progress=progress(source) if progress else None,
        )
        # the snapshot's validators mean nothing to the publisher's server
        Source.objects.filter(pk=source.pk).update(validators={})
        done.append((source, run))
        if report:
            report(source, run)
    return done
