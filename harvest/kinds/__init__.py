"""The kinds of source, each declared once in its own module of this package.

A kind says how to fetch a source (one or several documents at addresses derived from the source's
address) and how to read what was fetched into records (``harvest.records``). Adding a kind is adding
a module here that calls ``register``; nothing else in the project names kinds.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from pkgutil import iter_modules

_KINDS = {}


@dataclass(frozen=True)
class Kind:
    name: str  # stored on each source: never change it once used
    label: str  # lazily translated, shown in the admin
    # address → the addresses to fetch (the same one for most kinds)
    documents: Callable[[str], list[str]]
    # {address: bytes} (what was fetched, in the order of ``documents``) → records and record errors
    read: Callable[[dict[str, bytes]], Iterable]
    media_type: str = "application/json"  # what the documents should be (a page of HTML is not)
    # (address, the bytes of the first document) → more addresses to fetch, named by that document
    # (the DPG registry's screening file of each good, the repositories a list names). Each is
    # optional: one that cannot be fetched is left out of what ``read`` receives, after the others.
    extra: Callable[[str, bytes], list[str]] | None = None


def register(kind):
    _KINDS[kind.name] = kind
    return kind


def _load():
    for module in iter_modules(__path__):
        import_module(f"{__name__}.{module.name}")


def get(name):
    _load()
    return _KINDS[name]


def all_kinds():
    _load()
    return list(_KINDS.values())
