import gettext
import re
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def entries(po_file: Path):
    """(msgctxt or None, msgid, [msgstr…], is_fuzzy) for each entry but the header."""
    for block in po_file.read_text(encoding="utf-8").split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not msgid:
            continue
        key = "".join(re.findall(r'"(.*)"', msgid.group(1)))
        if not key:
            continue
        context = re.search(r'^msgctxt "(.*)"', block, re.M)
        strings = ["".join(re.findall(r'"(.*)"', m)) for m in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)]
        yield context.group(1) if context else None, key, strings, "#, fuzzy" in block or ", fuzzy" in block


@pytest.mark.parametrize("language", ["fr", "en"])
def test_catalogue_is_complete(language):
    po_file = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    problems = [key for _context, key, strings, fuzzy in entries(po_file) if fuzzy or not all(strings)]
    assert problems == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    unescape = {"\\n": "\n", '\\"': '"'}
    stale = []
    for context, key, strings, _fuzzy in entries(folder / "django.po"):
        if len(strings) == 1:
            msgid, msgstr = (re.sub(r'\\[n"]', lambda m: unescape[m.group(0)], text) for text in (key, strings[0]))
            found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
            if found != msgstr:
                stale.append(msgid)
    assert stale == [], "run `make messages` to recompile the catalogues"
