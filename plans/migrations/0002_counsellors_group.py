from django.db import migrations

COUNSELLOR_GROUP = "counsellors"  # plans.models.COUNSELLOR_GROUP when this was written


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=COUNSELLOR_GROUP)


class Migration(migrations.Migration):
    """The group an editor puts counsellor accounts in; its members see the plans shared with them."""

    dependencies = [("plans", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
