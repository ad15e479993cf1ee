from django import template

from careerpath.labels import grouped as grouped_number
from careerpath.languages import Text, in_page_language

register = template.Library()


@register.filter
def grouped(number: int) -> str:
    """`{{ count|grouped }}`: a count with its thousands apart, as the page's language writes them."""
    return grouped_number(number)


@register.simple_tag
def in_language(obj, field: str) -> Text:
    """`{% in_language role "description" as description %}`: the text and, when it is not the page's, its
    language (`description.lang`) to mark it with."""
    return in_page_language(obj, field)


@register.inclusion_tag("includes/_in_other_language.html")
def other_language_note(text: Text) -> dict:
    """A short note saying a text is shown in another language because the import has it in that one only."""
    return {"text": text}


@register.inclusion_tag("includes/_inline_text.html")
def inline_text(obj, field: str) -> dict:
    """`obj.<field>` inline in running text: marked, with "(en anglais)" after it, when not in the page's language."""
    return {"text": in_page_language(obj, field)}
