from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class UnaccentOnPostgreSQL(UnaccentExtension):
    """Django's operation skips other databases going forwards only: skip them going back too."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    """Search sets accents aside with PostgreSQL's unaccent(); on SQLite the operation does nothing
    (roles/search.py gives each SQLite connection a function of that name)."""

    dependencies = [
        ("roles", "0008_esco_lengths"),
    ]

    operations = [UnaccentOnPostgreSQL()]
