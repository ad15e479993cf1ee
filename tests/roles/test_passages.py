"""Every published statement of the team's profiles rests on a passage quoted word for word from its article."""

import re
from collections import Counter
from pathlib import Path

import pytest

from roles.loading import ContentError, load_passages
from roles.models import Origin, Passage, Role, Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "roles" / "content" / "sources"
SHARED_ARTICLES = REPO.parent / "shared" / "sources"  # beside a working copy; absent from a fresh clone


def folded(text: str) -> str:
    """Only what a copy may change: runs of spaces, the shape of apostrophes and the space French typography puts
    before « : ; ? ! » and after «."""
    spaced = re.sub(r"\s+", " ", text.replace("’", "'")).strip()
    return re.sub(r"« ", "«", re.sub(r" ([:;?!»])", r"\1", spaced))


def statements_of(role: Role) -> list:
    return [
        *role.missions.all(),
        *(s for s in role.role_skills.all() if s.rationale),
        *role.role_degrees.all(),
        *role.steps.all(),
        *role.variations.all(),
        *role.other_names.all(),
    ]


def test_every_published_statement_of_the_teams_roles_rests_on_a_passage(content):
    roles = list(Role.objects.published().exclude(origin=Origin.IMPORTED).with_profile())
    assert {"chief-operating-officer", "executive-director-of-operations"} <= {role.slug for role in roles}
    unsourced = [
        f"{role.slug}: {statement._meta.model_name} {statement.statement_title()}"
        for role in roles
        for statement in statements_of(role)
        if statement.passage is None
    ]
    assert unsourced == []
    assert sum(len(statements_of(role)) for role in roles) >= 150


def test_a_profile_lists_every_source_its_statements_quote(content):
    for role in Role.objects.published().exclude(origin=Origin.IMPORTED).with_profile():
        quoted = {s.passage.source for s in statements_of(role)} | {p.source for p in role.evidence_passages.all()}
        assert quoted <= set(role.sources.all()), role.slug


def test_stepping_stone_roles_link_the_passages_that_support_them(content):
    supported = Role.objects.published().exclude(evidence_fr__isnull=True).exclude(evidence_fr="")
    assert supported.count() >= 6
    for role in supported:
        assert role.evidence_passages.exists(), role.slug


def test_every_quotation_stands_word_for_word_in_its_article(content):
    passages = list(Passage.objects.select_related("source"))
    assert {p.source.file_name for p in passages} == {"000_9cd98277ee6dab31.txt", "004_e0d821fb6e57f53a.txt"}
    articles = {path.name: folded(path.read_text(encoding="utf-8")) for path in ARTICLES.glob("*.txt")}
    misquoted = [p.anchor for p in passages if folded(p.quotation) not in articles[p.source.file_name]]
    assert misquoted == []
    assert all(p.translation_en for p in passages)


def test_an_articles_own_title_is_in_its_words_and_ours_says_it_is_descriptive(content):
    descriptive = Source.objects.get(file_name="000_9cd98277ee6dab31.txt")
    assert descriptive.title_is_descriptive
    own = Source.objects.get(file_name="004_e0d821fb6e57f53a.txt")
    assert not own.title_is_descriptive
    first_line = (ARTICLES / own.file_name).read_text(encoding="utf-8").splitlines()[0]
    assert folded(own.title_fr) == folded(first_line)


@pytest.mark.skipif(not SHARED_ARTICLES.is_dir(), reason="the shared sources sit beside a working copy only")
@pytest.mark.parametrize("name", ["000_9cd98277ee6dab31.txt", "004_e0d821fb6e57f53a.txt"])
def test_the_articles_kept_with_the_content_are_the_shared_sources(name):
    assert (ARTICLES / name).read_bytes() == (SHARED_ARTICLES / name).read_bytes()


def test_content_that_misquotes_its_article_is_refused():
    source = SourceFactory(file_name="000_9cd98277ee6dab31.txt")
    misquoted = {
        "passages": [
            {
                "source": source.file_name,
                "anchor": "invented",
                "quotation": "Un diplôme universitaire n’est jamais requis pour ce poste.",
                "translation_en": "A university degree is never required for this post.",
            }
        ]
    }
    with pytest.raises(ContentError, match="invented: the quotation is not word for word"):
        load_passages(misquoted, {source.file_name: source}, Counter())
    assert not Passage.objects.exists()


def test_a_quotation_may_differ_from_its_article_only_in_spaces_and_apostrophes():
    source = SourceFactory(file_name="000_9cd98277ee6dab31.txt")
    retyped = {
        "passages": [
            {
                "source": source.file_name,
                "anchor": "retyped",
                "quotation": "Tout directeur ou cadre d'exploitation a besoin\nd'une main-d'œuvre productive",
                "translation_en": "Every operations director or manager needs a productive workforce",
            }
        ]
    }
    assert list(load_passages(retyped, {source.file_name: source}, Counter())) == ["retyped"]
