"""How each interface language is analysed, by each engine.

One place names the PostgreSQL text search configuration, the OpenSearch and Elasticsearch analysis
chain and the Snowball stemmer (SQLite) of a language, so the engines stay in step.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Analysis:
    code: str
    # PostgreSQL: our configuration (a copy of the built-in one with unaccent), created by a migration.
    pg_config: str
    # OpenSearch and Elasticsearch: built-in stop-word list and stemmer names.
    es_stopwords: str
    es_stemmer: str
    # Python Snowball stemmer for the SQLite approximation.
    snowball: str
    # Elided articles and pronouns (l'outil, d'usage, qu'il).
    elisions: tuple[str, ...] = ()


ANALYSES = {
    "fr": Analysis(
        "fr",
        "toolbox_french",
        "_french_",
        "light_french",
        "french",
        elisions=("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"),
    ),
    "en": Analysis("en", "toolbox_english", "_english_", "english", "english"),
    "es": Analysis("es", "toolbox_spanish", "_spanish_", "light_spanish", "spanish"),
}


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def analysis_for(language_code):
    """The analysis of a language; unknown codes fall back to the default language's."""
    return ANALYSES.get(language_code) or ANALYSES[settings.LANGUAGE_CODE]
