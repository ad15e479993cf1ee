"""What a role is: roles, skills, degrees, experience steps, missions, traits and sources.

Text fields listed in `roles/translation.py` exist in French (`_fr`, the source language)
and English (`_en`); an empty English field falls back to the French text.
"""

import re
from functools import reduce
from operator import and_, or_
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, Prefetch, Q, When
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from careerpath.labels import format_duration

from .search import fold, folded

MIN_LEVEL, MAX_LEVEL = 1, 5
MAX_PICKED_EXTRA = 10  # more slugs than any picker accepts are ignored rather than queried
SLUG_MAX_LENGTH = 120
# A slug as the site makes them (Django's slug characters, within the field's length).
SLUG_PATTERN = rf"[-a-zA-Z0-9_]{{1,{SLUG_MAX_LENGTH}}}"
# Titles and skill names: ESCO's longest preferred label (v1.1.2, French) is 202 characters, with both forms.
LABEL_MAX_LENGTH = 300


class Sector(models.TextChoices):
    PRODUCTION = "production", _("Production")
    SERVICES = "services", _("Services")
    BOTH = "both", _("Production et services")


class Scale(models.IntegerChoices):
    MICRO = 1, _("Très petite structure (quelques personnes)")
    SMALL = 2, _("Petite organisation")
    MEDIUM = 3, _("Organisation moyenne")
    LARGE = 4, _("Grande entreprise ou grand groupe")


class Origin(models.TextChoices):
    """Where a role or a skill comes from; the ESCO import only ever changes what it imported itself."""

    WRITTEN = "written", _("Rédigé par l’équipe")
    IMPORTED = "imported", _("Importé d’ESCO")
    EDITED = "edited", _("Importé d’ESCO puis revu par l’équipe")


ESCO_URI_PREFIX = "http://data.europa.eu/esco/"


def esco_uri_field(help_text):
    return models.CharField(
        _("URI ESCO"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        # Shown as a link: only ESCO's own addresses, never a javascript: or other scheme.
        validators=[RegexValidator(rf"^{ESCO_URI_PREFIX}[\w/-]+$", _("Une URI ESCO commence par http://data.europa.eu/esco/."))],
        help_text=help_text,
    )


def duration_basis_field():
    """What a duration rests on: every number no source gives is an estimate, said as such where it is used."""
    return models.TextField(
        _("sur quoi repose cette durée"), blank=True,
        help_text=_("Aucune source ne donne ce chiffre : dites d’où vient l’estimation (le passage qui l’appuie, "
                    "le raisonnement). La page la présente comme une estimation, avec ce texte."),
    )


# The articles' own text, kept with the content so that every quotation can be checked against it.
SOURCE_TEXT_DIR = Path(__file__).resolve().parent / "content" / "sources"


def normalise_quoted(text: str) -> str:
    """Text as a quotation is compared with its article: curly apostrophes read as straight ones and
    any run of spaces (a line break, a non-breaking space) as one space; nothing else is forgiven."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip()


class Source(models.Model):
    file_name = models.CharField(
        _("fichier"),
        max_length=200,
        unique=True,
        help_text=_("Nom du fichier de l’article dans le dossier des sources, p. ex. 004_….txt. Sert à "
                    "retrouver le texte ; il n’est jamais montré aux visiteurs."),
    )
    slug = models.SlugField(
        _("identifiant d’URL"), max_length=SLUG_MAX_LENGTH, unique=True,
        help_text=_("Partie de l’adresse de la page de la source, p. ex. coo-metier-missions."),
    )
    title = models.CharField(
        _("titre"), max_length=300,
        help_text=_("Le titre de l’article tel qu’il l’écrit ; s’il n’en a pas, un titre descriptif de notre main."),
    )
    title_is_descriptive = models.BooleanField(
        _("titre descriptif"), default=False,
        help_text=_("Cochez si l’article n’a pas de titre et que celui-ci est de nous : la page le dit."),
    )
    language = models.CharField(
        _("langue"), max_length=10, default="fr", help_text=_("Langue de l’article (code ISO, p. ex. fr).")
    )
    summary = models.TextField(_("résumé"), blank=True, help_text=_("Ce que l’article couvre, en une ou deux phrases."))

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("source", kwargs={"slug": self.slug})

    @property
    def original_title(self) -> str:
        """The article's own title in its language, when it has one (an English page shows it beside ours)."""
        return "" if self.title_is_descriptive else getattr(self, f"title_{self.language}", "") or ""

    def language_names(self) -> list[str]:
        """The article's languages in the visitor's language, e.g. « français »."""
        names = []
        for code in self.language.split(","):
            try:
                name = str(get_language_info(code.strip())["name_translated"])
            except KeyError:
                name = code.strip()
            names.append(name.lower() if get_language() == "fr" else name)  # « français », "French"
        return names

    def text(self) -> str | None:
        """The article's text, when the project keeps it (the two articles do; an ESCO version does not)."""
        path = SOURCE_TEXT_DIR / self.file_name
        if "/" in self.file_name or not path.is_file():
            return None
        return path.read_text(encoding="utf-8")


class PassageQuerySet(models.QuerySet):
    def with_statements(self):
        """Each passage with the published statements that rest on it, in a fixed number of queries."""
        published = Q(role__status=Role.Status.PUBLISHED)
        return self.prefetch_related(
            Prefetch("missions", queryset=Mission.objects.filter(published).select_related("role")
                     .order_by("role__title_fr", "-kind", "position")),
            Prefetch("role_skills", queryset=RoleSkill.objects.filter(published).select_related("role", "skill")
                     .order_by("role__title_fr", "skill__name")),
            Prefetch("role_degrees", queryset=RoleDegree.objects.filter(published).select_related("role", "degree")
                     .order_by("role__title_fr", "degree__name")),
            Prefetch("steps", queryset=ExperienceStep.objects.filter(published).select_related("role")
                     .order_by("role__title_fr", "position")),
            Prefetch("variations", queryset=Variation.objects.filter(published).select_related("role")
                     .order_by("role__title_fr", "dimension", "scale", "sector")),
            Prefetch("supported_roles", queryset=Role.objects.published().order_by("title_fr")),
        )


class Passage(models.Model):
    """A short verbatim excerpt of an article that statements on the site rest on.

    The quotation stays in the article's language in every version of the site; the English
    rendering is shown beside it, so it is a field of its own rather than a translation of the quotation.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="passages", verbose_name=_("source"))
    anchor = models.SlugField(
        _("ancre"), max_length=80,
        help_text=_("Identifiant du passage dans la page de la source (après le #), unique pour cette source."),
    )
    position = models.PositiveSmallIntegerField(
        _("ordre"), default=1, help_text=_("Place du passage dans l’article (le plus petit d’abord).")
    )
    quotation = models.TextField(
        _("citation"),
        help_text=_("Copiée mot pour mot de l’article, dans sa langue : une phrase ou une partie de phrase. "
                    "Elle est vérifiée contre le texte de l’article."),
    )
    translation_en = models.TextField(
        _("traduction anglaise"), blank=True,
        help_text=_("Une traduction fidèle de la citation, montrée à côté d’elle."),
    )

    objects = PassageQuerySet.as_manager()

    class Meta:
        ordering = ["source", "position", "anchor"]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        constraints = [models.UniqueConstraint(fields=["source", "anchor"], name="passage_anchor_unique_per_source")]

    def __str__(self) -> str:
        quotation = self.quotation if len(self.quotation) <= 90 else f"{self.quotation[:89]}…"
        return f"« {quotation} »"

    def get_absolute_url(self) -> str:
        return f"{self.source.get_absolute_url()}#{self.anchor}"

    def clean(self) -> None:
        if not self.source_id or not self.quotation:
            return
        text = self.source.text()
        if text is not None and normalise_quoted(self.quotation) not in normalise_quoted(text):
            raise ValidationError({"quotation": _("Cette citation ne figure pas mot pour mot dans le texte de l’article.")})

    def statements(self) -> list:
        """The published statements resting on this passage (use with `with_statements()`)."""
        return [*self.missions.all(), *self.role_skills.all(), *self.role_degrees.all(), *self.steps.all(),
                *self.variations.all()]


class Statement:
    """A statement of a role profile that rests on a passage; the passage's source page links back to it."""

    fragment_prefix = "statement"

    @property
    def fragment(self) -> str:
        return f"{self.fragment_prefix}-{self.pk}"

    def profile_url(self) -> str:
        # Not get_absolute_url: the admin would add a "view on site" link to every inline row.
        return f"{self.role.get_absolute_url()}#{self.fragment}"

    @property
    def kind_label(self) -> str:
        return self._meta.verbose_name


def passage_field(related_name: str):
    """The passage a statement rests on. One per statement: a statement says one thing, from one place."""
    return models.ForeignKey(
        Passage, on_delete=models.PROTECT, null=True, blank=True, related_name=related_name,
        verbose_name=_("passage de la source"),
        help_text=_("Le passage d’un article sur lequel repose ce qui est écrit ici ; la fiche le cite et y renvoie."),
    )


class SkillCategory(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Ordre d’affichage des catégories (le plus petit d’abord).")
    )

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("catégorie de compétences")
        verbose_name_plural = _("catégories de compétences")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=SLUG_MAX_LENGTH, unique=True)
    name = models.CharField(_("nom"), max_length=LABEL_MAX_LENGTH)
    category = models.ForeignKey(
        SkillCategory, on_delete=models.PROTECT, related_name="skills", verbose_name=_("catégorie")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Ce que recouvre la compétence, en une ou deux phrases.")
    )
    origin = models.CharField(_("origine"), max_length=10, choices=Origin.choices, default=Origin.WRITTEN, editable=False)
    esco_uri = esco_uri_field(_("Identifiant de la compétence dans ESCO, p. ex. http://data.europa.eu/esco/skill/…"))

    class Meta:
        ordering = ["category__position", "name"]
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")

    def __str__(self) -> str:
        return self.name


class SkillLevel(models.Model):
    """What a person at a given level concretely does, so a self-rating means something."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="levels", verbose_name=_("compétence"))
    level = models.PositiveSmallIntegerField(_("niveau"), help_text=_("De 1 (débutant) à 5 (expert)."))
    description = models.TextField(
        _("ce que fait la personne"),
        help_text=_("Un comportement observable à ce niveau, p. ex. « anime seul une réunion d’équipe »."),
    )

    class Meta:
        ordering = ["skill", "level"]
        verbose_name = _("niveau de compétence")
        verbose_name_plural = _("niveaux de compétence")
        constraints = [
            models.UniqueConstraint(fields=["skill", "level"], name="skill_level_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL), name="skill_level_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} — {self.level}"


class Trait(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("description"), blank=True, help_text=_("Pourquoi ce trait aide dans le métier."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("trait personnel")
        verbose_name_plural = _("traits personnels")

    def __str__(self) -> str:
        return self.name


class DegreeLevel(models.TextChoices):
    BACHELOR = "bachelor", _("Licence / bachelor (bac+3)")
    MASTER = "master", _("Master (bac+5)")
    ENGINEERING = "engineering", _("Diplôme d’ingénieur (bac+5)")
    MBA = "mba", _("MBA")


# How far a degree level goes, to compare a person's degree with what a role asks.
DEGREE_RANK = {
    DegreeLevel.BACHELOR: 3,
    DegreeLevel.MASTER: 5,
    DegreeLevel.ENGINEERING: 5,
    DegreeLevel.MBA: 5,
}


class DegreeField(models.TextChoices):
    BUSINESS_MANAGEMENT = "business-management", _("Gestion d’entreprise")
    OPERATIONS = "operations", _("Gestion des opérations")
    FACILITIES = "facilities", _("Gestion des installations")
    BUSINESS_ADMINISTRATION = "business-administration", _("Administration des affaires")
    ENGINEERING = "engineering", _("Ingénierie")
    OTHER = "other", _("Autre domaine")


class Degree(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=SLUG_MAX_LENGTH, unique=True)
    name = models.CharField(_("intitulé"), max_length=200)
    level = models.CharField(_("niveau"), max_length=20, choices=DegreeLevel.choices)
    field = models.CharField(_("domaine"), max_length=40, choices=DegreeField.choices)
    typical_months = models.PositiveSmallIntegerField(
        _("durée typique (mois)"),
        help_text=_("Durée habituelle des études pour obtenir ce diplôme, utilisée dans les estimations de parcours."),
    )
    duration_basis = duration_basis_field()
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("diplôme")
        verbose_name_plural = _("diplômes")
        constraints = [
            models.CheckConstraint(condition=Q(typical_months__gt=0), name="degree_duration_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def rank(self) -> int:
        return DEGREE_RANK[DegreeLevel(self.level)]


class IscoGroup(models.Model):
    """A group of the International Standard Classification of Occupations (ISCO-08), as ESCO publishes it.

    Codes nest by prefix: 1 → 11 → 112 → 1120; occupations belong to four-digit unit groups.
    """

    code = models.CharField(_("code"), max_length=4, unique=True, validators=[RegexValidator(r"^\d{1,4}$")])
    name = models.CharField(_("intitulé"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children", verbose_name=_("groupe parent")
    )
    esco_uri = esco_uri_field(_("Identifiant du groupe dans ESCO, p. ex. http://data.europa.eu/esco/isco/C1120."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("groupe CITP (ISCO)")
        verbose_name_plural = _("groupes CITP (ISCO)")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("roles:isco-group", kwargs={"code": self.code})


# What search reads, by rank (see RoleQuerySet.search).
SEARCH_TITLES = ("title_fr", "title_feminine", "title_en", "acronym")
SEARCH_ALTERNATIVES = ("alternative_titles_fr", "alternative_titles_en")
SEARCH_DESCRIPTIONS = ("summary_fr", "summary_en", "description_fr", "description_en")


class RoleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Role.Status.PUBLISHED)

    def search(self, text: str):
        """Roles with every word of `text` in a title (either language, either French form), the acronym, an
        alternative title, the summary or the description; accents and case set aside. Ranked: a title equal to
        the text, a title starting with it, every word in the titles, the text in an alternative title, every
        word in the titles and alternative titles, then the rest; within a rank, the list's own order."""
        phrase = fold(" ".join(text.split()))
        words = phrase.split()
        if not words:
            return self
        query = self.alias(
            searched_titles=folded(*SEARCH_TITLES), searched_alternatives=folded(*SEARCH_ALTERNATIVES),
            searched_text=folded(*SEARCH_TITLES, *SEARCH_ALTERNATIVES, *SEARCH_DESCRIPTIONS),
        )

        def every_word(*columns: str) -> Q:
            return reduce(and_, (reduce(or_, (Q(**{f"{column}__contains": word}) for column in columns)) for word in words))

        rank = Case(
            When(searched_titles__contains=f"\n{phrase}\n", then=0),
            When(searched_titles__contains=f"\n{phrase}", then=1),
            When(every_word("searched_titles"), then=2),
            When(searched_alternatives__contains=phrase, then=3),
            When(every_word("searched_titles", "searched_alternatives"), then=4),
            default=5,
        )
        return query.filter(every_word("searched_text")).alias(search_rank=rank).order_by(
            "search_rank", *Role._meta.ordering)

    def pickable(self, also=()):
        """The roles offered in pickers: written (or reviewed) by the team, not the thousands imported,
        plus the roles whose slugs are in `also` (an imported one chosen from its profile). `also` comes
        from the query string: what cannot be a slug (a NUL byte PostgreSQL would refuse) is left out."""
        slugs = [slug for slug in list(also)[:MAX_PICKED_EXTRA] if re.fullmatch(SLUG_PATTERN, slug)]
        return self.filter(~Q(origin=Origin.IMPORTED) | Q(slug__in=slugs))

    def for_sector(self, sector: str):
        if sector == Sector.BOTH:
            return self
        return self.filter(sector_focus__in=[sector, Sector.BOTH])

    def for_scale(self, scale: int):
        return self.filter(min_scale__lte=scale, max_scale__gte=scale)

    def for_listing(self):
        return self.select_related("reports_to")

    def with_skills(self):
        """Required skills with their category, ordered as a profile shows them."""
        return self.prefetch_related(
            Prefetch(
                "role_skills",
                queryset=RoleSkill.objects.select_related("skill__category", "passage__source").order_by(
                    "skill__category__position", "-importance", F("required_level").desc(nulls_last=True), "skill__name"
                ),
            )
        )

    def with_skill_levels(self):
        """Required skills with what each level concretely means (for self-ratings and actions)."""
        return self.with_skills().prefetch_related(
            Prefetch("role_skills__skill__levels", queryset=SkillLevel.objects.order_by("level"))
        )

    def with_profile(self):
        """Everything a role profile shows, in a fixed number of queries."""
        return self.with_skill_levels().select_related("reports_to").prefetch_related(
            Prefetch("role_degrees", queryset=RoleDegree.objects.select_related("degree", "passage__source")
                     .order_by("kind", "degree__name")),
            Prefetch("steps", queryset=ExperienceStep.objects.select_related("passage__source").order_by("position")),
            Prefetch("missions", queryset=Mission.objects.select_related("passage__source")
                     .order_by("-kind", "position")),  # missions, then the day
            Prefetch("variations", queryset=Variation.objects.select_related("passage__source")
                     .order_by("dimension", "scale", "sector")),
            Prefetch("direct_reports", queryset=Role.objects.published().order_by("title_fr")),
            Prefetch("evidence_passages", queryset=Passage.objects.select_related("source")),
            "traits",
            "sources",
        )


class Role(models.Model):
    class Level(models.IntegerChoices):
        ENTRY = 1, _("Débutant")
        MANAGER = 2, _("Encadrement")
        DIRECTOR = 3, _("Direction")
        EXECUTIVE = 4, _("Direction générale")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publié")

    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        help_text=_("Partie de l’adresse de la fiche, p. ex. chief-operating-officer. Ne la changez pas une fois publiée."),
    )
    title = models.CharField(
        _("intitulé"), max_length=LABEL_MAX_LENGTH, help_text=_("Intitulé du poste ; en français, la forme masculine.")
    )
    title_feminine = models.CharField(
        _("intitulé au féminin"),
        max_length=LABEL_MAX_LENGTH,
        blank=True,
        help_text=_("Forme féminine de l’intitulé en français (l’anglais n’a qu’une forme)."),
    )
    acronym = models.CharField(_("sigle"), max_length=20, blank=True, help_text=_("Sigle courant, p. ex. COO."))
    summary = models.CharField(
        _("résumé"), max_length=400, help_text=_("Une phrase qui dit l’essentiel du poste, affichée dans la liste.")
    )
    description = models.TextField(_("description"), help_text=_("Ce qu’est le poste, en quelques paragraphes."))
    outlook = models.TextField(
        _("évolution du métier"), blank=True, help_text=_("Comment le poste évolue (outils numériques, RSE…).")
    )
    evidence = models.TextField(
        _("appui dans les sources"),
        blank=True,
        help_text=_("Pour un poste intermédiaire : quels passages des sources justifient sa place dans le parcours."),
    )
    evidence_passages = models.ManyToManyField(
        "Passage", blank=True, related_name="supported_roles", verbose_name=_("passages qui l’appuient"),
        help_text=_("Pour un poste intermédiaire : les passages cités ci-dessus, auxquels la fiche renvoie."),
    )
    alternative_titles = models.TextField(
        _("autres intitulés"), blank=True, help_text=_("Un intitulé par ligne ; la recherche les trouve aussi.")
    )
    level = models.PositiveSmallIntegerField(
        _("niveau hiérarchique"), choices=Level.choices, null=True, blank=True,
        help_text=_("Vide pour un métier importé que l’équipe n’a pas encore situé."),
    )
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
        verbose_name=_("rend compte à"),
        help_text=_("Le poste auquel ce poste rend compte habituellement."),
    )
    sector_focus = models.CharField(
        _("secteur"),
        max_length=20,
        choices=Sector.choices,
        default=Sector.BOTH,
        help_text=_("Entreprises de production, de services, ou les deux."),
    )
    min_scale = models.PositiveSmallIntegerField(
        _("taille minimale"), choices=Scale.choices, default=Scale.MICRO,
        help_text=_("La plus petite organisation où le poste existe."),
    )
    max_scale = models.PositiveSmallIntegerField(
        _("taille maximale"), choices=Scale.choices, default=Scale.LARGE,
        help_text=_("La plus grande organisation où le poste existe sous ce nom."),
    )
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Seuls les postes publiés sont visibles du public."),
    )
    traits = models.ManyToManyField(Trait, blank=True, related_name="roles", verbose_name=_("traits personnels"))
    sources = models.ManyToManyField(
        Source, blank=True, related_name="roles", verbose_name=_("sources"),
        help_text=_("Les articles dont viennent les faits de cette fiche."),
    )
    origin = models.CharField(_("origine"), max_length=10, choices=Origin.choices, default=Origin.WRITTEN, editable=False)
    esco_uri = esco_uri_field(_("Identifiant du métier dans ESCO, p. ex. http://data.europa.eu/esco/occupation/…"))
    isco_code = models.CharField(
        _("groupe CITP (ISCO-08)"), max_length=4, blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("Un code de groupe de base CITP a quatre chiffres, p. ex. 1120."))],
        help_text=_("Le groupe de base à quatre chiffres, p. ex. 1120."),
    )
    rome_code = models.CharField(
        _("code ROME"), max_length=5, blank=True,
        validators=[RegexValidator(r"^[A-N]\d{4}$", _("Un code ROME est une lettre suivie de quatre chiffres, p. ex. M1301."))],
        help_text=_("Fiche métier de France Travail, p. ex. M1301."),
    )
    onet_soc_code = models.CharField(
        _("code O*NET-SOC"), max_length=10, blank=True,
        validators=[RegexValidator(r"^\d{2}-\d{4}\.\d{2}$", _("Un code O*NET-SOC s’écrit 11-1011.00."))],
        help_text=_("Profil O*NET, p. ex. 11-1011.00."),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        # Roles the team has placed in the hierarchy first, then imported ones.
        ordering = [F("level").desc(nulls_last=True), "title"]
        verbose_name = _("poste")
        verbose_name_plural = _("postes")
        constraints = [
            models.CheckConstraint(condition=Q(min_scale__lte=models.F("max_scale")), name="role_scale_range_ordered"),
            models.CheckConstraint(condition=~Q(reports_to=models.F("pk")), name="role_not_own_manager"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roles:detail", kwargs={"slug": self.slug})

    @property
    def display_title(self) -> str:
        """The title as pages show it, both forms in French. Imported titles are lower case
        ("operations manager"): only their first letter is raised, so acronyms stay as written."""
        title = capfirst(self.title)
        if get_language() == "fr" and self.title_feminine and self.title_feminine != self.title:
            return f"{title} / {capfirst(self.title_feminine)}"
        return title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def alternative_title_list(self) -> list[str]:
        return [title for title in self.alternative_titles.splitlines() if title.strip()]

    def scale_range_display(self) -> str:
        if self.min_scale == self.max_scale:
            return self.get_min_scale_display()
        return f"{self.get_min_scale_display()} → {self.get_max_scale_display()}"


class Importance(models.TextChoices):
    ESSENTIAL = "essential", _("Essentielle")
    USEFUL = "useful", _("Utile")


class RoleSkill(Statement, models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_skills", verbose_name=_("poste"))
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="role_skills", verbose_name=_("compétence"))
    required_level = models.PositiveSmallIntegerField(
        _("niveau requis"), null=True, blank=True,
        help_text=_("De 1 (notions) à 5 (expert), selon les descriptions de niveaux de la compétence. "
                    "Vide tant que l’équipe ne l’a pas fixé (métiers importés) : la compétence ne compte pas dans le score."),
    )
    importance = models.CharField(_("importance"), max_length=10, choices=Importance.choices, default=Importance.ESSENTIAL)
    rationale = models.CharField(
        _("pourquoi"), max_length=300, blank=True, help_text=_("En une phrase : pourquoi le poste demande cette compétence.")
    )
    passage = passage_field("role_skills")

    class Meta:
        verbose_name = _("compétence requise")
        verbose_name_plural = _("compétences requises")
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="role_skill_unique"),
            models.CheckConstraint(
                condition=Q(required_level__gte=MIN_LEVEL, required_level__lte=MAX_LEVEL),
                name="role_skill_level_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} — {self.skill} ({self.required_level or '—'})"

    fragment_prefix = "skill"

    def statement_title(self) -> str:
        return self.skill.name

    @property
    def is_essential(self) -> bool:
        return self.importance == Importance.ESSENTIAL


class RoleDegree(Statement, models.Model):
    class Kind(models.TextChoices):
        TYPICAL = "typical", _("Voie habituelle")
        ALTERNATIVE = "alternative", _("Autre voie possible")

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_degrees", verbose_name=_("poste"))
    degree = models.ForeignKey(Degree, on_delete=models.PROTECT, related_name="role_degrees", verbose_name=_("diplôme"))
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.TYPICAL)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("Quand ce diplôme est le plus adapté."))
    suited_from_scale = models.PositiveSmallIntegerField(
        _("particulièrement adapté à partir de"), choices=Scale.choices, null=True, blank=True,
        help_text=_("Si les sources réservent ce diplôme aux grandes structures (p. ex. la gestion des installations "
                    "pour les organisations aux installations importantes) : en deçà, il compte moins dans le score."),
    )
    passage = passage_field("role_degrees")

    class Meta:
        verbose_name = _("diplôme du poste")
        verbose_name_plural = _("diplômes du poste")
        constraints = [models.UniqueConstraint(fields=["role", "degree"], name="role_degree_unique")]

    def __str__(self) -> str:
        return f"{self.role} — {self.degree}"

    fragment_prefix = "degree"

    def statement_title(self) -> str:
        return self.degree.name


class ExperienceArea(models.TextChoices):
    """The kinds of experience a self-assessment asks about, in years."""

    OPERATIONS = "operations", _("Gestion des opérations")
    PEOPLE = "people", _("Encadrement d’équipes")
    CUSTOMER_SERVICE = "customer-service", _("Service client")
    FACILITIES = "facilities", _("Installations et maintenance")
    BUSINESS = "business", _("Direction d’une entreprise")


class ExperienceStep(Statement, models.Model):
    class Kind(models.TextChoices):
        INTERNSHIP = "internship", _("Stage")
        FIELD = "field", _("Expérience de terrain")
        ONBOARDING = "onboarding", _("Apprentissage des plannings")
        SUPERVISION = "supervision", _("Supervision")
        CUSTOMER_SERVICE = "customer-service", _("Service client")
        PEOPLE = "people", _("Gestion des personnes")
        OPERATIONS = "operations", _("Direction des opérations")
        FAMILY_BUSINESS = "family-business", _("Entreprise familiale")
        CROSS_FUNCTIONAL = "cross-functional", _("Responsabilités transverses")

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="steps", verbose_name=_("poste"))
    position = models.PositiveSmallIntegerField(_("ordre"), help_text=_("Ordre de l’étape dans le parcours (1 d’abord)."))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    area = models.CharField(
        _("expérience acquise"),
        max_length=20,
        choices=ExperienceArea.choices,
        help_text=_("Le type d’expérience que l’étape construit ; sert à comparer avec les années déclarées."),
    )
    min_months = models.PositiveSmallIntegerField(_("durée minimale (mois)"))
    max_months = models.PositiveSmallIntegerField(_("durée maximale (mois)"))
    sector = models.CharField(_("secteur"), max_length=20, choices=Sector.choices, default=Sector.BOTH)
    min_scale = models.PositiveSmallIntegerField(
        _("taille minimale"), choices=Scale.choices, default=Scale.MICRO,
        help_text=_("L’étape ne compte que dans les organisations de cette taille ou plus (p. ex. la vaste "
                    "expérience que demandent les grandes structures)."),
    )
    max_scale = models.PositiveSmallIntegerField(_("taille maximale"), choices=Scale.choices, default=Scale.LARGE)
    is_alternative = models.BooleanField(
        _("voie alternative"),
        default=False,
        help_text=_("Cochez si l’étape remplace un diplôme (p. ex. diriger une grande entreprise familiale, ou des "
                    "années de pratique de la gestion des opérations) ; sa durée minimale est alors le seuil."),
    )
    duration_basis = duration_basis_field()
    passage = passage_field("steps")

    class Meta:
        ordering = ["role", "position"]
        verbose_name = _("étape d’expérience")
        verbose_name_plural = _("étapes d’expérience")
        constraints = [
            models.UniqueConstraint(fields=["role", "position"], name="step_position_unique_per_role"),
            models.CheckConstraint(condition=Q(min_months__lte=models.F("max_months")), name="step_duration_ordered"),
            models.CheckConstraint(condition=Q(min_scale__lte=models.F("max_scale")), name="step_scale_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    fragment_prefix = "step"

    def statement_title(self) -> str:
        return self.title

    def duration_display(self) -> str:
        return format_duration(self.min_months, self.max_months)

    @property
    def is_sized(self) -> bool:
        """The step counts in some sizes of organisation only."""
        return self.min_scale > Scale.MICRO or self.max_scale < Scale.LARGE


class Mission(Statement, models.Model):
    class Kind(models.TextChoices):
        MISSION = "mission", _("Mission")
        DAILY = "daily", _("Quotidien")

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="missions", verbose_name=_("poste"))
    kind = models.CharField(
        _("type"), max_length=10, choices=Kind.choices, default=Kind.MISSION,
        help_text=_("Mission principale, ou activité d’une journée type."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    passage = passage_field("missions")

    class Meta:
        ordering = ["role", "kind", "position"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.UniqueConstraint(fields=["role", "kind", "position"], name="mission_position_unique_per_role"),
        ]

    def __str__(self) -> str:
        return self.title

    fragment_prefix = "mission"

    def statement_title(self) -> str:
        return self.title


class Variation(Statement, models.Model):
    """How a role changes with the organisation's scale or sector."""

    class Dimension(models.TextChoices):
        SCALE = "scale", _("Taille de l’organisation")
        SECTOR = "sector", _("Secteur")

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="variations", verbose_name=_("poste"))
    dimension = models.CharField(_("selon"), max_length=10, choices=Dimension.choices)
    scale = models.PositiveSmallIntegerField(_("taille"), choices=Scale.choices, null=True, blank=True)
    sector = models.CharField(_("secteur"), max_length=20, choices=Sector.choices, blank=True)
    description = models.TextField(_("ce qui change"))
    passage = passage_field("variations")

    class Meta:
        verbose_name = _("variante selon le contexte")
        verbose_name_plural = _("variantes selon le contexte")
        constraints = [
            models.CheckConstraint(
                condition=(Q(dimension="scale", scale__isnull=False, sector="")
                           | Q(dimension="sector", scale__isnull=True) & ~Q(sector="")),
                name="variation_matches_dimension",
            ),
        ]

    def __str__(self) -> str:
        return self.context_display()

    fragment_prefix = "variation"

    def statement_title(self) -> str:
        return self.context_display()

    def context_display(self) -> str:
        return self.get_scale_display() if self.dimension == self.Dimension.SCALE else self.get_sector_display()
