"""Quotations of the articles inside the site's own text: each « … » must be the articles' words.

A quotation may leave words out with « […] » only where the words it drops change nothing: never a hedge
(« probablement », « souvent », « peut »…), which would make the article say more than it does. Quotations are
compared the way passages are (`normalise_quoted`), a capital letter at their start forgiven.
"""

import re
from collections.abc import Iterable
from itertools import pairwise

from django.utils.translation import gettext as _

from .models import SOURCE_TEXT_DIR, normalise_quoted

QUOTATION = re.compile(r"«\s*(.+?)\s*»", re.DOTALL)
# English text quotes the articles' French words in straight quotes with our English after them in brackets:
# "peut superviser" (may oversee).
GLOSSED_QUOTATION = re.compile(r'"([^"]+?)"\s*\(')
# What a quotation marks as left out: « […] », and an ellipsis at either end.
LEFT_OUT = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*")
# Words that weaken what follows them in the articles: dropping one makes the quotation stronger than its source.
HEDGES = re.compile(
    r"\b(probablement|souvent|généralement|en général|parfois|voire|peut|peuvent|pourrait|pourraient|serait|seraient|"
    r"sans doute|éventuellement|la plupart|beaucoup|certains|certaines|plusieurs|notamment|par exemple|idéalement)\b",
    re.IGNORECASE,
)


def article_texts() -> list[str]:
    """The articles' texts, as quotations are compared with them."""
    return [normalise_quoted(path.read_text(encoding="utf-8")).casefold() for path in sorted(SOURCE_TEXT_DIR.glob("*.txt"))]


def segments_of(quotation: str) -> list[str]:
    """The runs of words a quotation gives, in order, without what it marks as left out or its closing stop."""
    runs = (run.strip(" …").rstrip(".,;:").strip() for run in LEFT_OUT.split(quotation))
    return [normalise_quoted(run).casefold() for run in runs if run]


def quotations_in(text: str) -> list[str]:
    """The articles' words `text` quotes: in « », and in English text the glossed ones ("…" (…))."""
    return [*QUOTATION.findall(text), *GLOSSED_QUOTATION.findall(text)]


def misquotations(text: str, articles: Iterable[str]) -> list[str]:
    """The quotations of `text` that are not the articles' words, or that leave out a hedge, each with what is
    wrong, in the language in use (editors read it in the admin)."""
    problems = []
    for quotation in quotations_in(text):
        segments = segments_of(quotation)
        if not segments:
            continue
        found = [found_in(article, segments) for article in articles]
        placed = next((spans for spans in found if spans is not None), None)
        if placed is None:
            problems.append(
                _("« %(quotation)s » : ces mots ne figurent pas tels quels dans les articles.") % {"quotation": quotation}
            )
            continue
        article, spans = placed
        for (_start, end), (start, _end) in pairwise(spans):
            if hedge := HEDGES.search(article[end:start]):
                problems.append(
                    _("« %(quotation)s » : les mots laissés de côté contiennent « %(hedge)s ».")
                    % {"quotation": quotation, "hedge": hedge.group(0)}
                )
    return problems


def found_in(article: str, segments: list[str]) -> tuple[str, list[tuple[int, int]]] | None:
    """Where the segments stand in the article, in order, each within a few sentences of the one before; None when
    they do not all stand there."""
    spans, position = [], 0
    for segment in segments:
        start = article.find(segment, position)
        if start < 0 or (spans and start - spans[-1][1] > 600):
            return None
        spans.append((start, start + len(segment)))
        position = start + len(segment)
    return article, spans
