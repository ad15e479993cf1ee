"""A skill's group in ESCO's skills hierarchy (roles/esco/hierarchy.py): the rule the similarity of occupations
compares their work activities by."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from roles.esco.hierarchy import SkillsHierarchy
from roles.esco.reading import Row

ESCO = "http://data.europa.eu/esco/"
S, S4, S42, S421 = (f"{ESCO}skill/group-{code}" for code in ("S", "S4", "S4.2", "S4.2.1"))
S48, S481 = f"{ESCO}skill/group-S4.8", f"{ESCO}skill/group-S4.8.1"
K, K04, K041, K0413 = f"{ESCO}skill/group-K", f"{ESCO}isced-f/04", f"{ESCO}isced-f/041", f"{ESCO}isced-f/0413"
L, L1 = f"{ESCO}skill/group-L", f"{ESCO}skill/group-L1"


def row(*levels: tuple[str, str]) -> Row:
    values = {f"Level {level} {part}": "" for level in range(4) for part in ("URI", "code")}
    for level, (uri, code) in enumerate(levels):
        values |= {f"Level {level} URI": uri, f"Level {level} code": code}
    return Row(2, values)


def hierarchy() -> SkillsHierarchy:
    """Two level-2 groups of management skills, an ISCED-F branch of knowledge (no codes), the language branch."""
    found = SkillsHierarchy()
    for levels in (
        [(S, "S"), (S4, "S4"), (S42, "S4.2"), (S421, "S4.2.1")],
        [(S, "S"), (S4, "S4"), (S48, "S4.8"), (S481, "S4.8.1")],
        [(K, "K"), (K04, ""), (K041, ""), (K0413, "")],
        [(L, "L"), (L1, "L1")],
    ):
        for depth in range(1, len(levels) + 1):
            found.add(row(*levels[:depth]))
    for narrower, broader in ((S4, S), (S42, S4), (S421, S42), (S48, S4), (S481, S48), (K04, K), (K041, K04), (K0413, K041)):
        found.add_broader(narrower, broader)
    found.add_broader(L1, L)
    return found


def skill(number: int) -> str:
    return f"{ESCO}skill/00000000-0000-4000-8000-{number:012d}"


@given(depth=st.integers(min_value=0, max_value=6), below=st.sampled_from([S421, S42]))
def test_a_skill_takes_the_level_2_group_above_it_through_any_chain_of_broader_skills(depth, below):
    found = hierarchy()
    # skill 0 below skill 1 below … below skill `depth`, below a level-3 or a level-2 group
    for number in range(depth):
        found.add_broader(skill(number), skill(number + 1))
    found.add_broader(skill(depth), below)
    assert found.group_of(skill(0)) == "S4.2"


@given(near=st.integers(min_value=0, max_value=3), far=st.integers(min_value=0, max_value=3))
def test_below_two_groups_the_nearest_wins_and_when_as_near_the_smallest_code(near, far):
    found = hierarchy()
    chain_to_s48 = [skill(100 + n) for n in range(near)]
    chain_to_s42 = [skill(200 + n) for n in range(far)]
    for chain, group in ((chain_to_s48, S481), (chain_to_s42, S421)):
        steps = [skill(0), *chain, group]
        for narrower, broader in itertools.pairwise(steps):
            found.add_broader(narrower, broader)
    expected = "S4.8" if near < far else "S4.2"  # as near: S4.2 < S4.8
    assert found.group_of(skill(0)) == expected


def test_knowledge_takes_its_isced_f_narrow_field_and_languages_their_level_1_group():
    found = hierarchy()
    found.add_broader(skill(1), K0413)
    found.add_broader(skill(2), L1)
    assert found.group_of(skill(1)) == "041"
    assert found.group_of(skill(2)) == "L1"


def test_a_skill_the_pillar_does_not_place_has_no_group():
    found = hierarchy()
    found.add_broader(skill(1), f"{ESCO}skill/group-unknown")
    assert found.group_of(skill(1)) == ""
    assert found.group_of(skill(2)) == ""
    found.add_broader(skill(3), S4)  # directly below a level-1 group that has level-2 groups: none is "above" it
    assert found.group_of(skill(3)) == ""
