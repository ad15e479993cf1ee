"""Tidying: ESCO's labels as pages show them and search finds them."""

import re

SPACES = re.compile(r"\s+")  # also the non-breaking and other Unicode spaces


def tidy(text: str) -> str:
    """One label on one line: runs of spaces (non-breaking ones too) made one, none at the ends."""
    return SPACES.sub(" ", text).strip()


def occupation_titles(label: str, language: str) -> tuple[str] | tuple[str, str]:
    """ESCO's French occupations pair the two forms in one label, "directeur des opérations/directrice des
    opérations": split them, masculine first. When the label names one form only on one side ("vendeur/vendeuse
    en articles de sport"), the masculine borrows the rest. The slash chosen is the one whose two sides read most
    alike, so a slash inside a form ("«lutte contre l’illettrisme/français langue étrangère»") stays."""
    label = tidy(label)
    if language != "fr" or "/" not in label:
        return (label,)
    splits = []
    for slash in re.finditer("/", label):
        masculine, feminine = label[: slash.start()].strip(), label[slash.end() :].strip()
        if masculine and feminine:
            words, other = masculine.split(), feminine.split()
            shared = next(
                (n for n in range(min(len(words), len(other))) if words[-1 - n] != other[-1 - n]), min(len(words), len(other))
            )
            splits.append((len(words) == len(other), shared, masculine, feminine))
    if not splits:
        return (label,)
    _, _, masculine, feminine = max(splits, key=lambda split: split[:2])
    if " " not in masculine and " " in feminine:
        masculine = f"{masculine} {feminine.split(' ', 1)[1]}"
    return masculine, feminine


def alt_labels(text: str, *preferred: str) -> str:
    """ESCO separates alternative labels with new lines: keep one per line, tidied, each once, without
    blanks nor the preferred forms already shown as the title."""
    seen = {form.casefold() for form in preferred}
    kept = []
    for line in text.splitlines():
        line = tidy(line)
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            kept.append(line)
    return "\n".join(kept)
