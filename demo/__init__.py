"""Demonstration content and accounts (``load_demo``): a feature over the whole catalogue, never
imported by another app."""
