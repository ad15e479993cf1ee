"""The OpenAPI document in the language the request asks for (the `lang` parameter, else Accept-Language).

The schemas declare their texts (`description`, `summary`) in French, marked with gettext_noop so that makemessages
extracts them, and the document is translated on the way out, once per language. French msgids, as everywhere else
in the project: the English catalogue is the one filled from the French, and the same labels (the experience areas,
say) are already French msgids there; English msgids would have needed the only French catalogue with translations
in it, and a second source language for the editors to follow.
"""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext

# The document's keys whose text is for people; the values beside them (examples, enumerations) are the contract's.
TRANSLATED_KEYS = ("description", "summary")
UNTRANSLATED_KEYS = ("example", "examples", "enum", "default", "const")

# A text declared with values in it (a bound, say): its French as it appears in the schema → its msgid and values.
_WITH_VALUES: dict[str, tuple[str, dict[str, Any]]] = {}


def described(msgid: str, **values: Any) -> str:
    """A text of the document with values put in it; call it with gettext_noop("…%(name)s…") so that it is extracted.
    The French goes into the schema; the document's translation finds the msgid again to translate and fill."""
    text = msgid % values
    _WITH_VALUES[text] = (msgid, values)
    return text


def translated_text(text: str) -> str:
    """One of the document's texts in the active language (unchanged when the catalogue does not know it)."""
    if text in _WITH_VALUES:
        msgid, values = _WITH_VALUES[text]
        return gettext(msgid) % values
    return gettext(text) if text else text


def in_language(document: dict, language: str) -> dict:
    """A copy of the document with its texts for people in `language` (the values beside them are shared)."""
    with translation.override(language):
        return _translated(document)


def _translated(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: translated_text(value)
            if key in TRANSLATED_KEYS and isinstance(value, str)
            else value
            if key in UNTRANSLATED_KEYS
            else _translated(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_translated(item) for item in node]
    return node
