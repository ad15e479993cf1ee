"""Text as search compares it: accents, case and the typographic apostrophe set aside, on both databases.

The database folds each column with `folded()`: PostgreSQL's own `unaccent()` (the extension that migration
0009 creates) under `lower()`; SQLite has no such function, so each of its connections gets `fold` under the
same name. Python folds what a person typed with `fold`, so both sides compare alike.
"""

import unicodedata
from functools import lru_cache

from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Lower, Replace

# What NFKD does not decompose, spelt as PostgreSQL's unaccent rules spell it; and the typographic apostrophe.
SPELT_OUT = {"’": "'", "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"}


@lru_cache(maxsize=16384)  # SQLite calls it for every row a search reads, and a list page searches twice
def fold(text: str | None) -> str | None:
    """Lower case, without accents. Fast rather than thorough (SQLite calls it per row): letters are split
    from their accents, then what is not ASCII is dropped, which in French and English text is only
    punctuation such as « » or €, dropped from what is typed too."""
    if text is None or text.isascii():
        return text if text is None else text.lower()
    for char, spelt in SPELT_OUT.items():
        text = text.replace(char, spelt)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


class Unaccent(Func):
    function = "UNACCENT"
    output_field = TextField()


class Joined(Func):
    """Texts joined with ||, flat (Django's Concat nests one call per pair, which SQLite's parser refuses
    beyond a few dozen)."""

    template = "(%(expressions)s)"
    arg_joiner = " || "
    output_field = TextField()


def folded(*fields: str) -> Func:
    """The fields folded as one text, each between line breaks ("\\ntitle\\nfeminine title\\n"), so that
    `contains("\\n" + text + "\\n")` is a whole field equal to text, and one call folds a row's fields."""
    parts = [Value("\n")]
    for field in fields:
        parts += [Coalesce(F(field), Value("")), Value("\n")]
    return Lower(Unaccent(Replace(Joined(*parts), Value("’"), Value("'"))))


def add_sqlite_unaccent(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: SQLite's stand-in for PostgreSQL's unaccent()."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, fold, deterministic=True)
