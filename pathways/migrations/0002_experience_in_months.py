from django.db import migrations, models

# The five years_* columns this replaces, by the experience area each counted.
YEARS_COLUMNS = {
    "operations": "years_operations",
    "people": "years_people",
    "customer-service": "years_customer_service",
    "facilities": "years_facilities",
    "business": "years_business",
}


def years_to_months(apps, schema_editor):
    Assessment = apps.get_model("pathways", "Assessment")
    for assessment in Assessment.objects.only("pk", *YEARS_COLUMNS.values()).iterator():
        assessment.experience_months = {
            area: 12 * years for area, column in YEARS_COLUMNS.items() if (years := getattr(assessment, column))
        }
        assessment.save(update_fields=["experience_months"])


def months_to_years(apps, schema_editor):
    Assessment = apps.get_model("pathways", "Assessment")
    for assessment in Assessment.objects.only("pk", "experience_months").iterator():
        for area, column in YEARS_COLUMNS.items():
            setattr(assessment, column, assessment.experience_months.get(area, 0) // 12)
        assessment.save(update_fields=list(YEARS_COLUMNS.values()))


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="experience_months",
            field=models.JSONField(
                blank=True, default=dict,
                help_text="Les mois déclarés dans chaque domaine d’expérience ; un domaine absent compte zéro.",
                verbose_name="expérience (mois par domaine)",
            ),
        ),
        migrations.RunPython(years_to_months, months_to_years),
        migrations.RemoveConstraint(model_name="assessment", name="assessment_years_in_range"),
        *(migrations.RemoveField(model_name="assessment", name=column) for column in YEARS_COLUMNS.values()),
    ]
