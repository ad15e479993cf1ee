"""Field definitions and lengths several models share: slugs, labels, ESCO URIs, the basis of a duration, the
stage of a requirement and its basis."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Circumstance, Stage

SLUG_MAX_LENGTH = 120
# A slug as the site makes them (Django's slug characters, within the field's length).
SLUG_PATTERN = rf"[-a-zA-Z0-9_]{{1,{SLUG_MAX_LENGTH}}}"
# Titles and skill names: ESCO's longest preferred label (v1.1.2, French) is 202 characters, with both forms.
LABEL_MAX_LENGTH = 300

ESCO_URI_PREFIX = "http://data.europa.eu/esco/"
# An ESCO URI as the field accepts it and the import checks it (written unescaped as migration 0004 has it).
ESCO_URI_PATTERN = rf"^{ESCO_URI_PREFIX}[\w/-]+$"


def esco_uri_field(help_text):
    return models.CharField(
        _("URI ESCO"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        # Shown as a link: only ESCO's own addresses, never a javascript: or other scheme.
        validators=[RegexValidator(ESCO_URI_PATTERN, _("Une URI ESCO commence par http://data.europa.eu/esco/."))],
        help_text=help_text,
    )


def basis_field(verbose_name, help_text):
    """What a statement's figure or reading rests on, in the editor's words (a translated field: French and English)."""
    return models.TextField(verbose_name, blank=True, help_text=help_text)


def duration_basis_field():
    """What a duration rests on: every number no source gives is an estimate, said as such where it is used."""
    return basis_field(
        _("sur quoi repose cette durée"),
        _(
            "Aucune source ne donne ce chiffre : dites d’où vient l’estimation (le passage qui l’appuie, "
            "le raisonnement). La page la présente comme une estimation, avec ce texte."
        ),
    )


def stage_field():
    """Whether a requirement must be met to enter the role or grows in it (a skill's level, an experience step)."""
    return models.CharField(
        _("quand"),
        max_length=10,
        choices=Stage.choices,
        default=Stage.ENTRY,
        help_text=_(
            "« Pour entrer dans le poste » : il faut l’avoir avant d’y entrer, et cela décide si une personne est "
            "prête. « S’acquiert dans le poste » : cela s’apprend une fois en poste, ou prépare sans être exigé "
            "(« serait une bonne préparation », des stages « souvent proposés »). Ne rendez jamais une exigence "
            "plus forte que son passage."
        ),
    )


def stage_basis_field():
    """Why a requirement is to enter the role or grows in it, in the editor's words."""
    return basis_field(
        _("pourquoi à l’entrée ou dans le poste"),
        _(
            "Ce qui fait de l’exigence une condition d’entrée ou un acquis du poste : citez entre « » les mots "
            "mêmes du passage (« Le passage dit que… »), ou écrivez « Déduction de l’équipe : … » avec le "
            "raisonnement. Montré sur la fiche, sous « d’après la source »."
        ),
    )


def circumstance_field(help_text):
    """What a person must declare of themselves for a move or a step to count for them (blank: for everyone)."""
    return models.CharField(
        _("réservé à qui déclare"), max_length=30, choices=Circumstance.choices, blank=True, help_text=help_text
    )
