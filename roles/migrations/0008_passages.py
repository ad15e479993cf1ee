import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

# The slugs the content gives the two articles, so that a database loaded before keeps the same addresses.
KNOWN_SLUGS = {
    "000_9cd98277ee6dab31.txt": "devenir-directeur-executif-des-operations",
    "004_e0d821fb6e57f53a.txt": "coo-metier-missions",
}


def give_sources_slugs(apps, schema_editor):
    """Every source gets an address made from its title (never from its file name, which stays internal)."""
    Source = apps.get_model("roles", "Source")
    taken = set()
    for source in Source.objects.order_by("pk"):
        if source.file_name.startswith("esco-v"):
            base = slugify(source.file_name.replace(".", "-"))
        else:
            base = KNOWN_SLUGS.get(source.file_name) or slugify(source.title_fr or source.title)[:100] or "source"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        source.slug = slug
        source.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ('roles', '0007_sources_shape_routes'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='source',
            options={'ordering': ['title'], 'verbose_name': 'source', 'verbose_name_plural': 'sources'},
        ),
        migrations.AddField(
            model_name='source',
            name='slug',
            field=models.SlugField(help_text='Partie de l’adresse de la page de la source, p. ex. coo-metier-missions.', max_length=120, null=True, unique=True, verbose_name='identifiant d’URL'),
        ),
        migrations.RunPython(give_sources_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='source',
            name='slug',
            field=models.SlugField(help_text='Partie de l’adresse de la page de la source, p. ex. coo-metier-missions.', max_length=120, unique=True, verbose_name='identifiant d’URL'),
        ),
        migrations.AddField(
            model_name='source',
            name='title_is_descriptive',
            field=models.BooleanField(default=False, help_text='Cochez si l’article n’a pas de titre et que celui-ci est de nous : la page le dit.', verbose_name='titre descriptif'),
        ),
        migrations.AlterField(
            model_name='source',
            name='file_name',
            field=models.CharField(help_text='Nom du fichier de l’article dans le dossier des sources, p. ex. 004_….txt. Sert à retrouver le texte ; il n’est jamais montré aux visiteurs.', max_length=200, unique=True, verbose_name='fichier'),
        ),
        migrations.AlterField(
            model_name='source',
            name='title',
            field=models.CharField(help_text='Le titre de l’article tel qu’il l’écrit ; s’il n’en a pas, un titre descriptif de notre main.', max_length=300, verbose_name='titre'),
        ),
        migrations.AlterField(
            model_name='source',
            name='title_en',
            field=models.CharField(help_text='Le titre de l’article tel qu’il l’écrit ; s’il n’en a pas, un titre descriptif de notre main.', max_length=300, null=True, verbose_name='titre'),
        ),
        migrations.AlterField(
            model_name='source',
            name='title_fr',
            field=models.CharField(help_text='Le titre de l’article tel qu’il l’écrit ; s’il n’en a pas, un titre descriptif de notre main.', max_length=300, null=True, verbose_name='titre'),
        ),
        migrations.CreateModel(
            name='Passage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('anchor', models.SlugField(help_text='Identifiant du passage dans la page de la source (après le #), unique pour cette source.', max_length=80, verbose_name='ancre')),
                ('position', models.PositiveSmallIntegerField(default=1, help_text='Place du passage dans l’article (le plus petit d’abord).', verbose_name='ordre')),
                ('quotation', models.TextField(help_text='Copiée mot pour mot de l’article, dans sa langue : une phrase ou une partie de phrase. Elle est vérifiée contre le texte de l’article.', verbose_name='citation')),
                ('translation_en', models.TextField(blank=True, help_text='Une traduction fidèle de la citation, montrée à côté d’elle.', verbose_name='traduction anglaise')),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='passages', to='roles.source', verbose_name='source')),
            ],
            options={
                'verbose_name': 'passage',
                'verbose_name_plural': 'passages',
                'ordering': ['source', 'position', 'anchor'],
            },
        ),
        migrations.AddField(
            model_name='experiencestep',
            name='passage',
            field=models.ForeignKey(blank=True, help_text='Le passage d’un article sur lequel repose ce qui est écrit ici ; la fiche le cite et y renvoie.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='steps', to='roles.passage', verbose_name='passage de la source'),
        ),
        migrations.AddField(
            model_name='mission',
            name='passage',
            field=models.ForeignKey(blank=True, help_text='Le passage d’un article sur lequel repose ce qui est écrit ici ; la fiche le cite et y renvoie.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='missions', to='roles.passage', verbose_name='passage de la source'),
        ),
        migrations.AddField(
            model_name='role',
            name='evidence_passages',
            field=models.ManyToManyField(blank=True, help_text='Pour un poste intermédiaire : les passages cités ci-dessus, auxquels la fiche renvoie.', related_name='supported_roles', to='roles.passage', verbose_name='passages qui l’appuient'),
        ),
        migrations.AddField(
            model_name='roledegree',
            name='passage',
            field=models.ForeignKey(blank=True, help_text='Le passage d’un article sur lequel repose ce qui est écrit ici ; la fiche le cite et y renvoie.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='role_degrees', to='roles.passage', verbose_name='passage de la source'),
        ),
        migrations.AddField(
            model_name='roleskill',
            name='passage',
            field=models.ForeignKey(blank=True, help_text='Le passage d’un article sur lequel repose ce qui est écrit ici ; la fiche le cite et y renvoie.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='role_skills', to='roles.passage', verbose_name='passage de la source'),
        ),
        migrations.AddField(
            model_name='variation',
            name='passage',
            field=models.ForeignKey(blank=True, help_text='Le passage d’un article sur lequel repose ce qui est écrit ici ; la fiche le cite et y renvoie.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='variations', to='roles.passage', verbose_name='passage de la source'),
        ),
        migrations.AddConstraint(
            model_name='passage',
            constraint=models.UniqueConstraint(fields=('source', 'anchor'), name='passage_anchor_unique_per_source'),
        ),
    ]
