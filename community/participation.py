"""Who may add what to which pages: each page type declares it, and the community reads it here.

A page model says what contributors may add to its pages with ``community`` (``pages/base.py``):
``"arguments"`` (for and against, with votes), ``"endorsements"`` (declared uses, counted on cards,
in search and listings) and ``"tools-used"`` (the tools an organisation declared using). Nothing in
the community names a page type: a new type takes part by declaring it.
"""

from pages import registry

ARGUMENTS = "arguments"
ENDORSEMENTS = "endorsements"
TOOLS_USED = "tools-used"


def takes(model_or_page, part):
    """Whether pages of this type (a page model, or a page) take ``part`` of the community."""
    return part in getattr(model_or_page, "community", ())


def kinds_taking(part):
    """The keys of the page types (``"tool"``…) that take ``part``."""
    return tuple(page_type.key for page_type in registry.page_types() if takes(page_type.model, part))
