"""The guidance's properties hold from any ESCO job: over the curated catalogue with generated bridges (one or two
steps, viable or highly viable, with skills carried and to gain) into its roles, and generated people whose job is
that occupation. A bridge is a move like the others: it never makes more experience, a higher skill or another
preferred sector read worse, never enters the ladder above the level the person's experience supports (or the
lowest a bridge reaches), never passes below it, and its time is a range that keeps the bridge's own estimate."""

import os
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.bridges import Bridge, BridgeStep
from pathways.catalogue import read_catalogue
from pathways.evaluation import evaluate
from pathways.routes import Catalogue
from roles.models import Sector, Viability
from tests.pathways.test_guidance_properties import one_unit_more, profiles, quickest, routes_of

EXAMPLES = int(os.environ.get("GUIDANCE_EXAMPLES", "500")) // 2
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
JOB = 10**9  # the person's occupation: no role of the catalogue
NEIGHBOUR = JOB + 1

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(content) -> Catalogue:
    return read_catalogue()


@st.composite
def steps(draw, origin: int, destination: int) -> BridgeStep:
    carried = draw(st.integers(0, 20))
    return BridgeStep(
        origin,
        destination,
        draw(st.floats(0.15, 1)),
        draw(st.sampled_from([Viability.VIABLE.value, Viability.HIGHLY_VIABLE.value])),
        tuple(range(carried)),
        tuple(range(100, 100 + draw(st.integers(0, 20)))),
    )


@st.composite
def bridged(draw, catalogue: Catalogue) -> Catalogue:
    """The catalogue with bridges from JOB into some of its roles, straight or through NEIGHBOUR."""
    entered = draw(st.lists(st.sampled_from(sorted(catalogue.roles)), unique=True, min_size=1, max_size=3))
    bridges = []
    for role_id in entered:
        twin = -role_id  # the role's ESCO twin: an occupation outside the catalogue
        if draw(st.booleans()):
            bridges.append(Bridge(role_id, (draw(steps(JOB, twin)),)))
        else:
            bridges.append(Bridge(role_id, (draw(steps(JOB, NEIGHBOUR)), draw(steps(NEIGHBOUR, twin)))))
    # The roles standing for an ESCO occupation: those bridged into, and maybe others no bridge reaches.
    twinned = frozenset(entered) | frozenset(draw(st.lists(st.sampled_from(sorted(catalogue.roles)), max_size=2)))
    return catalogue.with_bridges(tuple(bridges), twinned)


@st.composite
def cases(draw, catalogue: Catalogue):
    with_bridges = draw(bridged(catalogue))
    target_id = draw(st.sampled_from(sorted(catalogue.roles)))
    person = draw(profiles(catalogue, target_id, current=[None]))
    return with_bridges, target_id, replace(person, current_role_id=JOB, months_in_role=draw(st.integers(0, 240)))


def level(catalogue: Catalogue, role_id: int) -> int:
    return catalogue.places[role_id].level or 0


@PROPERTY
@given(data=st.data())
def test_from_an_esco_job_more_experience_or_a_higher_skill_never_reads_worse(catalogue, data):
    with_bridges, target_id, person = data.draw(cases(catalogue))
    more = data.draw(one_unit_more(person))
    before, after = evaluate(with_bridges, person, target_id), evaluate(with_bridges, more, target_id)
    seen = (target_id, person, before.months_to_ready, after.months_to_ready)
    assert quickest(after)[0] <= quickest(before)[0], seen
    assert quickest(after)[1] <= quickest(before)[1], seen
    if before.target.total is not None:
        assert before.target.total <= after.target.total, seen


@PROPERTY
@given(data=st.data())
def test_a_bridge_enters_the_ladder_no_higher_than_experience_supports_and_no_route_passes_below(catalogue, data):
    """A role standing for an ESCO occupation is entered from the job by a bridge, never applied to straight."""
    with_bridges, target_id, person = data.draw(cases(catalogue))
    result = evaluate(with_bridges, person, target_id)
    floor = with_bridges.move_table.experience_level(person, target_id)
    lowest_bridged = min(level(catalogue, move.to_role_id) for move in with_bridges.moves if move.bridge)
    for route in routes_of(result):
        seen = (target_id, person, floor, route.role_ids)
        for role_id in route.role_ids:
            if role_id != target_id:
                assert level(catalogue, role_id) >= floor, seen
        first = route.legs[0]
        if first.transition and first.transition.bridge:
            assert level(catalogue, first.to_role_id) <= max(floor, lowest_bridged), seen
        if first.from_role_id is None and first.transition is None:  # applying straight from the job
            assert first.to_role_id not in with_bridges.entered_by_bridge, seen


@PROPERTY
@given(data=st.data())
def test_a_bridge_leg_is_a_range_that_keeps_the_bridge_estimate(catalogue, data):
    with_bridges, target_id, person = data.draw(cases(catalogue))
    per_level = catalogue.estimates.skill_level_months
    for route in routes_of(evaluate(with_bridges, person, target_id)):
        assert route.min_months <= route.max_months
        for leg in route.legs:
            assert leg.min_months <= leg.max_months
            if leg.transition and leg.transition.bridge:
                low, high = leg.transition.bridge.months(per_level)
                assert leg.min_months >= low and leg.max_months >= high, (leg, low, high)


@PROPERTY
@given(data=st.data())
def test_from_an_esco_job_the_preferred_sector_changes_no_readiness(catalogue, data):
    with_bridges, target_id, person = data.draw(cases(catalogue))
    other = replace(person, sector=data.draw(st.sampled_from([s for s in Sector.values if s != person.sector])))
    one, two = evaluate(with_bridges, person, target_id), evaluate(with_bridges, other, target_id)
    assert (one.target.total, one.band, one.target.ready) == (two.target.total, two.band, two.target.ready)
    assert {route.role_ids for route in routes_of(one)} == {route.role_ids for route in routes_of(two)}


def test_a_bridge_months_grow_with_a_weaker_move_and_with_something_to_gain():
    """Nothing to gain: up to one period of a skill level; something to gain on a highly viable move: one to two;
    on a viable one: two to four."""
    nothing = BridgeStep(1, 2, 0.5, Viability.HIGHLY_VIABLE.value, (1,), ())
    close = replace(nothing, to_gain=(3,))
    farther = replace(close, viability=Viability.VIABLE.value)
    assert [step.months(6) for step in (nothing, close, farther)] == [(0, 6), (6, 12), (12, 24)]
    assert Bridge(9, (close, farther)).months(6) == (18, 36)
