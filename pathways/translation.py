from modeltranslation.translator import TranslationOptions, register

from .models import Estimate, Transition


@register(Transition)
class TransitionTranslation(TranslationOptions):
    fields = ("conditions", "rationale", "duration_basis")


@register(Estimate)
class EstimateTranslation(TranslationOptions):
    fields = ("justification",)
