"""The International Standard Classification of Occupations, as ESCO publishes it."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .fields import esco_uri_field


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
