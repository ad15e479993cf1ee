from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from pathways.scoring import Profile, RoleRequirements, SkillNeed, StepNeed, readiness, skill_users, totals
from tests.pathways.strategies import AREAS, FIELDS, RANKS, SKILL_IDS, profiles, requirements


def total(reqs: RoleRequirements, profile: Profile) -> int | None:
    return readiness(reqs, profile).total


@given(st.lists(requirements(), max_size=6), profiles())
def test_scoring_every_role_at_once_gives_each_role_its_own_total(many, profile):
    roles = {role_id: replace(reqs, role_id=role_id) for role_id, reqs in enumerate(many, start=1)}
    every_total = totals(roles, skill_users(roles), profile)
    assert every_total == {role_id: total(reqs, profile) for role_id, reqs in roles.items()}


@given(requirements(), profiles())
def test_score_stays_between_0_and_100(reqs, profile):
    score = total(reqs, profile)
    assert score is None or 0 <= score <= 100


@given(requirements(), profiles(), st.sampled_from(SKILL_IDS))
def test_raising_a_rating_never_lowers_the_score(reqs, profile, skill_id):
    before = total(reqs, profile)
    raised = replace(profile, ratings={**profile.ratings, skill_id: min(5, profile.rating(skill_id) + 1)})
    after = total(reqs, raised)
    assert after is not None
    assert before is None or after >= before


@given(requirements(), profiles(), st.sampled_from(AREAS), st.integers(1, 120))
def test_adding_experience_never_lowers_the_score(reqs, profile, area, months):
    before = total(reqs, profile)
    more = replace(profile, experience={**profile.experience, area: profile.months_in(area) + months})
    assert before is None or total(reqs, more) >= before


@given(requirements(), profiles(), st.sampled_from(RANKS), st.sampled_from(FIELDS))
def test_adding_or_raising_a_degree_never_lowers_the_score(reqs, profile, rank, field):
    if profile.degree_rank:
        field = profile.degree_field  # a higher degree in the same field
        rank = max(rank, profile.degree_rank)
    before = total(reqs, profile)
    after = total(reqs, replace(profile, degree_rank=rank, degree_field=field))
    assert after is not None
    assert before is None or after >= before


@given(requirements(), st.sampled_from(["both", "production", "services"]))
def test_meeting_every_requirement_gives_100(reqs, sector):
    best_degree = max(reqs.degrees, key=lambda option: option.rank, default=None)
    profile = Profile(
        ratings={need.skill_id: need.required for need in reqs.skills},
        degree_rank=best_degree.rank if best_degree else 0,
        degree_field=best_degree.field if best_degree else "",
        experience={area: 10_000 for area in AREAS},
        sector=sector,
    )
    result = readiness(reqs, profile)
    assert result.total == 100
    assert result.is_ready and not result.gaps and not result.experience_missing


def test_a_profile_with_no_answers_gets_no_percentage():
    reqs = RoleRequirements(role_id=1, skills=(SkillNeed(1, 3, True),))
    assert readiness(reqs, Profile()).total is None


def test_parts_and_gaps_are_explained():
    reqs = RoleRequirements(
        role_id=1,
        skills=(SkillNeed(1, 4, essential=True), SkillNeed(2, 2, essential=False)),
        steps=(StepNeed(1, "operations", 24),),
    )
    result = readiness(reqs, Profile(ratings={1: 2, 2: 2}, experience={"operations": 12}))
    parts = {part.name: part for part in result.parts}
    assert set(parts) == {"skills", "experience"}  # no degree asked: that part is left out
    assert round(parts["skills"].weight, 2) == 0.75 and round(parts["experience"].weight, 2) == 0.25
    assert round(parts["skills"].value, 3) == round((2 * 2 / 4 + 1) / 3, 3)
    assert parts["experience"].value == 0.5
    assert result.total == int(75 * (2 / 3) + 25 * 0.5)
    assert [gap.need.skill_id for gap in result.gaps] == [1]
    assert result.gaps[0].gain > 0
    assert result.experience_missing == {"operations": 12}


def test_the_experience_route_stands_in_for_a_degree():
    from pathways.scoring import DegreeOption

    reqs = RoleRequirements(
        role_id=1,
        degrees=(DegreeOption(1, 3, "business-management", 36, typical=True),),
        steps=(StepNeed(1, "business", 60, alternative=True),),
    )
    assert readiness(reqs, Profile(experience={"business": 12})).degree_met is False
    family_business = readiness(reqs, Profile(experience={"business": 96}))
    assert family_business.degree_met is True
    assert family_business.total == 100
