from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Search sets accents aside with PostgreSQL's unaccent(); on SQLite the operation does nothing
    (roles/search.py gives each SQLite connection a function of that name)."""

    dependencies = [
        ("roles", "0008_esco_lengths"),
    ]

    operations = [UnaccentExtension()]
