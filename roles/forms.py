from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role, Scale, Sector


class RoleFilterForm(forms.Form):
    """The role list's search and filters; every field is optional and combinable."""

    q = forms.CharField(label=_("Rechercher"), max_length=100, required=False)
    sector = forms.ChoiceField(
        label=_("Secteur"), choices=[("", _("Tous les secteurs")), *Sector.choices], required=False
    )
    scale = forms.TypedChoiceField(
        label=_("Taille de l’organisation"),
        choices=[("", _("Toutes les tailles")), *Scale.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    level = forms.TypedChoiceField(
        label=_("Niveau"),
        choices=[("", _("Tous les niveaux")), *Role.Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def filter(self, roles):
        """Apply the fields that are valid; an invalid one is reported and left out."""
        data = getattr(self, "cleaned_data", {})
        if data.get("q"):
            roles = roles.search(data["q"])
        if data.get("sector"):
            roles = roles.for_sector(data["sector"])
        if data.get("scale"):
            roles = roles.for_scale(data["scale"])
        if data.get("level"):
            roles = roles.filter(level=data["level"])
        return roles
