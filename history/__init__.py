"""A page's public history: its published revisions, the editors' change summaries, the history and
diff routes every page model carries (``HistoryMixin``). Part of the catalogue, below the page models;
the catalogue's recent changes are ``pages.changes``."""
