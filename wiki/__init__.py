"""Contributors and translators: signing up and in, password resets, edit conflicts, suggesting a
change, watching pages and terms (watchlist, digests), the translators' queue and dashboard panel.
A feature over the catalogue, history, localisation and moderation."""
