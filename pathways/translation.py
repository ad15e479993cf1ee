from modeltranslation.translator import TranslationOptions, register

from .models import Transition


@register(Transition)
class TransitionTranslation(TranslationOptions):
    fields = ("conditions", "rationale")
