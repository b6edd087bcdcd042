"""The site's languages: the locale trees (``structure``), what translations may start from, e-mails
in their recipient's language and the English fallback of missing strings. A feature over the
catalogue; the language choice and creating translations from code are in ``core``."""
