"""The one rule for text a person could not have typed: control characters (tab, newline and carriage return
excepted) and bytes that are not UTF-8."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from careerpath.text import could_be_typed, typed_text

TYPED_CONTROLS = "\t\n\r"  # a text area sends them
controls = st.characters(categories=["Cc"], exclude_characters=TYPED_CONTROLS)
typable = st.text(st.characters(exclude_categories=["Cc", "Cs"]) | st.sampled_from(TYPED_CONTROLS))


@given(typable)
def test_anything_a_keyboard_or_a_text_area_sends_could_be_typed(text):
    assert could_be_typed(text)
    assert typed_text(text.encode()) == text


@given(before=typable, control=controls, after=typable)
def test_one_control_character_anywhere_is_refused(before, control, after):
    """NUL, the rest of C0, DEL and C1: what Unicode calls control characters, but tab, newline and return."""
    text = before + control + after
    assert not could_be_typed(text)
    assert typed_text(text.encode()) is None


@given(st.text())
def test_the_rule_is_unicodes_control_characters_but_three(text):
    expected = all(char in TYPED_CONTROLS or unicodedata.category(char) != "Cc" for char in text)
    assert could_be_typed(text) is expected


@given(before=typable, bad=st.sampled_from([b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xc0\xaf"]), after=typable)
def test_bytes_that_are_not_utf8_are_refused(before, bad, after):
    """A stray byte, a sequence cut short, a lone continuation, an encoded surrogate, an overlong slash."""
    assert typed_text(before.encode() + bad + after.encode()) is None


@given(st.binary())
def test_bytes_are_taken_exactly_when_they_decode_to_typable_text(raw):
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        assert typed_text(raw) is None
    else:
        assert typed_text(raw) == (text if could_be_typed(text) else None)
