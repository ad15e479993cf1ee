"""Hypothesis strategies for requirements, profiles and small catalogues."""

from hypothesis import strategies as st

from pathways.routes import Catalogue, Estimates, TransitionEdge
from pathways.scoring import DegreeOption, ExperienceStepNeed, Profile, RoleRequirements, SkillNeed

AREAS = ["operations", "people", "customer-service", "facilities", "business"]
FIELDS = ["business-management", "operations", "facilities", "engineering"]
SECTORS = ["both", "production", "services"]
SKILL_IDS = list(range(1, 9))
CIRCUMSTANCES = ["family-business"]
RANKS = [3, 5]
ESTIMATES = Estimates(skill_level_months=6, first_degree_months=36)


@st.composite
def requirements(draw, role_id: int = 1) -> RoleRequirements:
    skill_ids = draw(st.lists(st.sampled_from(SKILL_IDS), unique=True, max_size=6))
    skills = tuple(SkillNeed(sid, draw(st.integers(1, 5)), draw(st.booleans())) for sid in skill_ids)
    degrees = tuple(
        DegreeOption(
            degree_id=i,
            rank=draw(st.sampled_from(RANKS)),
            field=draw(st.sampled_from(FIELDS)),
            months=draw(st.integers(12, 60)),
            typical=draw(st.booleans()),
            suited_from_scale=draw(st.none() | st.integers(1, 4)),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    steps = tuple(
        ExperienceStepNeed(
            area=draw(st.sampled_from(AREAS)),
            months=draw(st.integers(1, 120)),
            sector=draw(st.sampled_from(SECTORS)),
            alternative=draw(st.booleans()),
            min_scale=draw(st.sampled_from([1, 1, 2, 3])),
            max_scale=draw(st.sampled_from([4, 4, 3])),
        )
        for _ in range(draw(st.integers(0, 5)))
    )
    return RoleRequirements(role_id=role_id, skills=skills, degrees=degrees, steps=steps)


@st.composite
def profiles(draw, role_ids=()) -> Profile:
    ratings = draw(st.dictionaries(st.sampled_from(SKILL_IDS), st.integers(0, 5)))
    rank = draw(st.sampled_from([0, *RANKS]))
    return Profile(
        ratings=ratings,
        degree_rank=rank,
        degree_field=draw(st.sampled_from(FIELDS)) if rank else "",
        experience=draw(st.dictionaries(st.sampled_from(AREAS), st.integers(0, 240))),
        sector=draw(st.sampled_from(SECTORS)),
        scale=draw(st.none() | st.integers(1, 4)),
        current_role_id=draw(st.none() | st.sampled_from(list(role_ids))) if role_ids else None,
        circumstances=frozenset(draw(st.lists(st.sampled_from(CIRCUMSTANCES), max_size=1))),
    )


@st.composite
def catalogues(draw) -> Catalogue:
    count = draw(st.integers(2, 6))
    roles = {role_id: draw(requirements(role_id=role_id)) for role_id in range(1, count + 1)}
    pairs = draw(
        st.lists(st.tuples(st.none() | st.sampled_from(list(roles)), st.sampled_from(list(roles))), unique=True, max_size=12)
    )
    transitions = []
    for index, (origin, destination) in enumerate(pairs):
        if origin == destination:
            continue
        low = draw(st.integers(0, 48))
        min_scale = draw(st.integers(1, 4))
        transitions.append(
            TransitionEdge(
                transition_id=index,
                from_role_id=origin,
                to_role_id=destination,
                min_months=low,
                max_months=low + draw(st.integers(0, 48)),
                sector=draw(st.sampled_from(SECTORS)),
                min_scale=min_scale,
                max_scale=draw(st.integers(min_scale, 4)),
                circumstance=draw(st.sampled_from(["", "", "", *CIRCUMSTANCES])),
            )
        )
    return Catalogue(roles=roles, transitions=tuple(transitions), estimates=ESTIMATES)
