from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways import scoring
from pathways.catalogue import read_catalogue
from pathways.routes import Catalogue, TransitionEdge, find_routes
from pathways.scoring import ExperienceStepNeed, Profile, RoleRequirements, SkillNeed
from roles.models import Circumstance, Role, implied_circumstances
from tests.pathways.strategies import AREAS, CIRCUMSTANCES, ESTIMATES, RANKS, catalogues, profiles


def quickest(catalogue: Catalogue, profile: Profile, target: int) -> int | None:
    """Months of the quickest route; 0 when ready, None when no route exists."""
    found = find_routes(catalogue, profile, target)
    if found.ready:
        return 0
    return found.best.min_months if found.best else None


@st.composite
def routing_cases(draw):
    catalogue = draw(catalogues())
    profile = draw(profiles(role_ids=tuple(catalogue.roles)))
    return catalogue, profile, draw(st.sampled_from(list(catalogue.roles)))


@settings(max_examples=150, deadline=None)
@given(routing_cases(), st.data())
def test_raising_an_assessed_skill_never_makes_the_quickest_route_longer(case, data):
    catalogue, profile, target = case
    if not profile.ratings:
        return
    skill_id = data.draw(st.sampled_from(sorted(profile.ratings)))
    before = quickest(catalogue, profile, target)
    raised = replace(profile, ratings={**profile.ratings, skill_id: min(5, profile.ratings[skill_id] + 1)})
    after = quickest(catalogue, raised, target)
    if before is not None:
        assert after is not None and after <= before


@settings(max_examples=150, deadline=None)
@given(routing_cases(), st.sampled_from(AREAS), st.integers(1, 60))
def test_more_experience_never_makes_the_quickest_route_longer(case, area, months):
    catalogue, profile, target = case
    before = quickest(catalogue, profile, target)
    more = replace(profile, experience={**profile.experience, area: profile.months_in(area) + months})
    after = quickest(catalogue, more, target)
    if before is not None:
        assert after is not None and after <= before


@settings(max_examples=100, deadline=None)
@given(routing_cases())
def test_saying_a_circumstance_is_true_never_makes_the_quickest_route_longer(case):
    catalogue, profile, target = case
    before = quickest(catalogue, profile, target)
    after = quickest(catalogue, replace(profile, circumstances=frozenset(CIRCUMSTANCES)), target)
    if before is not None:
        assert after is not None and after <= before


@settings(max_examples=100, deadline=None)
@given(routing_cases(), st.integers(1, 5))
def test_a_skill_gap_adds_time_to_a_route(case, levels):
    """Skills take time: a route's stays are never shorter than the skill furthest below the next role."""
    catalogue, profile, target = case
    found = find_routes(catalogue, profile, target)
    for route in [found.best, *found.alternatives] if found.best else []:
        for leg in route.legs:
            furthest = max((step.shortfall for step in leg.skills_to_raise), default=0)
            assert leg.min_months >= furthest * catalogue.estimates.skill_level_months


@settings(max_examples=150, deadline=None)
@given(routing_cases(), st.sampled_from(RANKS))
def test_adding_a_degree_never_makes_the_quickest_route_longer(case, rank):
    catalogue, profile, target = case
    before = quickest(catalogue, profile, target)
    higher = replace(profile, degree_rank=max(rank, profile.degree_rank), degree_field=profile.degree_field or "operations")
    after = quickest(catalogue, higher, target)
    if before is not None:
        assert after is not None and after <= before


@settings(max_examples=150, deadline=None)
@given(routing_cases())
def test_the_route_finder_opens_to_a_person_exactly_the_open_roles_whose_entry_experience_they_hold(case):
    catalogue, profile, _target = case
    open_roles = catalogue.move_table.open_roles(profile)
    assert catalogue.move_table.qualified(profile) == {
        role_id
        for role_id, reqs in catalogue.roles.items()
        if role_id in open_roles and not scoring.months_missing(reqs.experience_needs(profile.scale, entry_only=True), profile)
    }


@settings(max_examples=100, deadline=None)
@given(routing_cases())
def test_routes_end_at_the_target_and_alternatives_differ(case):
    catalogue, profile, target = case
    found = find_routes(catalogue, profile, target)
    routes = [found.best, *found.alternatives] if found.best else []
    assert len(found.alternatives) <= 3
    for route in routes:
        assert route.role_ids[-1] == target
        assert route.min_months <= route.max_months
    for index, route in enumerate(routes[1:], start=1):
        assert all(not route.intermediate_role_ids <= other.intermediate_role_ids for other in routes[:index])


def test_you_are_ready_when_nothing_is_missing():
    catalogue = Catalogue(roles={1: RoleRequirements(1, skills=(SkillNeed(1, 3, True),))}, transitions=(), estimates=ESTIMATES)
    found = find_routes(catalogue, Profile(ratings={1: 3}), 1)
    assert found.ready and found.best is None


def test_a_target_nobody_leads_to_has_no_route():
    catalogue = Catalogue(
        roles={
            1: RoleRequirements(1, skills=(SkillNeed(1, 3, True),)),
            2: RoleRequirements(2, skills=(SkillNeed(1, 5, True),), steps=(ExperienceStepNeed("operations", 24),)),
        },
        transitions=(TransitionEdge(1, None, 1, 6, 12),),
        estimates=ESTIMATES,
    )
    found = find_routes(catalogue, Profile(ratings={1: 1}), 2)
    assert not found.ready and found.best is None


def test_a_role_whose_degree_and_experience_a_person_holds_is_open_once_the_skills_are_raised():
    catalogue = Catalogue(
        roles={1: RoleRequirements(1, skills=(SkillNeed(1, 4, True),), steps=(ExperienceStepNeed("operations", 24),))},
        transitions=(),
        estimates=ESTIMATES,
    )
    found = find_routes(catalogue, Profile(ratings={1: 2}, experience={"operations": 36}), 1)
    assert [leg.transition for leg in found.best.legs] == [None]  # apply, no ladder to climb
    assert found.best.min_months == 2 * ESTIMATES.skill_level_months


# Worked examples from the articles, on the curated content.


def slugs_of(route) -> list[str]:
    titles = dict(Role.objects.values_list("pk", "slug"))
    return [titles[role_id] for role_id in route.role_ids]


@pytest.mark.django_db
def test_a_business_graduate_with_internships_goes_through_supervision_and_operations_management(content):
    target = Role.objects.get(slug="executive-director-of-operations")
    graduate = Profile(degree_rank=3, degree_field="business-management", experience={"operations": 24})
    found = find_routes(read_catalogue(), graduate, target.pk)
    assert slugs_of(found.best) == [
        "junior-operations-officer",
        "operations-supervisor",
        "operations-manager",
        "executive-director-of-operations",
    ]
    assert not found.best.uses_degree
    assert found.alternatives  # e.g. through facilities or customer service
    assert all(set(slugs_of(alt)) - set(slugs_of(found.best)) for alt in found.alternatives)


@pytest.mark.django_db
def test_someone_who_ran_a_large_family_business_without_a_degree_gets_the_experience_route(content):
    target = Role.objects.get(slug="executive-director-of-operations")
    family = Role.objects.get(slug="family-business-manager")
    owner = Profile(
        experience={"business": 96, "operations": 60, "people": 60},
        current_role_id=family.pk,
        circumstances=implied_circumstances({Circumstance.LARGE_FAMILY_BUSINESS}),
    )
    found = find_routes(read_catalogue(), owner, target.pk)
    assert slugs_of(found.best) == ["executive-director-of-operations"]
    assert found.best.uses_experience_route
    assert not found.best.uses_degree
    undeclared = find_routes(read_catalogue(), replace(owner, circumstances=frozenset()), target.pk)
    assert not any(route.uses_experience_route for route in (undeclared.best, *undeclared.alternatives))


@pytest.mark.django_db
def test_a_student_without_a_degree_is_told_to_get_one_first(content):
    target = Role.objects.get(slug="executive-director-of-operations")
    found = find_routes(read_catalogue(), Profile(experience={"operations": 6}), target.pk)
    assert found.best.uses_degree or found.best.uses_experience_route
    degree_routes = [r for r in [found.best, *found.alternatives] if r.uses_degree]
    assert degree_routes and degree_routes[0].legs[0].degree is not None


@pytest.mark.django_db
def test_a_sector_preferred_orders_the_routes_and_closes_none(content):
    target = Role.objects.get(slug="executive-director-of-operations")
    graduate = Profile(degree_rank=3, degree_field="business-management", experience={"operations": 24}, sector="production")
    found = find_routes(read_catalogue(), graduate, target.pk)
    routes = [found.best, *found.alternatives]
    assert "customer-service-manager" not in slugs_of(found.best)  # as quick through production: production first
    assert any("customer-service-manager" in slugs_of(route) for route in routes)  # still offered
    services = find_routes(read_catalogue(), replace(graduate, sector="services"), target.pk)
    assert {tuple(slugs_of(route)) for route in routes} == {
        tuple(slugs_of(route)) for route in (services.best, *services.alternatives)
    }


@settings(max_examples=150, deadline=None)
@given(routing_cases())
def test_the_route_finder_finds_what_networkx_finds_over_the_same_moves(case):
    """networkx's Dijkstra over the fully built state graph is the oracle for the lazy search."""
    import math

    import networkx as nx

    from pathways.routes import route_finder_for

    catalogue, profile, target = case
    found = find_routes(catalogue, profile, target)
    if found.ready:
        return
    finder = route_finder_for(catalogue, profile, target)
    source = finder.source
    graph, frontier, seen = nx.DiGraph(), [(source, finder.profile.degree_rank)], set()
    while frontier:
        state = frontier.pop()
        if state in seen:
            continue
        seen.add(state)
        for to_id, new_rank, months, _transition in finder.moves(*state, source):
            graph.add_edge(state, (to_id, new_rank), weight=months)
            frontier.append((to_id, new_rank))
    for rank in {rank for _, rank in seen}:
        graph.add_edge((target, rank), "finish", weight=0)
    try:
        expected = nx.dijkstra_path_length(graph, (source, finder.profile.degree_rank), "finish")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        assert found.best is None
        return
    assert found.best is not None
    # The search finds the route whose shortest length is least first; the result shows first the one whose
    # longest is least.
    assert min(route.min_months for route in (found.best, *found.alternatives)) == math.floor(expected + 1e-9)
