"""A Python text analyser: what the SQLite engine uses in place of a database text search.

PostgreSQL and Elasticsearch analyse text themselves (see ``languages``). SQLite has no stemming, so
for it we store and query pre-analysed terms built here: lower case, elisions and stop words removed,
accents folded, words reduced to their Snowball stem — the same steps, in the same order, as the
other two engines' analysis chains, so the three agree on which words match.
"""

import threading
from functools import cache

import snowballstemmer

from core.text import WORD, fold

from .languages import analysis_for

# Short lists: the function words that would otherwise match almost every entry.
STOP_WORDS = {
    "fr": """au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me
        meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes
        toi ton tu un une vos votre vous c d j l a m n s t y ete etre est sont""",
    "en": """a an and are as at be but by for from has have if in into is it its of on or such that
        the their then there these they this to was were will with""",
    "es": """a al con de del el ella ellas ellos en entre es esta este esto estos la las le les lo
        los mas me mi no nos o para pero por que se sin sobre su sus te tu un una uno unos y ya""",
}


# Snowball stemmer objects keep their working state between calls: one shared by two threads (the
# shipped gunicorn config runs two per worker) mixes their words, giving wrong stems or IndexError.
# Each thread builds its own, once per language.
_stemmers = threading.local()


def _stemmer(language_code):
    cached = getattr(_stemmers, "by_language", None)
    if cached is None:
        cached = _stemmers.by_language = {}
    stemmer = cached.get(language_code)
    if stemmer is None:
        stemmer = cached[language_code] = snowballstemmer.stemmer(analysis_for(language_code).snowball)
    return stemmer


@cache
def _stop_words(language_code):
    return frozenset(STOP_WORDS.get(analysis_for(language_code).code, "").split())


def analyse(text, language_code):
    """The search terms of ``text`` in a language, in order: ``"L'élaboration des outils"`` →
    ``["elabor", "outil"]`` in French."""
    stop_words = _stop_words(language_code)
    elisions = set(analysis_for(language_code).elisions)
    words = [fold(word) for word in WORD.findall(text or "")]
    kept = [word for word in words if word not in stop_words and word not in elisions]
    return _stemmer(language_code).stemWords(kept)


def as_column(terms):
    """Terms stored space-delimited on both sides, so ``LIKE '% term %'`` matches whole terms only."""
    return f" {' '.join(terms)} " if terms else ""
