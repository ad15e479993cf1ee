from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()


@register.filter(expects_localtime=True)
def long_date(value) -> str:
    """ "1er décembre 2026" in French, where the first of a month is an ordinal; "1 December 2026" in English."""
    text = date_format(value, "j F Y")
    return f"1er{text[1:]}" if value.day == 1 and get_language() == "fr" else text
