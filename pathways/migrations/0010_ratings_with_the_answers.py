"""Skill ratings kept with the other answers, in the assessment's row (`Assessment.ratings`, by skill id), rather than
a row each: every assessment's ratings are copied there, in batches, before their table goes. Reversed, the rows come
back, less those of skills deleted since (their table's foreign key could not name them)."""

from django.db import migrations, models

BATCH = 500


def into_the_answers(apps, schema_editor):
    Assessment = apps.get_model("pathways", "Assessment")
    SkillRating = apps.get_model("pathways", "SkillRating")
    pks = list(Assessment.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        levels = {pk: {} for pk in batch}
        for assessment_id, skill_id, level in SkillRating.objects.filter(assessment_id__in=batch).values_list(
            "assessment_id", "skill_id", "level"
        ):
            levels[assessment_id][str(skill_id)] = level
        Assessment.objects.bulk_update([Assessment(pk=pk, skill_levels=rated) for pk, rated in levels.items()], ["skill_levels"])


def into_rows(apps, schema_editor):
    Assessment = apps.get_model("pathways", "Assessment")
    SkillRating = apps.get_model("pathways", "SkillRating")
    Skill = apps.get_model("roles", "Skill")
    skills = set(Skill.objects.values_list("pk", flat=True))
    rows = Assessment.objects.order_by("pk").values_list("pk", "skill_levels")
    batch = []
    for assessment_id, rated in rows.iterator(chunk_size=BATCH):
        batch += [
            SkillRating(assessment_id=assessment_id, skill_id=int(skill_id), level=level)
            for skill_id, level in rated.items()
            if int(skill_id) in skills
        ]
        if len(batch) >= BATCH:
            SkillRating.objects.bulk_create(batch)
            batch = []
    SkillRating.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0009_pinned_result_packed"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="skill_levels",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Le niveau de 0 à 5 que la personne s’est donné dans chaque compétence, par identifiant de "
                "compétence ; une compétence absente n’a pas été évaluée.",
                verbose_name="compétences évaluées",
            ),
        ),
        migrations.RunPython(into_the_answers, into_rows),
        migrations.DeleteModel(name="SkillRating"),
        migrations.RenameField(model_name="assessment", old_name="skill_levels", new_name="ratings"),
    ]
