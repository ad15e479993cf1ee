from modeltranslation.translator import TranslationOptions, register

from .models import DegreeWay, Estimate, Transition


@register(Transition)
class TransitionTranslation(TranslationOptions):
    fields = ("conditions", "rationale", "duration_basis")


@register(Estimate)
class EstimateTranslation(TranslationOptions):
    fields = ("justification",)


@register(DegreeWay)
class DegreeWayTranslation(TranslationOptions):
    fields = ("name", "conditions", "duration_basis")
