"""Search in the database's own index (FTS5 on SQLite, tsvectors on PostgreSQL, both setting accents and case
aside), and text as search compares it: Python folds what a person typed and the names it keeps whole with `fold`.
"""

import re
import unicodedata
from functools import lru_cache

from django.db.models import BooleanField, F, Func

# What NFKD does not decompose, spelt as PostgreSQL's unaccent rules spell it; and the typographic apostrophe.
SPELT_OUT = {"’": "'", "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"}


@lru_cache(maxsize=16384)  # the index's writing calls it for every name of every role
def fold(text: str | None) -> str | None:
    """Lower case, without accents. Fast rather than thorough (called for every name of ESCO): letters are split
    from their accents, then what is not ASCII is dropped, which in French and English text is only
    punctuation such as « » or €, dropped from what is typed too."""
    if text is None or text.isascii():
        return text if text is None else text.lower()
    for char, spelt in SPELT_OUT.items():
        text = text.replace(char, spelt)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def add_sqlite_functions(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: SQLite's stand-in for pg_trgm's similarity()."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("SIMILARITY", 2, similarity, deterministic=True)


# The search index: one row per role, its texts by field and language, kept by the database (roles/search_index.py
# writes it, migration 0019 creates it): an FTS5 table on SQLite, a table with a weighted tsvector on PostgreSQL.
INDEX_TABLE = "roles_search"
FIELDS = {
    "titles": ("titles_fr", "titles_en"),
    "alternatives": ("alternatives_fr", "alternatives_en"),
    "descriptions": ("descriptions_fr", "descriptions_en"),
}
INDEX_COLUMNS = tuple(column for columns in FIELDS.values() for column in columns)
# Beside it, every word of the titles and alternative titles, folded, which a typo is measured against; and each
# title and alternative title as a name (`name_key`), with its field, which what was typed may be whole.
WORDS_TABLE = "roles_search_words"
NAMES_TABLE = "roles_search_names"
LANGUAGES = ("fr", "en")


def index_key(vendor: str) -> str:
    """The column holding the role's key: an FTS5 table's own rowid on SQLite."""
    return "rowid" if vendor == "sqlite" else "role_id"


# PostgreSQL keeps a tsvector per language, each field's words marked with a weight a query can ask for ('oper:AB'),
# made by French and English text search configurations that set accents aside before stemming (migration 0019).
WEIGHTS = {"titles": "A", "alternatives": "B", "descriptions": "C"}
CONFIGURATIONS = {"fr": "careerpath_french", "en": "careerpath_english"}

WORD = re.compile(r"[a-z0-9]+")
# Words that say nothing of the job, left out of "every word" (not of a phrase) on both databases, so that
# "director of operations" finds "operations director"; PostgreSQL's configurations leave out a few more.
STOP_WORDS = frozenset("a au aux d de des du en et l la le les pour sur un une an and for in of on the to with".split())
SHORTEST_CORRECTED = 4  # shorter words ("de", "COO", "RH") are too easily another word: found as typed only
CLOSE_ENOUGH = 0.5  # of trigram similarity: one letter wrong, missing or doubled in a word of eight letters or more


def words_of(text: str) -> list[str]:
    """The words of `text`, folded, as the index has them."""
    return WORD.findall(fold(text) or "")


def meaningful(words: list[str]) -> list[str]:
    """The words without stop words, unless only stop words were typed."""
    return [word for word in words if word not in STOP_WORDS] or words


def name_key(text: str) -> str:
    """A name as search compares names whole: its words folded, stop words left out, in alphabetical order, so that
    "director of operations" and "operations director" are one name."""
    return " ".join(sorted(meaningful(words_of(text))))


class IndexMatch:
    """A full-text query over some fields of the index, written for each database: every word, or the words as
    a phrase (one after the other, stop words counted as words), in the French texts or in the English ones."""

    def __init__(self, words: list[str], fields: tuple[str, ...] = tuple(FIELDS), *, phrase: bool = False):
        self.words, self.fields, self.phrase = words, fields, phrase

    def as_sql(self, vendor: str) -> tuple[str, list[str]]:
        """The condition on the index's rows, with its parameters."""
        every_field = set(self.fields) == set(FIELDS)
        if vendor == "postgresql":
            weights = "" if every_field else ":" + "".join(WEIGHTS[field] for field in self.fields)
            text = (" <-> " if self.phrase else " & ").join(f"{word}{weights}" for word in self.words)
            conditions = [f"document_{code} @@ to_tsquery('{CONFIGURATIONS[code]}', %s)" for code in LANGUAGES]
            return f"({' OR '.join(conditions)})", [text] * len(LANGUAGES)
        text = f'"{" ".join(self.words)}"' if self.phrase else " AND ".join(f'"{word}"' for word in self.words)
        in_language = ["{" + " ".join(f"{field}_{code}" for field in self.fields) + f"}}: ({text})" for code in LANGUAGES]
        return f"{INDEX_TABLE} MATCH %s", [" OR ".join(in_language)]


class CloseTo:
    """A word of the titles or alternative titles close to `word`, a slip of the keyboard (pg_trgm's trigram
    similarity, at least CLOSE_ENOUGH, found among the words of WORDS_TABLE); SQLite's SIMILARITY is a stand-in
    (`similarity`)."""

    def __init__(self, word: str):
        self.word = word

    def as_sql(self, vendor: str) -> tuple[str, list[str]]:
        if vendor == "postgresql":
            # % is the operator pg_trgm's index serves (at its own threshold, lower): the function then decides.
            close = f"word %% %s AND similarity(word, %s) >= {CLOSE_ENOUGH}"
            weights = WEIGHTS["titles"] + WEIGHTS["alternatives"]
            words = f"string_agg(word || ':{weights}', ' | ')"
            conditions = [
                f"document_{code} @@ (SELECT to_tsquery('{CONFIGURATIONS[code]}', {words}) FROM {WORDS_TABLE} WHERE {close})"  # noqa: S608
                for code in LANGUAGES
            ]
            return f"({' OR '.join(conditions)})", [self.word, self.word] * len(LANGUAGES)
        columns = " ".join(f"{field}_{code}" for field in ("titles", "alternatives") for code in LANGUAGES)
        # No word close enough: the empty phrase, which FTS5 finds nowhere.
        words = """COALESCE(group_concat('"' || word || '"', ' OR '), '""')"""
        return (
            f"{INDEX_TABLE} MATCH (SELECT '{{{columns}}}: (' || {words} || ')' FROM {WORDS_TABLE}"  # noqa: S608
            f" WHERE SIMILARITY(word, %s) >= {CLOSE_ENOUGH})",
            [self.word],
        )


class Indexed(Func):
    """The row's key among the index's rows that meet `condition` (an `IndexMatch` or `CloseTo`); with
    `anywhere`, whether any row of the index meets it (a word the index knows)."""

    output_field = BooleanField()

    def __init__(self, condition, *, anywhere: bool = False):
        super().__init__(F("pk"))
        self.condition, self.anywhere = condition, anywhere

    def as_sql(self, compiler, connection, **extra):
        where, params = self.condition.as_sql(connection.vendor)
        if self.anywhere:
            return f"EXISTS (SELECT 1 FROM {INDEX_TABLE} WHERE {where})", params  # noqa: S608 (our names; words as params)
        key, key_params = compiler.compile(self.source_expressions[0])
        return f"{key} IN (SELECT {index_key(connection.vendor)} FROM {INDEX_TABLE} WHERE {where})", [*key_params, *params]  # noqa: S608


class Named(Func):
    """Whether one of the role's titles (`field` "titles") or alternative titles ("alternatives") is the name whose
    `name_key` is `key`."""

    output_field = BooleanField()

    def __init__(self, key: str, field: str):
        super().__init__(F("pk"))
        self.key, self.of_field = key, field

    def as_sql(self, compiler, connection, **extra):
        pk, params = compiler.compile(self.source_expressions[0])
        return f"{pk} IN (SELECT role_id FROM {NAMES_TABLE} WHERE name = %s AND field = %s)", [*params, self.key, self.of_field]  # noqa: S608


@lru_cache(maxsize=65536)
def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: each word, lower case, padded with two spaces before and one after."""
    return frozenset(
        padded[index : index + 3]
        for word in WORD.findall(text.lower())
        for padded in [f"  {word} "]
        for index in range(len(padded) - 2)
    )


@lru_cache(maxsize=65536)
def similarity(one: str, other: str) -> float:
    """SQLite's stand-in for pg_trgm's similarity(): the trigrams both have, over the trigrams either has."""
    ours, theirs = trigrams(one), trigrams(other)
    return len(ours & theirs) / len(ours | theirs) if ours or theirs else 0.0
