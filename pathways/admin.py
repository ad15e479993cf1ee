from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from roles.admin import ChecksQuotations, QuotationsForm
from roles.models import DegreeField, Role

from .models import DegreeWay, Estimate, Transition

# Self-assessments are deliberately not in the admin: nothing lists people's results.


@admin.register(Transition)
class TransitionAdmin(ChecksQuotations, TranslationAdmin):
    list_display = ["__str__", "kind", "min_months", "max_months", "sector", "min_scale", "max_scale"]
    list_filter = ["kind", "sector", ("to_role", admin.RelatedOnlyFieldListFilter)]  # not the thousands imported
    search_fields = ["from_role__title_fr", "to_role__title_fr", "from_role__title_en", "to_role__title_en"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    list_select_related = ["from_role", "to_role"]
    fieldsets = [
        (None, {"fields": ["from_role", "to_role", "kind", ("min_months", "max_months"), "duration_basis"]}),
        (None, {"fields": ["sector", ("min_scale", "max_scale"), "circumstance", "conditions", "rationale", "sources"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in {"from_role", "to_role"}:
            kwargs["queryset"] = Role.objects.pickable().order_by("title")  # the team's roles, as reports_to offers
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Estimate)
class EstimateAdmin(ChecksQuotations, TranslationAdmin):
    """The route finder reads each of these numbers: editors change them, but none is added or removed here."""

    list_display = ["key", "months"]
    readonly_fields = ["key"]
    fields = ["key", "months", "justification"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DegreeWayForm(QuotationsForm):
    excluded_fields = forms.MultipleChoiceField(
        label=_("domaines exclus"),
        required=False,
        choices=DegreeField.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=DegreeWay._meta.get_field("excluded_fields").help_text,
    )


@admin.register(DegreeWay)
class DegreeWayAdmin(TranslationAdmin):
    """The ways to obtain a degree the route finder offers, each with its conditions and the basis of its length."""

    form = DegreeWayForm
    list_display = [
        "name",
        "position",
        "while_working",
        "counts_as_experience",
        "needs_employer",
        "min_factor",
        "max_factor",
        "min_months",
        "max_months",
        "min_rank",
        "max_rank",
        "requires_rank",
        "min_related_months",
    ]
    list_filter = ["while_working", "counts_as_experience", "needs_employer", "min_rank", "max_rank"]
    search_fields = ["slug", "name_fr", "name_en"]
    fieldsets = [
        (None, {"fields": ["slug", "name", "position", ("while_working", "counts_as_experience", "needs_employer")]}),
        (_("Durée"), {"fields": [("min_factor", "max_factor"), ("min_months", "max_months"), "duration_basis"]}),
        (
            _("Pour qui, pour quels diplômes"),
            {"fields": [("min_rank", "max_rank"), "excluded_fields", "requires_rank", "min_related_months", "conditions"]},
        ),
    ]
