"""Which language a translated field reads in on the page: a text an import holds in another language only is
shown in that language, marked with `lang` so that browsers and screen readers read it right, and said."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language


@dataclass(frozen=True)
class Text:
    text: str
    lang: str  # "" when in the page's language; otherwise the language it is written in

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def in_page_language(obj, field: str) -> Text:
    """`obj.<field>` (a django-modeltranslation field) in the page's language, or else in the first language that
    has it, with that language."""
    page = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for language in dict.fromkeys([page, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES]):
        if text := getattr(obj, f"{field}_{language}", ""):
            return Text(text, "" if language == page else language)
    return Text("", "")
