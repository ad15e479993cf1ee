# The ESCO fields (0004), without the page cache's version table that 0002–0006 created and dropped again
# (the version now lives in the cache framework: careerpath/cache.py). A fresh database never makes that table,
# its row, or the PostgreSQL trigger and function that watched it; a database that applied 0002–0006 is already
# here. The replaced files stay until every deployment has migrated past 0006, then they go with `replaces`.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ("roles", "0002_content_version"),
        ("roles", "0003_content_version_row"),
        ("roles", "0004_esco_and_external_codes"),
        ("roles", "0005_content_version_notify"),
        ("roles", "0006_delete_content_version"),
    ]

    dependencies = [
        ("roles", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='role',
            options={'ordering': [models.OrderBy(models.F('level'), descending=True, nulls_last=True), 'title'], 'verbose_name': 'poste', 'verbose_name_plural': 'postes'},
        ),
        migrations.AddField(
            model_name='role',
            name='alternative_titles',
            field=models.TextField(blank=True, help_text='Un intitulé par ligne ; la recherche les trouve aussi.', verbose_name='autres intitulés'),
        ),
        migrations.AddField(
            model_name='role',
            name='alternative_titles_en',
            field=models.TextField(blank=True, help_text='Un intitulé par ligne ; la recherche les trouve aussi.', null=True, verbose_name='autres intitulés'),
        ),
        migrations.AddField(
            model_name='role',
            name='alternative_titles_fr',
            field=models.TextField(blank=True, help_text='Un intitulé par ligne ; la recherche les trouve aussi.', null=True, verbose_name='autres intitulés'),
        ),
        migrations.AddField(
            model_name='role',
            name='esco_uri',
            field=models.CharField(blank=True, help_text='Identifiant du métier dans ESCO, p. ex. http://data.europa.eu/esco/occupation/…', max_length=255, null=True, unique=True, validators=[django.core.validators.RegexValidator('^http://data.europa.eu/esco/[\\w/-]+$', 'Une URI ESCO commence par http://data.europa.eu/esco/.')], verbose_name='URI ESCO'),
        ),
        migrations.AddField(
            model_name='role',
            name='isco_code',
            field=models.CharField(blank=True, help_text='Le groupe de base à quatre chiffres, p. ex. 1120.', max_length=4, validators=[django.core.validators.RegexValidator('^\\d{4}$', 'Un code de groupe de base CITP a quatre chiffres, p. ex. 1120.')], verbose_name='groupe CITP (ISCO-08)'),
        ),
        migrations.AddField(
            model_name='role',
            name='onet_soc_code',
            field=models.CharField(blank=True, help_text='Profil O*NET, p. ex. 11-1011.00.', max_length=10, validators=[django.core.validators.RegexValidator('^\\d{2}-\\d{4}\\.\\d{2}$', 'Un code O*NET-SOC s’écrit 11-1011.00.')], verbose_name='code O*NET-SOC'),
        ),
        migrations.AddField(
            model_name='role',
            name='origin',
            field=models.CharField(choices=[('written', 'Rédigé par l’équipe'), ('imported', 'Importé d’ESCO'), ('edited', 'Importé d’ESCO puis revu par l’équipe')], default='written', editable=False, max_length=10, verbose_name='origine'),
        ),
        migrations.AddField(
            model_name='role',
            name='rome_code',
            field=models.CharField(blank=True, help_text='Fiche métier de France Travail, p. ex. M1301.', max_length=5, validators=[django.core.validators.RegexValidator('^[A-N]\\d{4}$', 'Un code ROME est une lettre suivie de quatre chiffres, p. ex. M1301.')], verbose_name='code ROME'),
        ),
        migrations.AddField(
            model_name='skill',
            name='esco_uri',
            field=models.CharField(blank=True, help_text='Identifiant de la compétence dans ESCO, p. ex. http://data.europa.eu/esco/skill/…', max_length=255, null=True, unique=True, validators=[django.core.validators.RegexValidator('^http://data.europa.eu/esco/[\\w/-]+$', 'Une URI ESCO commence par http://data.europa.eu/esco/.')], verbose_name='URI ESCO'),
        ),
        migrations.AddField(
            model_name='skill',
            name='origin',
            field=models.CharField(choices=[('written', 'Rédigé par l’équipe'), ('imported', 'Importé d’ESCO'), ('edited', 'Importé d’ESCO puis revu par l’équipe')], default='written', editable=False, max_length=10, verbose_name='origine'),
        ),
        migrations.AlterField(
            model_name='role',
            name='level',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Débutant'), (2, 'Encadrement'), (3, 'Direction'), (4, 'Direction générale')], help_text='Vide pour un métier importé que l’équipe n’a pas encore situé.', null=True, verbose_name='niveau hiérarchique'),
        ),
        migrations.AlterField(
            model_name='roleskill',
            name='required_level',
            field=models.PositiveSmallIntegerField(blank=True, help_text='De 1 (notions) à 5 (expert), selon les descriptions de niveaux de la compétence. Vide tant que l’équipe ne l’a pas fixé (métiers importés) : la compétence ne compte pas dans le score.', null=True, verbose_name='niveau requis'),
        ),
        migrations.CreateModel(
            name='IscoGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=4, unique=True, validators=[django.core.validators.RegexValidator('^\\d{1,4}$')], verbose_name='code')),
                ('name', models.CharField(max_length=300, verbose_name='intitulé')),
                ('name_fr', models.CharField(max_length=300, null=True, verbose_name='intitulé')),
                ('name_en', models.CharField(max_length=300, null=True, verbose_name='intitulé')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_fr', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('esco_uri', models.CharField(blank=True, help_text='Identifiant du groupe dans ESCO, p. ex. http://data.europa.eu/esco/isco/C1120.', max_length=255, null=True, unique=True, validators=[django.core.validators.RegexValidator('^http://data.europa.eu/esco/[\\w/-]+$', 'Une URI ESCO commence par http://data.europa.eu/esco/.')], verbose_name='URI ESCO')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='children', to='roles.iscogroup', verbose_name='groupe parent')),
            ],
            options={
                'verbose_name': 'groupe CITP (ISCO)',
                'verbose_name_plural': 'groupes CITP (ISCO)',
                'ordering': ['code'],
            },
        ),
    ]
