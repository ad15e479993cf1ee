"""The search index's rows (roles/search.py reads them): each role's texts by field and language, the ESCO
occupation a team role stands for counted as the team role's own; and the words of titles a typo may stand for.
Written again for the roles a save or a deletion touches (signals, wired in apps.py), and whole after the writes in
bulk that skip signals (`import_esco`, `load_content`)."""

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps as installed_apps
from django.db import connection

from .search import (
    FIELDS,
    INDEX_COLUMNS,
    INDEX_TABLE,
    NAMES_TABLE,
    SHORTEST_CORRECTED,
    WORDS_TABLE,
    index_key,
    name_key,
    words_of,
)

ROLE_TEXTS = (
    "title_fr",
    "title_feminine",
    "title_en",
    "acronym",
    "alternative_titles_fr",
    "alternative_titles_en",
    "summary_fr",
    "description_fr",
    "summary_en",
    "description_en",
)


def lines(*texts: str | None) -> str:
    return "\n".join(text for text in texts if text)


def index_rows(role_ids: Iterable[int] | None, apps=installed_apps) -> list[tuple]:
    """(role id, *INDEX_COLUMNS) for the roles `role_ids` (all with None); `apps` is a migration's."""
    Role = apps.get_model("roles", "Role")
    OtherName = apps.get_model("roles", "OtherName")
    roles = Role.objects.all() if role_ids is None else Role.objects.filter(pk__in=list(role_ids))
    found = list(roles.values_list("pk", "esco_occupation_id", *ROLE_TEXTS))
    names = defaultdict(list)
    for role_id, name_fr, name_en in OtherName.objects.filter(role__in=[row[0] for row in found]).values_list(
        "role_id", "name_fr", "name_en"
    ):
        names[role_id].append((name_fr, name_en))
    occupations = {
        uri: texts
        for uri, *texts in Role.objects.filter(esco_uri__in={row[1] for row in found if row[1]}).values_list(
            "esco_uri", *ROLE_TEXTS[:6]
        )
    }
    rows = []
    for pk, occupation, *texts in found:
        text = dict(zip(ROLE_TEXTS, texts, strict=True))
        twin = dict(zip(ROLE_TEXTS, occupations.get(occupation, ()), strict=False))
        columns = (
            lines(text["title_fr"], text["title_feminine"], text["acronym"], twin.get("title_fr"), twin.get("title_feminine")),
            lines(text["title_en"], text["acronym"], twin.get("title_en")),
            lines(text["alternative_titles_fr"], *(fr for fr, _en in names[pk]), twin.get("alternative_titles_fr")),
            lines(text["alternative_titles_en"], *(en for _fr, en in names[pk]), twin.get("alternative_titles_en")),
            lines(text["summary_fr"], text["description_fr"]),
            lines(text["summary_en"], text["description_en"]),
        )
        rows.append((pk, *columns))
    return rows


def title_words(rows: list[tuple]) -> set[str]:
    """The words of the rows' titles and alternative titles that a typo may stand for (the vocabulary)."""
    titles = (text for _pk, *columns in rows for text in columns[: len(FIELDS["titles"]) + len(FIELDS["alternatives"])])
    return {word for text in titles for word in words_of(text) if len(word) >= SHORTEST_CORRECTED}


def names(rows: list[tuple]) -> list[tuple[int, str, str]]:
    """(role id, field, name key) for each title and alternative title of the rows, one a line in their columns."""
    found = set()
    for pk, *columns in rows:
        texts = dict(zip(INDEX_COLUMNS, columns, strict=True))
        for field in ("titles", "alternatives"):
            for column in FIELDS[field]:
                found |= {(pk, field, name_key(line)) for line in texts[column].splitlines() if words_of(line)}
    return sorted(found)


def write_index(role_ids: Iterable[int] | None = None, apps=installed_apps) -> None:
    """Write the index's rows of the roles `role_ids` again (of every role with None): a role deleted loses its
    row."""
    # Only the module's own names go into the statements; the texts and keys are parameters.
    key = index_key(connection.vendor)
    role_ids = None if role_ids is None else list(role_ids)
    rows = index_rows(role_ids, apps)
    words = title_words(rows)
    with connection.cursor() as cursor:
        if role_ids is None:
            cursor.execute(f"DELETE FROM {INDEX_TABLE}")  # noqa: S608
            cursor.execute(f"DELETE FROM {WORDS_TABLE}")  # noqa: S608
            cursor.execute(f"DELETE FROM {NAMES_TABLE}")  # noqa: S608
        elif role_ids:
            keys = ", ".join(["%s"] * len(role_ids))
            cursor.execute(f"DELETE FROM {INDEX_TABLE} WHERE {key} IN ({keys})", role_ids)  # noqa: S608
            cursor.execute(f"DELETE FROM {NAMES_TABLE} WHERE role_id IN ({keys})", role_ids)  # noqa: S608
            if words:  # a word no role has any more stays: a typo read as it finds nothing more
                cursor.execute(f"SELECT word FROM {WORDS_TABLE} WHERE word IN ({', '.join(['%s'] * len(words))})", list(words))  # noqa: S608
                words -= {word for (word,) in cursor.fetchall()}
        if rows:
            columns = ", ".join((key, *INDEX_COLUMNS))
            values = ", ".join(["%s"] * (len(INDEX_COLUMNS) + 1))
            cursor.executemany(f"INSERT INTO {INDEX_TABLE} ({columns}) VALUES ({values})", rows)  # noqa: S608
            cursor.executemany(f"INSERT INTO {NAMES_TABLE} (role_id, field, name) VALUES (%s, %s, %s)", names(rows))  # noqa: S608
        if words:
            cursor.executemany(f"INSERT INTO {WORDS_TABLE} (word) VALUES (%s)", [(word,) for word in sorted(words)])  # noqa: S608
        if role_ids is None and connection.vendor == "postgresql":
            # Rewritten whole: the planner learns the new tables now (it leaves their indexes aside until then).
            cursor.execute(f"ANALYZE {INDEX_TABLE}, {WORDS_TABLE}, {NAMES_TABLE}")


def rewrite_role(sender, instance, **kwargs) -> None:
    """`post_save`/`post_delete` receiver of Role: its row, and those of the team roles standing for it."""
    Role = installed_apps.get_model("roles", "Role")
    standing_for = Role.objects.filter(esco_occupation_id=instance.esco_uri) if instance.esco_uri else Role.objects.none()
    write_index([instance.pk, *standing_for.values_list("pk", flat=True)])


def rewrite_named_role(sender, instance, **kwargs) -> None:
    """`post_save`/`post_delete` receiver of OtherName: its role's row."""
    write_index([instance.role_id])
