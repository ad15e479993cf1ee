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
