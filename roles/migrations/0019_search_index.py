from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMNS = ("titles_fr", "titles_en", "alternatives_fr", "alternatives_en", "descriptions_fr", "descriptions_en")
WEIGHTED = {"titles": "A", "alternatives": "B", "descriptions": "C"}
LANGUAGES = (("french", "fr"), ("english", "en"))

POSTGRESQL = [
    # French and English, accents set aside before stemming.
    *(
        f"CREATE TEXT SEARCH CONFIGURATION careerpath_{language} (COPY = {language}); "
        f"ALTER TEXT SEARCH CONFIGURATION careerpath_{language} "
        f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem"
        for language, _code in LANGUAGES
    ),
    "CREATE TABLE roles_search (role_id integer PRIMARY KEY, "
    + ", ".join(f"{column} text NOT NULL" for column in COLUMNS)
    + "".join(
        f", document_{code} tsvector GENERATED ALWAYS AS ("
        + " || ".join(
            f"setweight(to_tsvector('careerpath_{language}'::regconfig, {field}_{code}), '{weight}')"
            for field, weight in WEIGHTED.items()
        )
        + ") STORED"
        for language, code in LANGUAGES
    )
    + ")",
    *(f"CREATE INDEX roles_search_document_{code} ON roles_search USING gin (document_{code})" for _, code in LANGUAGES),
    "CREATE TABLE roles_search_words (word text PRIMARY KEY)",
    "CREATE INDEX roles_search_words_trigrams ON roles_search_words USING gin (word gin_trgm_ops)",
]
POSTGRESQL_BACKWARDS = [
    "DROP TABLE roles_search",
    "DROP TABLE roles_search_words",
    "DROP TEXT SEARCH CONFIGURATION careerpath_french",
    "DROP TEXT SEARCH CONFIGURATION careerpath_english",
]
SQLITE = [
    f"CREATE VIRTUAL TABLE roles_search USING fts5({', '.join(COLUMNS)}, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TABLE roles_search_words (word text PRIMARY KEY)",
]
SQLITE_BACKWARDS = ["DROP TABLE roles_search", "DROP TABLE roles_search_words"]


class TrigramOnPostgreSQL(TrigramExtension):
    """Django's operation skips other databases going forwards only: skip them going back too."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_index(apps, schema_editor):
    # Filled by 0020, which adds the table of names the index's writing also fills.
    with schema_editor.connection.cursor() as cursor:
        for statement in POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE:
            cursor.execute(statement)


def drop_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in POSTGRESQL_BACKWARDS if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARDS:
            cursor.execute(statement)


class Migration(migrations.Migration):
    """The search index (roles/search.py): an FTS5 table on SQLite, a table with a weighted tsvector per language
    and their GIN indexes on PostgreSQL (0020 fills them with the roles there are); and the words of the titles,
    which pg_trgm compares a typo with (its trigram index on PostgreSQL; SQLite has a stand-in)."""

    dependencies = [
        ("roles", "0018_skill_esco_skills"),
    ]

    operations = [TrigramOnPostgreSQL(), migrations.RunPython(create_index, drop_index)]
