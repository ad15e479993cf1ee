from django import forms
from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from .models import Estimate, Transition

# Self-assessments are deliberately not in the admin: nothing lists people's results.


@admin.register(Transition)
class TransitionAdmin(TranslationAdmin):
    list_display = ["__str__", "kind", "min_months", "max_months", "sector", "min_scale", "max_scale"]
    list_filter = ["kind", "sector", "to_role"]
    search_fields = ["from_role__title_fr", "to_role__title_fr", "from_role__title_en", "to_role__title_en"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    list_select_related = ["from_role", "to_role"]
    fieldsets = [
        (None, {"fields": ["from_role", "to_role", "kind", ("min_months", "max_months"), "duration_basis"]}),
        (None, {"fields": ["sector", ("min_scale", "max_scale"), "circumstance", "conditions", "rationale", "sources"]}),
    ]


@admin.register(Estimate)
class EstimateAdmin(TranslationAdmin):
    """The route finder reads each of these numbers: editors change them, but none is added or removed here."""

    list_display = ["key", "months"]
    readonly_fields = ["key"]
    fields = ["key", "months", "justification"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
