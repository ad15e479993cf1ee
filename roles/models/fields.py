"""Field definitions and lengths several models share: slugs, labels, ESCO URIs, the basis of a duration."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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


def duration_basis_field():
    """What a duration rests on: every number no source gives is an estimate, said as such where it is used."""
    return models.TextField(
        _("sur quoi repose cette durée"),
        blank=True,
        help_text=_(
            "Aucune source ne donne ce chiffre : dites d’où vient l’estimation (le passage qui l’appuie, "
            "le raisonnement). La page la présente comme une estimation, avec ce texte."
        ),
    )
