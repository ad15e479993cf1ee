from django.db import migrations

# On PostgreSQL, any change to the content version's row (an editor's save, load_content, an
# import, a restore) tells every listening process at commit: see roles.cache.ContentWatch.
NOTIFY = """
CREATE FUNCTION roles_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('careerpath_content', '');
    RETURN NULL;
END $$;
CREATE TRIGGER roles_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roles_contentversion
    FOR EACH STATEMENT EXECUTE FUNCTION roles_content_changed();
"""
DROP = """
DROP TRIGGER roles_content_changed ON roles_contentversion;
DROP FUNCTION roles_content_changed();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("roles", "0004_esco_and_external_codes")]

    operations = [migrations.RunPython(on_postgresql(NOTIFY), on_postgresql(DROP))]
