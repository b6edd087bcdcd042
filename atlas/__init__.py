"""The map and the figures page: the catalogue's live public pages counted by country, term and
year. A feature over the catalogue."""
