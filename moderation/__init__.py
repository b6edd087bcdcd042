"""Roles and the moderation workflow: nothing published or deleted without a moderator (the page
permission tester it installs), the review screens, the dashboard, resubmitting, ``bootstrap``, and
the admin names of groups and workflows. A feature over the catalogue, history and localisation."""
