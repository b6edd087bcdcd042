"""Who may read private pages and documents beyond Wagtail's rules, and what the admin shows of pages
one may not change (only what visitors see). A feature: imports the catalogue and moderation."""
