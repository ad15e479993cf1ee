"""Text in the SVG drawn on the server (the charts, the career map): browsers do not wrap it, we do."""

import textwrap


def wrapped(text: str, chars: int) -> tuple[str, ...]:
    """The text on lines of about `chars` characters, broken between words only (a long word stays whole)."""
    return tuple(textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)) or (text,)
