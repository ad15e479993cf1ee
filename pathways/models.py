"""How a person gets there: transitions between roles and saved self-assessments."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from careerpath.fields import PackedJSONField
from careerpath.labels import format_duration
from roles.models import (
    DEGREE_RANK_CHOICES,
    MAX_LEVEL,
    SLUG_MAX_LENGTH,
    Circumstance,
    DegreeField,
    DegreeLevel,
    ExperienceArea,
    Role,
    Scale,
    Sector,
    Source,
    circumstance_field,
    duration_basis_field,
)

MAX_EXPERIENCE_MONTHS = 50 * 12  # per area: a whole working life


class TransitionQuerySet(models.QuerySet):
    def between_published(self):
        """Moves whose roles are public (a move from outside has no from-role)."""
        return self.filter(to_role__status=Role.Status.PUBLISHED).exclude(
            from_role__isnull=False, from_role__status=Role.Status.DRAFT
        )


class Transition(models.Model):
    """A move from one role to another (or into a first role, from studies or another field)."""

    class Kind(models.TextChoices):
        UPWARD = "upward", _("Promotion")
        SIDEWAYS = "sideways", _("Mouvement latéral")

    from_role = models.ForeignKey(
        Role,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="transitions_out",
        verbose_name=_("depuis le poste"),
        help_text=_("Laissez vide pour une entrée depuis les études ou un autre domaine."),
    )
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="transitions_in", verbose_name=_("vers le poste"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.UPWARD)
    min_months = models.PositiveSmallIntegerField(
        _("durée minimale (mois)"),
        help_text=_("Temps habituellement passé dans le poste de départ avant ce changement, au plus court."),
    )
    max_months = models.PositiveSmallIntegerField(_("durée maximale (mois)"))
    sector = models.CharField(
        _("secteur"),
        max_length=20,
        choices=Sector.choices,
        default=Sector.BOTH,
        help_text=_("Limitez à un secteur si le changement n’y a de sens que là (p. ex. le service client dans les services)."),
    )
    min_scale = models.PositiveSmallIntegerField(_("taille minimale"), choices=Scale.choices, default=Scale.MICRO)
    max_scale = models.PositiveSmallIntegerField(_("taille maximale"), choices=Scale.choices, default=Scale.LARGE)
    conditions = models.CharField(
        _("conditions"), max_length=300, blank=True, help_text=_("Ce qui doit être vrai pour que ce changement soit possible.")
    )
    circumstance = circumstance_field(
        _(
            "Le changement n’est proposé qu’aux personnes qui déclarent cette situation dans l’auto-évaluation "
            "(p. ex. avoir une entreprise familiale à diriger)."
        )
    )
    duration_basis = duration_basis_field()
    rationale = models.TextField(
        _("pourquoi"), help_text=_("Ce que disent les sources de ce changement, en une ou deux phrases.")
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="transitions", verbose_name=_("sources"))

    objects = TransitionQuerySet.as_manager()

    class Meta:
        ordering = ["to_role__level", "from_role__level"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        constraints = [
            models.UniqueConstraint(fields=["from_role", "to_role"], name="transition_unique"),
            models.UniqueConstraint(fields=["to_role"], condition=Q(from_role__isnull=True), name="transition_entry_unique"),
            models.CheckConstraint(condition=~Q(from_role=models.F("to_role")), name="transition_changes_role"),
            models.CheckConstraint(condition=Q(min_months__lte=models.F("max_months")), name="transition_duration_ordered"),
            models.CheckConstraint(condition=Q(min_scale__lte=models.F("max_scale")), name="transition_scale_ordered"),
        ]

    def __str__(self) -> str:
        origin = self.from_role.title if self.from_role else _("Études ou autre domaine")
        return f"{origin} → {self.to_role.title}"

    def duration_display(self) -> str:
        return format_duration(self.min_months, self.max_months)

    def is_reserved_to_sizes(self) -> bool:
        return self.min_scale > Scale.MICRO or self.max_scale < Scale.LARGE

    def reserved_to(self) -> list[str]:
        """What a person must say of themselves for the move to be offered, in words: a circumstance, a size."""
        words = [str(self.get_circumstance_display())] if self.circumstance else []
        if self.is_reserved_to_sizes():
            low, high = Scale(self.min_scale).label, Scale(self.max_scale).label
            words.append(str(low if low == high else _("de « %(low)s » à « %(high)s »") % {"low": low, "high": high}))
        return words


class Situation(models.TextChoices):
    STUDENT = "student", _("Étudiant·e")
    CAREER_CHANGER = "career-changer", _("En reconversion")
    ROLE = "role", _("En poste")


class Assessment(models.Model):
    """One person's answers; the UUID in its private link is the only way to reach it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True, db_index=True)
    # Counted up when its result page changes (a plan made, a version saved from it; pathways/apps.py, plans/apps.py):
    # the page is kept under it.
    revision = models.PositiveIntegerField(default=0, editable=False)
    language = models.CharField(_("langue"), max_length=10, default="fr")
    target_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+", verbose_name=_("poste visé"))
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    current_role = models.ForeignKey(
        Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("poste actuel")
    )
    degree_level = models.CharField(_("diplôme le plus élevé"), max_length=20, choices=DegreeLevel.choices, blank=True)
    degree_field = models.CharField(_("domaine du diplôme"), max_length=40, choices=DegreeField.choices, blank=True)
    circumstances = models.JSONField(
        _("situations déclarées"),
        default=list,
        blank=True,
        help_text=_("Les situations que la personne a cochées."),
    )
    months_in_role = models.PositiveSmallIntegerField(
        _("temps dans le poste actuel (mois)"),
        null=True,
        validators=[MaxValueValidator(MAX_EXPERIENCE_MONTHS)],
        blank=True,
        help_text=_(
            "Depuis combien de mois la personne occupe son poste actuel, ou combien de mois elle l’a occupé si "
            "elle l’a quitté. Vide : pas de poste parmi les nôtres, ou question pas encore posée."
        ),
    )
    months_since_left = models.PositiveSmallIntegerField(
        _("temps depuis le départ du poste (mois)"),
        null=True,
        validators=[MaxValueValidator(MAX_EXPERIENCE_MONTHS)],
        blank=True,
        help_text=_(
            "Depuis combien de mois la personne a quitté ce poste (pause, recherche d’emploi, retour). "
            "Vide : elle l’occupe toujours, ou elle n’a pas de poste parmi les nôtres."
        ),
    )
    experience_months = models.JSONField(
        _("expérience (mois par domaine)"),
        default=dict,
        blank=True,
        help_text=_("Les mois déclarés dans chaque domaine d’expérience ; un domaine absent compte zéro."),
    )
    # Kept with the other answers, as a document that never changes: a skill deleted later leaves its level here
    # (no role requires it any more, so nothing shows or counts it), and saving answers writes one row.
    ratings = models.JSONField(
        _("compétences évaluées"),
        default=dict,
        blank=True,
        help_text=_(
            "Le niveau de 0 à 5 que la personne s’est donné dans chaque compétence, par identifiant de compétence ; "
            "une compétence absente n’a pas été évaluée."
        ),
    )
    preferred_sector = models.CharField(_("secteur souhaité"), max_length=20, choices=Sector.choices, default=Sector.BOTH)
    preferred_scale = models.PositiveSmallIntegerField(_("taille souhaitée"), choices=Scale.choices, null=True, blank=True)
    consent = models.BooleanField(_("accord pour conserver les réponses"))
    pinned_result = PackedJSONField(
        _("résultat tel que calculé"),
        null=True,
        blank=True,
        help_text=_(
            "Le score et le parcours au moment de l’enregistrement, dans chaque langue : la page les montre "
            "tels quels, et dit ce qui a changé depuis."
        ),
    )
    revises = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        editable=False,
        verbose_name=_("version précédente"),
        help_text=_("Le résultat dont celui-ci reprend les réponses, modifiées ou recalculées."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("auto-évaluation")
        verbose_name_plural = _("auto-évaluations")
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="assessment_has_consent"),
            # A degree is given whole or not at all: the rule is pathways.assessments.degree_part_missing.
            models.CheckConstraint(
                condition=Q(degree_level="", degree_field="") | (~Q(degree_level="") & ~Q(degree_field="")),
                name="assessment_degree_has_field",
            ),
            # Time in a role and since leaving it are asked of a person with a role, within a working life.
            models.CheckConstraint(
                condition=Q(months_in_role__isnull=True) | Q(months_in_role__lte=MAX_EXPERIENCE_MONTHS, situation=Situation.ROLE),
                name="assessment_months_in_role_bounded",
            ),
            models.CheckConstraint(
                condition=Q(months_since_left__isnull=True)
                | Q(months_since_left__lte=MAX_EXPERIENCE_MONTHS, situation=Situation.ROLE),
                name="assessment_months_since_left_bounded",
            ),
        ]

    def __str__(self) -> str:
        return str(self.id)

    def get_absolute_url(self) -> str:
        return reverse("pathways:result", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if not isinstance(self.experience_months, dict):
            raise ValidationError({"experience_months": _("L’expérience se donne en mois par domaine.")})
        for area, months in self.experience_months.items():
            if area not in ExperienceArea.values:
                raise ValidationError({"experience_months": _("Domaine d’expérience inconnu : %(area)s.") % {"area": area}})
            if not isinstance(months, int) or not 0 <= months <= MAX_EXPERIENCE_MONTHS:
                raise ValidationError(
                    {"experience_months": _("Entre 0 et %(limit)s mois par domaine.") % {"limit": MAX_EXPERIENCE_MONTHS}}
                )
        if not isinstance(self.circumstances, list) or not set(self.circumstances) <= set(Circumstance.values):
            raise ValidationError({"circumstances": _("Situation inconnue.")})
        rated = self.ratings.items() if isinstance(self.ratings, dict) else None
        if rated is None or not all(
            str(skill).isdecimal() and type(level) is int and 0 <= level <= MAX_LEVEL for skill, level in rated
        ):
            raise ValidationError({"ratings": _("Un niveau de 0 à %(max)s par compétence.") % {"max": MAX_LEVEL}})

    def skill_levels(self) -> dict[int, int]:
        """`ratings` by skill id (a JSON object's keys are text)."""
        return {int(skill_id): level for skill_id, level in self.ratings.items()}


class Estimate(models.Model):
    """A number the route finder needs that no source gives, set by editors with what it rests on."""

    class Key(models.TextChoices):
        SKILL_LEVEL_MONTHS = "skill-level-months", _("Mois pour gagner un niveau dans une compétence")
        FIRST_DEGREE_MONTHS = "first-degree-months", _("Mois d’un premier diplôme avant un master ou un MBA")

    key = models.CharField(_("estimation"), max_length=30, choices=Key.choices, unique=True)
    months = models.PositiveSmallIntegerField(_("mois"))
    justification = models.TextField(
        _("sur quoi elle repose"),
        help_text=_("Le passage des sources qui l’appuie, ou le raisonnement ; affiché là où l’estimation sert."),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("estimation")
        verbose_name_plural = _("estimations")

    def __str__(self) -> str:
        return f"{self.get_key_display()} : {self.months}"


class DegreeWay(models.Model):
    """A way to obtain a degree in France (full-time study, apprenticeship, VAE...): how long it takes, whether
    one works meanwhile, and for which degrees and people it is open. The articles say nothing of these ways:
    every figure is the team's estimate, with its basis."""

    slug = models.SlugField(_("identifiant"), max_length=SLUG_MAX_LENGTH, unique=True)
    position = models.PositiveSmallIntegerField(
        _("ordre"), default=0, help_text=_("Ordre d’affichage, du plus petit au plus grand.")
    )
    name = models.CharField(_("intitulé"), max_length=200)
    while_working = models.BooleanField(
        _("en travaillant"), default=False, help_text=_("La personne occupe un emploi pendant qu’elle prépare le diplôme.")
    )
    counts_as_experience = models.BooleanField(
        _("compte comme expérience"),
        default=False,
        help_text=_(
            "Les mois passés à préparer le diplôme de cette façon comptent aussi comme mois dans le poste occupé "
            "(p. ex. l’apprenti est un salarié)."
        ),
    )
    needs_employer = models.BooleanField(
        _("demande un employeur"), default=False, help_text=_("Un employeur doit signer un contrat ou un avenant.")
    )
    min_factor = models.DecimalField(
        _("facteur minimal"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Durée relative : combien de fois la durée du diplôme à temps plein, au plus court (1 = la même durée). "
            "Laissez vide pour une durée fixe en mois."
        ),
    )
    max_factor = models.DecimalField(
        _("facteur maximal"), max_digits=4, decimal_places=2, null=True, blank=True, help_text=_("Au plus long.")
    )
    min_months = models.PositiveSmallIntegerField(
        _("durée minimale (mois)"),
        null=True,
        blank=True,
        help_text=_("Durée fixe, quel que soit le diplôme, au plus court. Laissez vide pour une durée relative."),
    )
    max_months = models.PositiveSmallIntegerField(_("durée maximale (mois)"), null=True, blank=True)
    min_rank = models.PositiveSmallIntegerField(
        _("diplômes visés, à partir de"),
        choices=DEGREE_RANK_CHOICES,
        help_text=_("Le plus bas niveau de diplôme obtenu de cette façon."),
    )
    max_rank = models.PositiveSmallIntegerField(
        _("diplômes visés, jusqu’à"),
        choices=DEGREE_RANK_CHOICES,
        help_text=_("Le plus haut niveau de diplôme obtenu de cette façon."),
    )
    excluded_fields = models.JSONField(
        _("domaines exclus"),
        default=list,
        blank=True,
        help_text=_(
            "Les domaines de diplôme que cette façon ne permet pas d’obtenir (p. ex. l’ingénierie pour un executive MBA)."
        ),
    )
    requires_rank = models.PositiveSmallIntegerField(
        _("diplôme déjà obtenu"),
        default=0,
        choices=[(0, _("Aucun")), *DEGREE_RANK_CHOICES],
        help_text=_("Le niveau que la personne doit déjà avoir (p. ex. bac+2 pour une licence professionnelle)."),
    )
    min_related_months = models.PositiveSmallIntegerField(
        _("expérience en rapport demandée (mois)"),
        default=0,
        help_text=_(
            "Mois d’expérience en rapport avec le diplôme en dessous desquels cette façon n’est pas proposée. "
            "Seuil de l’équipe quand la loi n’en fixe pas (la VAE n’en a plus depuis la loi du 21 décembre 2022) : "
            "dites-le dans les conditions."
        ),
    )
    conditions = models.TextField(
        _("conditions"), help_text=_("Qui peut prendre cette voie et ce qu’il faut réunir, comme le dirait un conseiller.")
    )
    duration_basis = duration_basis_field()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("façon d’obtenir un diplôme")
        verbose_name_plural = _("façons d’obtenir un diplôme")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(min_factor__isnull=False, max_factor__isnull=False, min_months__isnull=True, max_months__isnull=True)
                    & Q(min_factor__gt=0, min_factor__lte=models.F("max_factor"))
                )
                | (
                    Q(min_factor__isnull=True, max_factor__isnull=True, min_months__isnull=False, max_months__isnull=False)
                    & Q(min_months__gt=0, min_months__lte=models.F("max_months"))
                ),
                name="degree_way_one_length",
            ),
            models.CheckConstraint(condition=Q(min_rank__lte=models.F("max_rank")), name="degree_way_ranks_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        relative = self.min_factor is not None or self.max_factor is not None
        factors, months = (self.min_factor, self.max_factor), (self.min_months, self.max_months)
        length, other = (factors, months) if relative else (months, factors)
        if None in length or other != (None, None):
            raise ValidationError(
                _("Donnez soit les deux facteurs (durée relative au diplôme), soit les deux durées en mois (durée fixe).")
            )
        if not 0 < length[0] <= length[1]:
            raise ValidationError(_("Le minimum doit être positif et ne pas dépasser le maximum."))
        if self.min_rank is not None and self.max_rank is not None and self.min_rank > self.max_rank:
            raise ValidationError({"max_rank": _("Le niveau le plus haut ne peut être sous le plus bas.")})
        if not isinstance(self.excluded_fields, list) or not set(self.excluded_fields) <= set(DegreeField.values):
            raise ValidationError({"excluded_fields": _("Domaine inconnu.")})
