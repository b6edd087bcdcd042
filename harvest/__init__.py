"""Harvesting other catalogues (a feature, above open data): the sources moderators manage, the kinds
of source and how each is fetched, read and mapped, the normalising of what they say (licences,
countries, addresses), matching with the catalogue, and the runs that turn a source's records into
revisions for moderators — with the provenance of every field.

Everything from a source is untrusted input: it is fetched with limits, read defensively and cleaned
like typed input; nothing it says is published without a moderator unless its source is trusted.
"""
