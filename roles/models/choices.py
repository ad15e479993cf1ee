"""The choices several models share: the sector and scale of an organisation, and where a row comes from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Stage(models.TextChoices):
    """When a requirement of a role is met: before entering it, or in it, as the person grows.

    Entry requirements decide whether a person is ready for a role; growth ones are learnt in it, or prepare for it
    without being asked for."""

    ENTRY = "entry", _("Pour entrer dans le poste")
    GROWTH = "growth", _("S’acquiert dans le poste")


class Circumstance(models.TextChoices):
    """Something true of a person that opens a move or an experience route to them alone; the self-assessment
    asks each one. A large family business is a family business (`implied_circumstances`)."""

    FAMILY_BUSINESS = "family-business", _("J’ai une entreprise familiale à diriger ou à reprendre")
    # « une importante entreprise familiale »: the team reads "importante" as 50 staff or more (a medium or large
    # company); the article gives no figure.
    LARGE_FAMILY_BUSINESS = "large-family-business", _("Cette entreprise familiale est importante (50 salariés ou plus)")


def implied_circumstances(declared) -> frozenset[str]:
    """What a person's declared circumstances say of them: the ones declared and those they imply."""
    declared = frozenset(declared)
    if Circumstance.LARGE_FAMILY_BUSINESS in declared:
        declared |= {Circumstance.FAMILY_BUSINESS}
    return declared
