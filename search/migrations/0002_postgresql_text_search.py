"""PostgreSQL only: per-language text search configurations with accent folding, and the indexes.

``toolbox_french``, ``toolbox_english`` and ``toolbox_spanish`` copy the built-in configurations and
put ``unaccent`` before the Snowball stemmer, so "élaboration" and "elaboration" are the same word.

Indexes: two partial GIN text indexes per language (the full vector, and the title-and-summary
vector ranked first) (``WHERE language = 'fr'``), which is what a search
in one language reads instead of intersecting a whole-table index with the language column; a GIN
index over the facet keys, for the expression ``search.engines.database`` filters with
(``string_to_array(…) && ARRAY['country:FR']``); a trigram index for title autocomplete.
On other databases this migration does nothing.
"""

from django.db import migrations

LANGUAGES = {"toolbox_french": "french", "toolbox_english": "english", "toolbox_spanish": "spanish"}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    statements = [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    ]
    for config, language in LANGUAGES.items():
        statements += [
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}",
            f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = pg_catalog.{language})",
            f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR hword, hword_part, word, "
            f"asciiword, asciihword, hword_asciipart WITH unaccent, {language}_stem",
        ]
    for code in ("fr", "en", "es"):
        statements += [
            f"CREATE INDEX IF NOT EXISTS search_document_vector_{code} ON catalogue_search_searchdocument "
            f"USING gin (search_vector) WHERE language = '{code}'",
            f"CREATE INDEX IF NOT EXISTS search_document_rank_{code} ON catalogue_search_searchdocument "
            f"USING gin (rank_vector) WHERE language = '{code}'",
        ]
    # keep rows narrow: the body and its full vector go out of line (TOAST), while what is read for
    # many matching rows at once (the title-and-summary vector, title, summary, facet keys) stays in
    # the row, so that ranking, counting and facets read few pages
    statements += [
        "ALTER TABLE catalogue_search_searchdocument SET (toast_tuple_target = 256)",
        "ALTER TABLE catalogue_search_searchdocument "
        + ", ".join(
            f"ALTER COLUMN {column} SET STORAGE MAIN"
            for column in ("rank_vector", "title", "title_folded", "summary", "facet_keys")
        ),
    ]
    statements += [
        "CREATE INDEX IF NOT EXISTS search_document_facets ON catalogue_search_searchdocument "
        "USING gin ((string_to_array(btrim(facet_keys), ' ')))",
        "CREATE INDEX IF NOT EXISTS search_document_title_trgm ON catalogue_search_searchdocument "
        "USING gin (title_folded gin_trgm_ops)",
    ]
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for code in ("fr", "en", "es"):
            cursor.execute(f"DROP INDEX IF EXISTS search_document_vector_{code}")
            cursor.execute(f"DROP INDEX IF EXISTS search_document_rank_{code}")
        cursor.execute("DROP INDEX IF EXISTS search_document_facets")
        cursor.execute("DROP INDEX IF EXISTS search_document_title_trgm")
        for config in LANGUAGES:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}")


class Migration(migrations.Migration):
    dependencies = [("catalogue_search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
