from django.db import migrations


def create_row(apps, schema_editor):
    apps.get_model("roles", "ContentVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    """The page cache needs its counter row to exist."""

    dependencies = [("roles", "0002_content_version")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
