"""French typography for text that arrives from elsewhere (an import): French puts a no-break space before « : ; ?
! » and inside « », so that no line breaks there. The site's own French is written so in its templates, code and
content files (tests/test_one_language.py reads every French page for it); this mends text it did not write."""

import re

NO_BREAK_SPACE = "\u00a0"
# An ordinary space (or none, for the guillemets) where French wants a no-break one. A colon, question mark or
# exclamation mark with no space before it is left alone: in "https://", "14:05" or "ISO/IEC 27001:2013" it is
# not French punctuation.
SPACE_BEFORE = re.compile(r"(?<=\S)[ \t]+(?=[:;?!»])")
CLOSING_GUILLEMET = re.compile(r"(?<=[^\s\u00a0\u202f])»")
OPENING_GUILLEMET = re.compile(r"«(?:[ \t]+|(?=[^\s\u00a0\u202f]))")


def french_spacing(text: str) -> str:
    """`text` with a no-break space before « : ; ? ! » and inside « » where it had an ordinary one or none."""
    text = SPACE_BEFORE.sub(NO_BREAK_SPACE, text)
    text = CLOSING_GUILLEMET.sub(NO_BREAK_SPACE + "»", text)
    return OPENING_GUILLEMET.sub("«" + NO_BREAK_SPACE, text)
