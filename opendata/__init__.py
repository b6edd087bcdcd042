"""The open data: the records of the catalogue's pages, exports (CSV, JSON), imports, publiccode.yml,
the read-only API and its documentation. A feature over the catalogue, search, community and
moderation."""
