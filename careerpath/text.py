"""Text a person could not have typed: control characters, and bytes that are not UTF-8.

No keyboard types NUL, the other C0 controls (tab, newline and carriage return excepted: a text area sends them),
DEL, nor the C1 controls; and a browser sends its forms and addresses in UTF-8. Such input comes from a tool, not a
person, and PostgreSQL refuses a NUL in any text it is given (a server error, where SQLite stores it): it is
turned away at the door (careerpath.middleware.RefuseUnreadableInputMiddleware) rather than field by field.
"""

import re

# C0 but tab, newline and carriage return; DEL; C1: exactly Unicode's "Cc" characters but those three. Written
# as a regular expression's range, which a schema's pattern can hold too (the API's).
UNTYPABLE_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
UNTYPABLE = re.compile(f"[{UNTYPABLE_CHARACTERS}]")


def could_be_typed(text: str) -> bool:
    """No control character a person could not have typed."""
    return UNTYPABLE.search(text) is None


def typed_text(raw: bytes) -> str | None:
    """`raw` as text, when it is UTF-8 a person could have typed; None otherwise."""
    try:
        text = raw.decode("utf-8")  # strict: refuses invalid sequences and encoded surrogates alike
    except UnicodeDecodeError:
        return None
    return text if could_be_typed(text) else None


# A search of more words than this is not a person's: the role list's, the API's and the admin's (which makes
# each word a condition on every field searched: 10,000 characters make more than SQLite will run).
SEARCH_MAX_LENGTH = 100
