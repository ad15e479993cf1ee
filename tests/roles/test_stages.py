"""Each requirement of the team's roles says whether it is needed to enter the role or grows in it, and why: in the
article's words, quoted word for word, or as the team's inference."""

import re
from collections import Counter
from pathlib import Path

import pytest

from roles.loading import ContentError, stage_of
from roles.models import ExperienceStep, Origin, Role, RoleSkill, Stage

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parents[2] / "roles" / "content" / "sources"
FRENCH_QUOTATION = re.compile(r"«\s*(.+?)\s*»")
ENGLISH_QUOTATION = re.compile(r'"(.+?)"')  # the English bases quote the article's French words


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def requirements() -> list[RoleSkill | ExperienceStep]:
    teams = Role.objects.published().exclude(origin=Origin.IMPORTED)
    return [
        *RoleSkill.objects.filter(role__in=teams).select_related("role", "skill"),
        *ExperienceStep.objects.filter(role__in=teams).select_related("role"),
    ]


def name_of(requirement) -> str:
    return f"{requirement.role.slug}: {requirement._meta.model_name} {requirement.statement_title()}"


def test_every_skill_and_step_of_the_teams_roles_says_when_it_is_met_and_why_in_both_languages(content):
    found = requirements()
    assert len(found) >= 70
    assert [name_of(r) for r in found if r.stage not in Stage.values or not r.stage_basis_fr or not r.stage_basis_en] == []
    assert {r.stage for r in found} == {Stage.ENTRY, Stage.GROWTH}


def test_every_basis_quotes_its_article_word_for_word_or_says_it_is_the_teams_inference(content):
    article = " ".join(folded(path.read_text(encoding="utf-8")) for path in ARTICLES.glob("*.txt"))
    misquoted, unsupported = [], []
    for requirement in requirements():
        french, english = requirement.stage_basis_fr, requirement.stage_basis_en
        quoted = FRENCH_QUOTATION.findall(french) + ENGLISH_QUOTATION.findall(english)
        misquoted += [f"{name_of(requirement)}: {quote}" for quote in quoted if folded(quote) not in article]
        sourced_fr = "«" in french or "Déduction de l’équipe" in french
        sourced_en = '"' in english or "team’s inference" in english.lower()
        if not (sourced_fr and sourced_en):
            unsupported.append(name_of(requirement))
    assert misquoted == []
    assert unsupported == []


def test_a_step_that_stands_in_for_a_degree_is_an_entry_step(content):
    alternatives = ExperienceStep.objects.filter(is_alternative=True)
    assert alternatives.count() >= 2
    assert set(alternatives.values_list("stage", flat=True)) == {Stage.ENTRY}


def test_what_the_sources_say_is_learnt_in_the_role_or_only_prepares_for_it_is_never_an_entry_requirement(content):
    growth = {
        # « une nouvelle recrue passera probablement quelques semaines, voire quelques mois, à apprendre les calendriers »
        ExperienceStep.objects.filter(kind=ExperienceStep.Kind.ONBOARDING),
        RoleSkill.objects.filter(skill__slug="maintenance-scheduling", role__slug="executive-director-of-operations"),
        # « serait une bonne préparation » is not a gate
        ExperienceStep.objects.filter(kind=ExperienceStep.Kind.CUSTOMER_SERVICE, role__slug="executive-director-of-operations"),
        RoleSkill.objects.filter(skill__slug="customer-service", role__slug="executive-director-of-operations"),
        # internships « souvent proposés » prepare, they are not asked for
        ExperienceStep.objects.filter(kind=ExperienceStep.Kind.INTERNSHIP),
        # the entry job is entered from studies: its skills grow in it
        RoleSkill.objects.filter(role__slug="junior-operations-officer"),
        ExperienceStep.objects.filter(role__slug="junior-operations-officer"),
    }
    for rows in growth:
        assert rows.exists()
        assert set(rows.values_list("stage", flat=True)) == {Stage.GROWTH}, rows.query


def test_broad_experience_asked_by_many_posts_is_entry_where_it_applies_and_says_many_not_all(content):
    edo = Role.objects.get(slug="executive-director-of-operations")
    step = ExperienceStep.objects.get(role=edo, passage__anchor="vaste-experience-grande-echelle")
    assert (step.stage, step.min_scale) == (Stage.ENTRY, 2)
    assert "« beaucoup impliquent" in step.stage_basis_fr and "pas tous" in step.stage_basis_fr
    assert "tous les postes" not in step.stage_basis_fr


def test_each_role_has_growth_items_and_each_role_above_the_entry_level_asks_something_to_enter(content):
    for role in Role.objects.published().exclude(origin=Origin.IMPORTED).with_profile():
        stages = Counter(r.stage for r in [*role.role_skills.all(), *role.steps.all()])
        assert stages[Stage.GROWTH], role.slug
        if role.level > Role.Level.ENTRY and role.slug != "family-business-manager":  # entered by the family
            assert stages[Stage.ENTRY], role.slug


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({}, "stage “None”"),
        ({"stage": "later"}, "stage “later”"),
        ({"stage": "growth", "stage_basis_fr": "Déduction de l’équipe : …"}, "a stage says why"),
        (
            {"stage": "growth", "is_alternative": True, "stage_basis_fr": "x", "stage_basis_en": "x"},
            "stands in for a degree is met to enter",
        ),
    ],
)
def test_the_loader_refuses_a_requirement_without_its_stage_or_basis(item, message):
    with pytest.raises(ContentError, match=message):
        stage_of(item, "role r, step 1")


def test_the_loader_keeps_a_stage_with_its_basis_in_both_languages():
    item = {"stage": "entry", "stage_basis_fr": "Pour entrer : « … ».", "stage_basis_en": 'Needed to enter: "…".'}
    assert stage_of(item, "role r, skill s") == {
        "stage": "entry",
        "stage_basis_fr": "Pour entrer : « … ».",
        "stage_basis_en": 'Needed to enter: "…".',
    }
