"""The taxonomy shared by the catalogue's pages (categories, topics, licences…), its admin, signals
and the base taxonomy ``bootstrap`` creates. Part of the catalogue, below the page models."""
