from django import forms
from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from .models import Transition

# Self-assessments are deliberately not in the admin: nothing lists people's results.


@admin.register(Transition)
class TransitionAdmin(TranslationAdmin):
    list_display = ["__str__", "kind", "min_months", "max_months", "sector", "min_scale", "max_scale"]
    list_filter = ["kind", "sector", "to_role"]
    search_fields = ["from_role__title_fr", "to_role__title_fr", "from_role__title_en", "to_role__title_en"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    list_select_related = ["from_role", "to_role"]
    fieldsets = [
        (None, {"fields": ["from_role", "to_role", "kind", ("min_months", "max_months")]}),
        (None, {"fields": ["sector", ("min_scale", "max_scale"), "conditions", "rationale", "sources"]}),
    ]
