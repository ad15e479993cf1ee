"""Saved results stored packed (careerpath.fields.PackedJSONField) rather than as JSON: each one's value copied into a
column of the new kind, which then takes the old one's name."""

from django.db import migrations

import careerpath.fields

BATCH = 500


def copy(source: str, target: str):
    def run(apps, schema_editor):
        Assessment = apps.get_model("pathways", "Assessment")
        rows = Assessment.objects.exclude(**{f"{source}__isnull": True}).only("pk", source).order_by("pk")
        batch = []
        for row in rows.iterator(chunk_size=BATCH):
            setattr(row, target, getattr(row, source))
            batch.append(row)
            if len(batch) == BATCH:
                Assessment.objects.bulk_update(batch, [target])
                batch = []
        Assessment.objects.bulk_update(batch, [target])

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0008_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="packed_result",
            field=careerpath.fields.PackedJSONField(blank=True, null=True),
        ),
        migrations.RunPython(copy("pinned_result", "packed_result"), copy("packed_result", "pinned_result")),
        migrations.RemoveField(model_name="assessment", name="pinned_result"),
        migrations.RenameField(model_name="assessment", old_name="packed_result", new_name="pinned_result"),
        migrations.AlterField(
            model_name="assessment",
            name="pinned_result",
            field=careerpath.fields.PackedJSONField(
                blank=True,
                help_text="Le score et le parcours au moment de l’enregistrement, dans chaque langue : la page les montre "
                "tels quels, et dit ce qui a changé depuis.",
                null=True,
                verbose_name="résultat tel que calculé",
            ),
        ),
    ]
