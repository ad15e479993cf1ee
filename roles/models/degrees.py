"""Degrees: their level, how far each level goes, and their field."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .fields import SLUG_MAX_LENGTH, duration_basis_field


class DegreeLevel(models.TextChoices):
    # Bac+2: the BTS and the DUT, level 5 of the national framework of certifications (décret n° 2019-14).
    SHORT_CYCLE = "short-cycle", _("Bac+2 (BTS, DUT)")
    BACHELOR = "bachelor", _("Licence / bachelor (bac+3)")
    MASTER = "master", _("Master (bac+5)")
    ENGINEERING = "engineering", _("Diplôme d’ingénieur (bac+5)")
    MBA = "mba", _("MBA")


# How far a degree level goes, to compare a person's degree with what a role asks.
DEGREE_RANK = {
    DegreeLevel.SHORT_CYCLE: 2,
    DegreeLevel.BACHELOR: 3,
    DegreeLevel.MASTER: 5,
    DegreeLevel.ENGINEERING: 5,
    DegreeLevel.MBA: 5,
}


def degree_rank_label(rank: int) -> str:
    """A degree rank in words, the years of study after the baccalauréat: "bac+3" in French, "3-year degree"
    in English."""
    return gettext("bac+%(years)d") % {"years": rank}


# The ranks an editor picks from where something applies to degrees of some ranks (a way to obtain a degree).
DEGREE_RANK_CHOICES = [(rank, f"bac+{rank}") for rank in sorted(set(DEGREE_RANK.values()))]


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
