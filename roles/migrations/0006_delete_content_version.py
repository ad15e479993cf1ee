from importlib import import_module

from django.db import migrations

# The page cache's version now lives in the cache framework (careerpath/cache.py). Dropping the
# table would take 0005's trigger with it but leave the function it calls: both go first, and
# come back if this is unapplied.
notify = import_module("roles.migrations.0005_content_version_notify")


class Migration(migrations.Migration):
    dependencies = [("roles", "0005_content_version_notify")]

    operations = [
        migrations.RunPython(notify.on_postgresql(notify.DROP), notify.on_postgresql(notify.NOTIFY)),
        migrations.DeleteModel(name="ContentVersion"),
    ]
