"""The core: the basics every other app builds on, importing none of them.

Request and site helpers (the public address, clients' addresses, query parameters, error answers,
hostile input), the content generation (``freshness``), throttling, progress and period helpers, the
language choice (``localization``), describing content in three languages (``content``), creating
translations from code (``translations``), labels of page types and terms, and the runtime patches
of upstream code (``compat``).
"""
