"""Sort orders that features add to the search and the section listings, by a number the engines do not
hold (the tools' vitality, registered by ``vitality/display.py``).

A ranking is ordered like "most endorsed" (``service``): the engine gives every match by title, the
feature scores their pages in one query, and the highest come first (titles in order on ties; pages the
feature knows nothing of last)."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Ranking:
    key: str  # the ``sort`` parameter's value
    label: Any  # in the listing's sort menu (lazily translated)
    search_label: Any  # in the search page's "Sort by" menu
    scores: Any  # [page id] → {page id: number}
    applies: Any  # page model → whether a section of that type offers it


_RANKINGS = {}


def register(ranking):
    _RANKINGS[ranking.key] = ranking
    return ranking


def get(key):
    return _RANKINGS.get(key)


def all_rankings():
    return list(_RANKINGS.values())
