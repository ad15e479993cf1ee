"""What a role profile states, each statement resting on a passage: required skills, degrees, experience
steps, missions, and how the role varies with the organisation."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from careerpath.labels import format_duration

from .choices import Scale, Sector, Stage
from .degrees import Degree
from .fields import circumstance_field, duration_basis_field, stage_basis_field, stage_field
from .skills import MAX_LEVEL, MIN_LEVEL, Skill
from .sources import Statement, passage_field


class Importance(models.TextChoices):
    ESSENTIAL = "essential", _("Essentielle")
    USEFUL = "useful", _("Utile")


class RoleSkill(Statement, models.Model):
    role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="role_skills", verbose_name=_("poste"))
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="role_skills", verbose_name=_("compétence"))
    required_level = models.PositiveSmallIntegerField(
        _("niveau requis"),
        null=True,
        blank=True,
        help_text=_(
            "De 1 (notions) à 5 (expert), selon les descriptions de niveaux de la compétence. "
            "Vide tant que l’équipe ne l’a pas fixé (métiers importés) : la compétence ne compte pas dans le score."
        ),
    )
    importance = models.CharField(_("importance"), max_length=10, choices=Importance.choices, default=Importance.ESSENTIAL)
    rationale = models.CharField(
        _("pourquoi"), max_length=300, blank=True, help_text=_("En une phrase : pourquoi le poste demande cette compétence.")
    )
    stage = stage_field()
    stage_basis = stage_basis_field()
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

    @property
    def is_entry(self) -> bool:
        return self.stage == Stage.ENTRY


class RoleDegree(Statement, models.Model):
    class Kind(models.TextChoices):
        TYPICAL = "typical", _("Voie habituelle")
        ALTERNATIVE = "alternative", _("Autre voie possible")

    role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="role_degrees", verbose_name=_("poste"))
    degree = models.ForeignKey(Degree, on_delete=models.PROTECT, related_name="role_degrees", verbose_name=_("diplôme"))
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.TYPICAL)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("Quand ce diplôme est le plus adapté."))
    suited_from_scale = models.PositiveSmallIntegerField(
        _("particulièrement adapté à partir de"),
        choices=Scale.choices,
        null=True,
        blank=True,
        help_text=_(
            "Si les sources réservent ce diplôme aux grandes structures (p. ex. la gestion des installations "
            "pour les organisations aux installations importantes) : en deçà, il compte moins dans le score."
        ),
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

    role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="steps", verbose_name=_("poste"))
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
        _("taille minimale"),
        choices=Scale.choices,
        default=Scale.MICRO,
        help_text=_(
            "L’étape ne compte que dans les organisations de cette taille ou plus (p. ex. la vaste "
            "expérience que demandent les grandes structures)."
        ),
    )
    max_scale = models.PositiveSmallIntegerField(_("taille maximale"), choices=Scale.choices, default=Scale.LARGE)
    is_alternative = models.BooleanField(
        _("voie alternative"),
        default=False,
        help_text=_(
            "Cochez si l’étape remplace un diplôme (p. ex. diriger une grande entreprise familiale, ou des "
            "années de pratique de la gestion des opérations) ; sa durée minimale est alors le seuil."
        ),
    )
    circumstance = circumstance_field(
        _(
            "L’étape ne compte que pour les personnes qui déclarent cette situation dans l’auto-évaluation "
            "(p. ex. avoir dirigé une importante entreprise familiale)."
        )
    )
    stage = stage_field()
    stage_basis = stage_basis_field()
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
            # A step that stands in for a degree is a way in: it is met before entering, never in the role.
            models.CheckConstraint(
                condition=Q(is_alternative=False) | Q(stage=Stage.ENTRY),
                name="alternative_step_is_entry",
                violation_error_message=_(
                    "Une étape qui remplace un diplôme est une voie d’entrée : choisissez « Pour entrer dans le poste »."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    fragment_prefix = "step"

    def statement_title(self) -> str:
        return self.title

    def duration_display(self) -> str:
        return format_duration(self.min_months, self.max_months)

    @property
    def is_entry(self) -> bool:
        return self.stage == Stage.ENTRY

    @property
    def is_sized(self) -> bool:
        """The step counts in some sizes of organisation only."""
        return self.min_scale > Scale.MICRO or self.max_scale < Scale.LARGE


class Mission(Statement, models.Model):
    class Kind(models.TextChoices):
        MISSION = "mission", _("Mission")
        DAILY = "daily", _("Quotidien")

    role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="missions", verbose_name=_("poste"))
    kind = models.CharField(
        _("type"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.MISSION,
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
        NON_PROFIT = "non-profit", _("Organisme à but non lucratif")

    role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="variations", verbose_name=_("poste"))
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
                condition=(
                    Q(dimension="scale", scale__isnull=False, sector="")
                    | Q(dimension="sector", scale__isnull=True) & ~Q(sector="")
                    | Q(dimension="non-profit", scale__isnull=True, sector="")
                ),
                name="variation_matches_dimension",
            ),
        ]

    def __str__(self) -> str:
        return self.context_display()

    fragment_prefix = "variation"

    def statement_title(self) -> str:
        return self.context_display()

    def context_display(self) -> str:
        """What the variation depends on: the size, the sector, or being a non-profit."""
        if self.dimension == self.Dimension.NON_PROFIT:
            return self.get_dimension_display()
        return self.get_scale_display() if self.dimension == self.Dimension.SCALE else self.get_sector_display()


class OtherName(Statement, models.Model):
    """Another name the articles give the role (« chef des opérations »), resting on the passage that uses it:
    shown as "Also called" and found by search."""

    role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="other_names", verbose_name=_("poste"))
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    name = models.CharField(
        _("autre nom"),
        max_length=200,
        help_text=_("Tel que l’article l’écrit, en minuscules sauf sigle ; en anglais, le nom anglais équivalent."),
    )
    passage = passage_field("other_names")

    class Meta:
        ordering = ["role", "position"]
        verbose_name = _("autre nom")
        verbose_name_plural = _("autres noms")
        constraints = [
            models.UniqueConstraint(fields=["role", "position"], name="other_name_position_unique_per_role"),
        ]

    def __str__(self) -> str:
        return self.name

    fragment_prefix = "name"

    def statement_title(self) -> str:
        return self.name
