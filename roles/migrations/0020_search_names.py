from django.db import migrations

CREATE = [
    "CREATE TABLE roles_search_names (role_id integer NOT NULL, field text NOT NULL, name text NOT NULL)",
    "CREATE INDEX roles_search_names_name ON roles_search_names (name, field)",
    "CREATE INDEX roles_search_names_role ON roles_search_names (role_id)",
]


def create_names(apps, schema_editor):
    from roles.search_index import write_index

    with schema_editor.connection.cursor() as cursor:
        for statement in CREATE:
            cursor.execute(statement)
    write_index(apps=apps)


def drop_names(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TABLE roles_search_names")


class Migration(migrations.Migration):
    """Each role's titles and alternative titles as names (roles.search.name_key: folded, stop words left out, words
    in alphabetical order), for search to rank first a role named what a person typed; the whole index written again
    with them."""

    dependencies = [
        ("roles", "0019_search_index"),
    ]

    operations = [migrations.RunPython(create_names, drop_names)]
