"""Skills, what each level of a skill concretely means, and personal traits."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import Origin
from .fields import ESCO_URI_PATTERN, LABEL_MAX_LENGTH, SLUG_MAX_LENGTH, esco_uri_field
from .sources import passage_field

MIN_LEVEL, MAX_LEVEL = 1, 5


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


def validate_esco_skill_uris(value) -> None:
    if not isinstance(value, list) or not all(isinstance(uri, str) and re.fullmatch(ESCO_URI_PATTERN, uri) for uri in value):
        raise ValidationError(
            _('Une liste d’URI ESCO de compétences, p. ex. ["http://data.europa.eu/esco/skill/…"].'), code="invalid"
        )


class Skill(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=SLUG_MAX_LENGTH, unique=True)
    name = models.CharField(_("nom"), max_length=LABEL_MAX_LENGTH)
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills", verbose_name=_("catégorie"))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Ce que recouvre la compétence, en une ou deux phrases.")
    )
    origin = models.CharField(_("origine"), max_length=10, choices=Origin.choices, default=Origin.WRITTEN, editable=False)
    esco_uri = esco_uri_field(_("Identifiant de la compétence dans ESCO, p. ex. http://data.europa.eu/esco/skill/…"))
    hierarchy_group = models.CharField(
        _("groupe ESCO (niveau 2)"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_(
            "Le code du groupe de niveau 2 de la hiérarchie des compétences d’ESCO (p. ex. S4.2) : il sert à comparer "
            "les activités de deux métiers. Vide pour une compétence de l’équipe."
        ),
    )
    esco_skills = models.JSONField(
        _("compétences ESCO équivalentes"),
        default=list,
        blank=True,
        validators=[validate_esco_skill_uris],
        help_text=_(
            "Pour une compétence de l’équipe : les URI des compétences ESCO qui la recouvrent. Quand ESCO dit l’une "
            "d’elles essentielle au métier actuel d’une personne, l’auto-évaluation lui propose un niveau à confirmer."
        ),
    )

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
            models.CheckConstraint(condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL), name="skill_level_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} — {self.level}"


class Trait(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("description"), blank=True, help_text=_("Pourquoi ce trait aide dans le métier."))
    passage = passage_field("traits")  # the article's words naming the trait; every profile citing it links there

    class Meta:
        ordering = ["name"]
        verbose_name = _("trait personnel")
        verbose_name_plural = _("traits personnels")

    def __str__(self) -> str:
        return self.name
