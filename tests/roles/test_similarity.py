"""The measure and its calibration, on small matrices computed by hand (roles.similarity)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roles.similarity import (
    Profiles,
    SkillSets,
    broad_group,
    calibrate,
    combined_similarity,
    nearest,
    overlap,
    viability,
)

GROUPS = ["S1.1", "S1.1", "S2.1", "S2.1", ""]  # skills 0..4: the last has no hierarchy group


def profiles(essential: list[set[int]], optional: list[set[int]], groups=GROUPS) -> Profiles:
    every = [e | o for e, o in zip(essential, optional, strict=True)]
    return Profiles(SkillSets.of(essential, len(groups)), SkillSets.of(every, len(groups)), groups)


def test_a_pair_scores_what_it_scores_by_hand_each_way():
    # A: essential 0, 1 and optional 2, 3; B: essential 1, 2, 3.
    scores = combined_similarity(profiles([{0, 1}, {1, 2, 3}], [{2, 3}, set()]))
    # Activities: A counts (S1.1: 2, S2.1: 0), B (1, 2): cosine 1/√5, distance √(2 − 2/√5), scaled by √2.
    activities = 1 - math.sqrt(1 - 1 / math.sqrt(5))  # 0.2565…
    # A → B: 1 of B's 3 essential skills among A's essential ones, all 3 among A's skills.
    assert scores[0, 1] == pytest.approx((1 / 3 + 3 / 3 + activities) / 3, abs=1e-6)  # 0.5299
    # B → A: 1 of A's 2 essential skills among B's essential ones, and among B's skills.
    assert scores[1, 0] == pytest.approx((1 / 2 + 1 / 2 + activities) / 3, abs=1e-6)  # 0.4188
    assert scores[0, 0] == scores[1, 1] == 1


def test_an_occupation_without_activity_profile_is_compared_by_its_skills_alone():
    # C's only essential skill has no group: its weight goes to the two overlaps, as Nesta did without work contexts.
    scores = combined_similarity(profiles([{4}, {4, 0}], [set(), set()]))
    assert scores[0, 1] == pytest.approx((1 / 2 + 1 / 2) / 2)
    assert not np.isnan(scores).any()


def test_a_destination_without_essential_skills_is_never_near():
    scores = combined_similarity(profiles([{0, 1}, set()], [set(), {0, 1}]))
    assert scores[0, 1] == 0
    assert nearest(scores, 5)[0][0].tolist() == [-1] * 5


def test_the_overlap_counts_each_destination_skill_once_whatever_the_input():
    origins = SkillSets.of([[0, 0, 1]], 3)
    assert overlap(origins, SkillSets.of([[1, 2]], 3)).tolist() == [[0.5]]


def test_calibration_on_a_synthetic_grouping_gives_the_threshold_found_by_hand():
    scores = np.array(
        [
            [1.0, 0.6, 0.1, 0.0, 0.3],
            [0.4, 1.0, 0.0, 0.2, 0.9],
            [0.0, 0.1, 1.0, 0.2, 0.0],
            [0.3, 0.0, 0.4, 1.0, 0.0],
            [0.9, 0.9, 0.9, 0.9, 1.0],
        ]
    )
    # Unit group 1111: moves 0.6 and 0.4, average 0.5; 2222: 0.2 and 0.4, average 0.3; 3333 alone counts for
    # nothing. Mean 0.4, standard deviation 0.1: viable above 0.3.
    # Broad groups: 1111.1 holds 0 and 1 (0.5); 2222.1 holds 2 and 3 (0.3); 3 too, blank, counts for nothing.
    found = calibrate(scores, ["1111", "1111", "2222", "2222", "3333"], ["1111.1", "1111.1", "2222.1", "2222.1", ""])
    assert found.viable == pytest.approx(0.3)
    assert found.viable_unrounded == pytest.approx(0.3)
    assert (found.unit_groups, found.broad_groups) == (2, 2)
    # Broad groups the same here: never below "viable".
    assert found.highly_viable == pytest.approx(0.3)
    narrower = calibrate(scores, ["1111", "1111", "2222", "2222", "3333"], ["1111.1", "1111.1", "", "", ""])
    assert narrower.highly_viable == pytest.approx(0.5)  # one broad group: 0.5, no deviation
    assert [viability(s, narrower) for s in (0.51, 0.5, 0.31, 0.3)] == ["highly-viable", "viable", "viable", "less-viable"]


def test_with_nothing_to_calibrate_on_no_move_is_called_viable():
    found = calibrate(np.ones((2, 2)), ["1111", "2222"], ["", ""])
    assert (found.viable, found.highly_viable, found.viable_unrounded) == (1.0, 1.0, None)
    assert viability(1.0, found) == "less-viable"


def test_broad_groups_are_the_first_two_parts_of_the_esco_code():
    assert [broad_group(code) for code in ("2654.1.7", "2654.1", "2654", "", " 1321.2.3 ")] == [
        "2654.1",
        "2654.1",
        "",
        "",
        "1321.2",
    ]


def test_nearest_first_ties_by_order_never_itself_nor_a_stranger():
    scores = np.array([[1.0, 0.5, 0.5, 0.0, 0.7], [0.2, 1.0, 0.0, 0.0, 0.0]] + [[0.0] * 5] * 3, dtype=np.float32)
    destinations, best = nearest(scores, 3)
    assert destinations[0].tolist() == [4, 1, 2]
    assert best[0].tolist() == pytest.approx([0.7, 0.5, 0.5])
    assert destinations[1].tolist() == [0, -1, -1]


# -- properties of the measure -------------------------------------------------------------------------------------

SKILLS = 8
group_pool = st.sampled_from(["", "S1.1", "S1.2", "S2.4", "K0.1", "T1.1"])
skill_set = st.sets(st.integers(0, SKILLS - 1), max_size=SKILLS)


@st.composite
def occupations(draw, minimum=2):
    count = draw(st.integers(minimum, 6))
    essential = [draw(skill_set) for _ in range(count)]
    optional = [draw(skill_set) - e for e in essential]
    groups = draw(st.lists(group_pool, min_size=SKILLS, max_size=SKILLS))
    return essential, optional, groups


PROPERTY = settings(max_examples=150, deadline=None)


@PROPERTY
@given(occupations())
def test_similarity_lies_between_0_and_1(drawn):
    scores = combined_similarity(profiles(*drawn))
    assert not np.isnan(scores).any()
    assert ((scores >= 0) & (scores <= 1 + 1e-6)).all()


@PROPERTY
@given(occupations(), st.data())
def test_identical_skill_sets_give_1(drawn, data):
    essential, optional, groups = drawn
    origin = data.draw(st.integers(0, len(essential) - 1))
    if not essential[origin]:
        essential[origin] = {0}  # a destination needs at least one essential skill to be reached at all
    scores = combined_similarity(profiles([*essential, essential[origin]], [*optional, optional[origin]], groups))
    assert scores[origin, -1] == pytest.approx(1, abs=1e-6)
    assert scores[-1, origin] == pytest.approx(1, abs=1e-6)


@PROPERTY
@given(occupations(), st.data())
def test_gaining_a_skill_the_destination_needs_never_lowers_the_similarity(drawn, data):
    essential, optional, groups = drawn
    origin, destination = data.draw(st.permutations(range(len(essential))))[:2]
    needed = sorted(essential[destination])
    if not needed:
        needed, essential[destination] = [0], {0}
    skill = data.draw(st.sampled_from(needed))
    before = profiles(essential, optional, groups)
    gained = [o | {skill} if i == origin else o for i, o in enumerate(optional)]
    # Among the origin's skills (what a person in it may have beyond its essentials): the combined measure.
    after = profiles(essential, [o - e for o, e in zip(gained, essential, strict=True)], groups)
    assert combined_similarity(after)[origin, destination] >= combined_similarity(before)[origin, destination] - 1e-6
    # Among its essential skills: both overlaps (the activity profile changes shape, see the README).
    made_essential = [e | {skill} if i == origin else e for i, e in enumerate(essential)]
    for measure in ("essential", "every"):
        old, new = getattr(before, measure), getattr(profiles(made_essential, optional, groups), measure)
        assert overlap(new, after.essential)[origin, destination] >= overlap(old, before.essential)[origin, destination]


@PROPERTY
@given(occupations())
def test_blank_hierarchy_groups_leave_the_two_overlaps_alone(drawn):
    essential, optional, _groups = drawn
    blank = profiles(essential, optional, [""] * SKILLS)
    expected = (overlap(blank.essential, blank.essential) + overlap(blank.every, blank.essential)) / 2
    np.fill_diagonal(expected, 1)
    assert np.allclose(combined_similarity(blank), expected, atol=1e-6)
