from django import forms
from django.utils.translation import gettext_lazy as _

from careerpath.forms import SiteForm
from careerpath.text import SEARCH_MAX_LENGTH

from .comparison import MAX_COMPARED, MIN_COMPARED
from .models import Role, Scale, Sector


class RoleFilterForm(SiteForm):
    """The role list's search and filters; every field is optional and combinable."""

    q = forms.CharField(label=_("Rechercher"), max_length=SEARCH_MAX_LENGTH, required=False, widget=forms.SearchInput)
    sector = forms.ChoiceField(label=_("Secteur"), choices=[("", _("Tous les secteurs")), *Sector.choices], required=False)
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


class CompareForm(forms.Form):
    """Two to four distinct published roles, by slug, in the order given."""

    roles = forms.MultipleChoiceField(
        label=_("Postes à comparer"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choisissez de deux à quatre postes à comparer."),
            "invalid_choice": _("Le poste « %(value)s » n’existe pas ou n’est pas publié."),
        },
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(role.slug, role.display_title) for role in roles]

    def clean_roles(self):
        slugs = self.cleaned_data["roles"]
        if len(set(slugs)) != len(slugs):
            raise forms.ValidationError(_("Chaque poste ne peut figurer qu’une fois dans la comparaison."))
        if not MIN_COMPARED <= len(slugs) <= MAX_COMPARED:
            raise forms.ValidationError(
                _("Choisissez de %(min)d à %(max)d postes ; vous en avez choisi %(count)d."),
                params={"min": MIN_COMPARED, "max": MAX_COMPARED, "count": len(slugs)},
            )
        return slugs
