from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from pathways.scoring import (
    DegreeOption,
    ExperienceStepNeed,
    Profile,
    RoleRequirements,
    SkillNeed,
    readiness,
    skill_users,
    standings,
)
from tests.pathways.strategies import AREAS, FIELDS, RANKS, profiles, requirements


def total(reqs: RoleRequirements, profile: Profile) -> int | None:
    return readiness(reqs, profile).total


@given(st.lists(requirements(), max_size=6), profiles())
def test_scoring_every_role_at_once_gives_each_role_its_own_total_and_readiness(many, profile):
    roles = {role_id: replace(reqs, role_id=role_id) for role_id, reqs in enumerate(many, start=1)}
    every = standings(roles, skill_users(roles), profile)
    for role_id, reqs in roles.items():
        one = readiness(reqs, profile)
        assert (every[role_id].total, every[role_id].ready) == (one.total, one.ready)


@given(requirements(), profiles())
def test_score_stays_between_0_and_100_and_its_parts_add_up_to_it(reqs, profile):
    result = readiness(reqs, profile)
    if result.total is None:
        return
    assert 0 <= result.total <= 100
    assert sum(part.points for part in result.parts) + (result.cap.points if result.cap else 0) == result.total


@given(requirements(), profiles(), st.data())
def test_raising_an_assessed_rating_never_lowers_the_score(reqs, profile, data):
    if not profile.ratings:
        return
    skill_id = data.draw(st.sampled_from(sorted(profile.ratings)))
    raised = replace(profile, ratings={**profile.ratings, skill_id: min(5, profile.ratings[skill_id] + 1)})
    before, after = total(reqs, profile), total(reqs, raised)
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
    assert before is None or after >= before


@given(requirements(), st.sampled_from(["both", "production", "services"]), st.none() | st.integers(1, 4))
def test_meeting_every_requirement_gives_100_and_ready(reqs, sector, scale):
    best_degree = max(reqs.degrees, key=lambda option: option.rank, default=None)
    profile = Profile(
        ratings={need.skill_id: need.required for need in reqs.skills},
        degree_rank=best_degree.rank if best_degree else 0,
        degree_field=best_degree.field if best_degree else "",
        experience={area: 10_000 for area in AREAS},
        sector=sector,
        scale=best_degree.suited_from_scale or scale if best_degree else scale,
    )
    result = readiness(reqs, profile)
    assert result.total == 100 or (result.total is None and not result.parts)  # None: the role asks nothing to measure
    assert result.ready and not result.gaps and not result.experience_missing and result.cap is None


def test_a_profile_with_no_answers_gets_no_percentage():
    reqs = RoleRequirements(role_id=1, skills=(SkillNeed(1, 3, True),))
    assert readiness(reqs, Profile()).total is None


COO_LIKE = RoleRequirements(
    role_id=1,
    skills=tuple(SkillNeed(i, level, True) for i, level in enumerate([5, 5, 4, 5, 5, 4, 4, 4, 4, 4, 5], start=1))
    + tuple(SkillNeed(i, level, False) for i, level in enumerate([4, 3, 3], start=20)),
    degrees=(DegreeOption(1, 5, "business-management", 24, typical=True),),
    steps=(ExperienceStepNeed("operations", 60), ExperienceStepNeed("people", 36)),
)
HOLDS_THE_REST = {"degree_rank": 5, "degree_field": "business-management", "experience": {"operations": 60, "people": 36}}


def short_by(levels: int) -> Profile:
    ratings = {need.skill_id: need.required - (levels if need.essential else 0) for need in COO_LIKE.skills}
    return Profile(ratings=ratings, **HOLDS_THE_REST)


def test_every_requirement_met_reads_ready():
    result = readiness(COO_LIKE, short_by(0))
    assert result.total == 100 and result.ready


def test_every_essential_skill_one_level_short_reads_three_quarters_at_most():
    result = readiness(COO_LIKE, short_by(1))
    assert result.total <= 75 and not result.ready
    assert result.cap.reason == "skills"


def test_every_essential_skill_two_levels_short_reads_half_or_less():
    assert readiness(COO_LIKE, short_by(2)).total <= 50


def test_skills_that_grow_in_the_role_do_not_stop_a_person_being_ready():
    growing = replace(COO_LIKE, skills=tuple(need if need.essential else replace(need, entry=False) for need in COO_LIKE.skills))
    ratings = {need.skill_id: need.required if need.entry else 0 for need in growing.skills}
    result = readiness(growing, Profile(ratings=ratings, **HOLDS_THE_REST))
    assert result.ready and result.total < 100


def test_without_the_degree_asked_the_score_stays_at_60_or_below():
    ratings = {need.skill_id: need.required for need in COO_LIKE.skills}
    result = readiness(COO_LIKE, Profile(ratings=ratings, experience=HOLDS_THE_REST["experience"]))
    assert result.total <= 60 and not result.ready and result.cap.reason == "degree"


def test_a_skill_left_blank_counts_as_the_lowest_answer_and_is_named_with_the_range_it_could_give():
    reqs = RoleRequirements(1, skills=(SkillNeed(1, 3, True), SkillNeed(2, 4, True)))
    profile = Profile(ratings={1: 2})
    result = readiness(reqs, profile)
    assert result.total == readiness(reqs, Profile(ratings={1: 2, 2: 0})).total
    assert result.highest == readiness(reqs, Profile(ratings={1: 2, 2: 4})).total > result.total
    assert [need.skill_id for need in result.not_assessed] == [2] and result.entry_answers_missing
    assert not readiness(reqs, Profile(ratings={1: 3})).ready  # an entry skill left blank is not met


def test_parts_and_gaps_are_explained():
    reqs = RoleRequirements(
        role_id=1,
        skills=(SkillNeed(1, 4, essential=True), SkillNeed(2, 2, essential=False)),
        steps=(ExperienceStepNeed("operations", 24),),
    )
    result = readiness(reqs, Profile(ratings={1: 2, 2: 2}, experience={"operations": 12}))
    parts = {part.name: part for part in result.parts}
    assert set(parts) == {"skills", "experience"}  # no degree asked: that part is left out
    # Six levels in all (the essential one counting twice): 5 points a level at most, 30 of 100; experience,
    # 24 months long, takes the other 70.
    assert round(parts["skills"].weight, 2) == 0.3 and round(parts["experience"].weight, 2) == 0.7
    assert round(parts["skills"].value, 3) == round((2 * 2 / 4 + 1) / 3, 3)
    assert parts["experience"].value == 0.5
    assert [gap.need.skill_id for gap in result.gaps] == [1]
    assert result.gaps[0].gain == 5  # one level: 2 × 1/4 of the skills' 30 points, rounded down
    assert result.experience_missing == {"operations": 12}
    assert result.total == 55 and result.cap is None  # 30 × 2/3 + 70 × 1/2; the caps (90, 80) are higher


def test_the_experience_route_stands_in_for_a_degree():
    reqs = RoleRequirements(
        role_id=1,
        degrees=(DegreeOption(1, 3, "business-management", 36, typical=True),),
        steps=(ExperienceStepNeed("business", 60, alternative=True),),
    )
    assert readiness(reqs, Profile(experience={"business": 12})).degree_met is False
    family_business = readiness(reqs, Profile(experience={"business": 96}))
    assert family_business.degree_met is True
    assert family_business.total == 100


def test_a_degree_suited_to_larger_organisations_counts_less_in_a_small_one():
    reqs = RoleRequirements(
        1,
        degrees=(
            DegreeOption(1, 3, "facilities", 36, True, suited_from_scale=3),
            DegreeOption(2, 3, "business-management", 36, True),
        ),
    )
    facilities = Profile(degree_rank=3, degree_field="facilities")
    business = Profile(degree_rank=3, degree_field="business-management")
    assert total(reqs, replace(facilities, scale=4)) == total(reqs, replace(business, scale=4)) == 100
    assert total(reqs, replace(facilities, scale=1)) < total(reqs, replace(business, scale=1))


def test_steps_for_large_organisations_are_not_asked_in_a_micro_one():
    reqs = RoleRequirements(1, steps=(ExperienceStepNeed("operations", 12), ExperienceStepNeed("operations", 60, min_scale=2)))
    person = Profile(experience={"operations": 12})
    assert readiness(reqs, replace(person, scale=1)).ready
    assert readiness(reqs, replace(person, scale=3)).experience_missing == {"operations": 60}
