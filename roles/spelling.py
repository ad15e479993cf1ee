"""Searching for a job as people type it: each word that no title holds is read as the nearest word that one does
("logisitque" as "logistique", "manger" as "manager"), so that a slip of the keyboard still finds the job. Accents
and case are set aside first (`fold`), as the search itself does."""

import difflib

from careerpath.cache import per_content_version

from .models import SEARCH_ALTERNATIVES, SEARCH_TITLES, Role
from .search import SHORTEST_CORRECTED, WORD, fold

# A word this close to a known one (difflib's ratio: twice the letters in common over the letters of both) is read
# as it: one letter wrong, missing or doubled in a word of six letters or more, two in one of ten.
CLOSE_ENOUGH = 0.8


@per_content_version
def title_words() -> frozenset[str]:
    """Every word of a published role's titles and alternative titles, folded."""
    words: set[str] = set()
    for texts in Role.objects.published().values_list(*SEARCH_TITLES, *SEARCH_ALTERNATIVES):
        for text in texts:
            words.update(WORD.findall(fold(text or "")))
    return frozenset(words)


@per_content_version
def sorted_title_words() -> list[str]:
    return sorted(title_words())


def nearest_word(word: str, *, other_than_itself: bool = False) -> str | None:
    candidates = difflib.get_close_matches(word, sorted_title_words(), n=2, cutoff=CLOSE_ENOUGH)
    return next((candidate for candidate in candidates if not other_than_itself or candidate != word), None)


def known_spelling(text: str) -> list[str]:
    """The words of `text` folded, each word no title holds replaced by the closest that one does, when one is close
    enough."""
    known = title_words()
    return [
        word if word in known or len(word) < SHORTEST_CORRECTED else nearest_word(word) or word
        for word in WORD.findall(fold(text))
    ]


def find_jobs(text: str, limit: int) -> list[Role]:
    """Published roles (the team's and ESCO's) whose titles hold every word of `text` as `known_spelling` reads it,
    best first (`RoleQuerySet.search`). Finding none, a word that is itself a title word but is also one slip away
    from another ("manger", "manager") is read as that other; then, with two words or more, each word is dropped
    in turn: a title that holds all but one comes before nothing."""
    words = known_spelling(text)
    if not words:
        return []
    published = Role.objects.published()
    readings = [words]
    for index, word in enumerate(words):
        if len(word) >= SHORTEST_CORRECTED and (other := nearest_word(word, other_than_itself=True)):
            readings.append([*words[:index], other, *words[index + 1 :]])
    if len(words) > 1:
        readings += [words[:index] + words[index + 1 :] for index in range(len(words))]
    found: dict[int, Role] = {}
    for reading in readings:
        for role in published.search(" ".join(reading))[:limit]:
            found.setdefault(role.pk, role)
        if found and (reading is words or len(reading) == len(words)):
            break  # every word found, as typed or with one reread: no need to drop one
    return list(found.values())[:limit]
