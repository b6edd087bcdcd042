"""Whole answers to anonymous visitors kept per content generation (``core.freshness``), their
invalidation, the rate limit of expensive answers, and purging a cache in front of the site. A
feature over the catalogue and the search."""
