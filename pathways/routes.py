"""Route planning: the quickest ordered moves from where a person is to the role they want.

The graph's nodes are (position, degree rank held): a position is a role, or START for
someone coming from studies or another field. Each applicable transition becomes an edge
whose length in months is the longer of the move's usual time and the experience the person
still lacks for the next role (counting what the role they leave has given them), plus the
studies for a degree when the next role asks for one they do not hold. Tracking the degree in
the node counts a degree once per route. From where the person is, a role they already fully
qualify for is reachable at once. Every edge only shortens or appears when the person gains a
degree, experience or a skill level, so the quickest route never gets longer.
"""

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import networkx as nx

from .scoring import (
    ANY_SECTOR,
    DegreeOption,
    Profile,
    RoleRequirements,
    SkillGap,
    alternative_route_met,
    degree_level_met,
    readiness,
)

START = "start"
FINISH = "finish"
MIN_SCALE, MAX_SCALE = 1, 4
# A master's or MBA assumes a first degree; without one, the first degree comes first.
FIRST_DEGREE_RANK, FIRST_DEGREE_MONTHS = 3, 36
# Among routes of equal length, prefer moves that hold in any organisation.
CONDITIONAL_MOVE_PENALTY = 0.01
MAX_ALTERNATIVES = 3
CANDIDATE_ROUTES = 12


@dataclass(frozen=True)
class TransitionEdge:
    transition_id: int
    from_role_id: int | None  # None: from studies or another field
    to_role_id: int
    min_months: int
    max_months: int
    sector: str = ANY_SECTOR
    min_scale: int = MIN_SCALE
    max_scale: int = MAX_SCALE

    @property
    def is_conditional(self) -> bool:
        return self.sector != ANY_SECTOR or self.min_scale > MIN_SCALE or self.max_scale < MAX_SCALE

    def applies_to(self, profile: Profile) -> bool:
        sector_ok = self.sector == ANY_SECTOR or profile.sector in (ANY_SECTOR, self.sector)
        scale_ok = profile.scale is None or self.min_scale <= profile.scale <= self.max_scale
        return sector_ok and scale_ok


@dataclass(frozen=True)
class Catalogue:
    roles: Mapping[int, RoleRequirements]
    transitions: tuple[TransitionEdge, ...]


@dataclass(frozen=True)
class Leg:
    """One move: what to obtain and gain in the current position, then the role taken."""

    to_role_id: int
    from_role_id: int | None
    transition: TransitionEdge | None  # None: the person already qualifies and can apply
    min_months: int  # time in the current position before the move, studies excluded
    max_months: int
    degree: DegreeOption | None  # a degree to obtain first
    degree_months: int
    experience_missing: Mapping[str, int]  # area -> months still to gain before the move
    skill_gaps: tuple[SkillGap, ...]  # the next role's skills the person rates below what it asks
    experience_route: bool  # the next role's degree is replaced by experience (e.g. a family business)


@dataclass(frozen=True)
class Route:
    legs: tuple[Leg, ...]

    @property
    def min_months(self) -> int:
        return sum(leg.min_months + leg.degree_months for leg in self.legs)

    @property
    def max_months(self) -> int:
        return sum(leg.max_months + leg.degree_months for leg in self.legs)

    @property
    def role_ids(self) -> tuple[int, ...]:
        return tuple(leg.to_role_id for leg in self.legs)

    @property
    def intermediate_role_ids(self) -> frozenset[int]:
        return frozenset(self.role_ids[:-1])

    @property
    def uses_degree(self) -> bool:
        return any(leg.degree for leg in self.legs)

    @property
    def uses_experience_route(self) -> bool:
        return any(leg.experience_route for leg in self.legs)

    @property
    def sectors(self) -> frozenset[str]:
        return frozenset(leg.transition.sector for leg in self.legs if leg.transition and leg.transition.sector != ANY_SECTOR)


@dataclass(frozen=True)
class RoutePlan:
    target_role_id: int
    ready: bool  # nothing is missing for the target
    best: Route | None  # None when ready, or when no route leads there in our content
    alternatives: tuple[Route, ...] = ()


def degree_step(requirements: RoleRequirements, profile: Profile, rank: int) -> tuple[DegreeOption | None, int, int]:
    """The quickest degree that opens the role for someone holding `rank`: (degree, months, new rank)."""
    held = Profile(degree_rank=rank, experience=profile.experience, sector=profile.sector)
    if degree_level_met(requirements, held):
        return None, 0, rank
    best = None
    for option in requirements.degrees:
        months = option.months + (FIRST_DEGREE_MONTHS if option.rank > FIRST_DEGREE_RANK > rank else 0)
        if best is None or months < best[1]:
            best = (option, months, max(rank, option.rank))
    return best


def carried_experience(requirements: RoleRequirements | None, profile: Profile) -> dict[str, int]:
    """What a person has when leaving a role: their own months, or at least what the role took."""
    carried = dict(profile.experience)
    if requirements is not None:
        for area, months in requirements.experience_needs(profile.sector).items():
            carried[area] = max(carried.get(area, 0), months)
    return carried


def make_leg(
    catalogue: Catalogue, profile: Profile, transition: TransitionEdge | None, from_id: int | None, to_id: int, rank: int
) -> tuple[Leg, int]:
    target = catalogue.roles[to_id]
    carried = carried_experience(catalogue.roles.get(from_id) if from_id else None, profile)
    missing = {
        area: months - carried.get(area, 0)
        for area, months in target.experience_needs(profile.sector).items()
        if carried.get(area, 0) < months
    }
    gap = max(missing.values(), default=0)
    degree, degree_months, new_rank = degree_step(target, profile, rank)
    experience_route = target.asks_for_degree and profile.degree_rank == 0 and alternative_route_met(target, profile)
    gaps = tuple(g for g in readiness(target, profile, explain=False).gaps if g.need.essential)
    leg = Leg(
        to_role_id=to_id,
        from_role_id=from_id,
        transition=transition,
        min_months=max(transition.min_months if transition else 0, gap),
        max_months=max(transition.max_months if transition else 0, gap),
        degree=degree,
        degree_months=degree_months,
        experience_missing=missing,
        skill_gaps=gaps,
        experience_route=experience_route,
    )
    return leg, new_rank


def build_graph(catalogue: Catalogue, profile: Profile, source: int | str, target_id: int) -> nx.DiGraph:
    graph = nx.DiGraph()
    ranks = sorted({profile.degree_rank, *(o.rank for r in catalogue.roles.values() for o in r.degrees)})
    ranks = [rank for rank in ranks if rank >= profile.degree_rank]

    def add(transition: TransitionEdge | None, from_node: int | str, to_id: int, rank: int) -> None:
        from_id = from_node if isinstance(from_node, int) else None
        leg, new_rank = make_leg(catalogue, profile, transition, from_id, to_id, rank)
        weight = leg.min_months + leg.degree_months
        if transition is not None and transition.is_conditional:
            weight += CONDITIONAL_MOVE_PENALTY
        graph.add_edge((from_node, rank), (to_id, new_rank), weight=weight, leg=leg)

    for transition in catalogue.transitions:
        if transition.to_role_id not in catalogue.roles or not transition.applies_to(profile):
            continue
        from_node = START if transition.from_role_id is None else transition.from_role_id
        if from_node != START and from_node not in catalogue.roles:
            continue
        for rank in ranks:
            add(transition, from_node, transition.to_role_id, rank)
    # From where the person stands, any role they already fully qualify for is open now.
    for role_id, requirements in catalogue.roles.items():
        if role_id != source and readiness(requirements, profile, explain=False).is_ready:
            add(None, source, role_id, profile.degree_rank)
    for rank in ranks:
        graph.add_edge((target_id, rank), FINISH, weight=0)
    return graph


def route_from_path(graph: nx.DiGraph, path: list) -> Route:
    return Route(legs=tuple(graph.edges[u, v]["leg"] for u, v in itertools.pairwise(path) if v != FINISH))


def candidate_routes(graph: nx.DiGraph, start_node) -> Iterator[Route]:
    seen = set()
    try:
        for path in itertools.islice(nx.shortest_simple_paths(graph, start_node, FINISH, weight="weight"), CANDIDATE_ROUTES):
            route = route_from_path(graph, path)
            if route.role_ids not in seen:
                seen.add(route.role_ids)
                yield route
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return


def is_distinct(route: Route, chosen: list[Route]) -> bool:
    """Genuinely different: it passes through a role that no chosen route passes through."""
    return all(not route.intermediate_role_ids <= other.intermediate_role_ids for other in chosen) and all(
        route.role_ids != other.role_ids for other in chosen
    )


def plan_route(catalogue: Catalogue, profile: Profile, target_id: int) -> RoutePlan:
    target = catalogue.roles[target_id]
    if profile.current_role_id == target_id or readiness(target, profile, explain=False).is_ready:
        return RoutePlan(target_role_id=target_id, ready=True, best=None)
    source = profile.current_role_id if profile.current_role_id in catalogue.roles else START
    graph = build_graph(catalogue, profile, source, target_id)
    routes = candidate_routes(graph, (source, profile.degree_rank))
    best = next(routes, None)
    if best is None:
        return RoutePlan(target_role_id=target_id, ready=False, best=None)
    chosen = [best]
    for route in routes:
        if len(chosen) > MAX_ALTERNATIVES:
            break
        if is_distinct(route, chosen):
            chosen.append(route)
    return RoutePlan(target_role_id=target_id, ready=False, best=best, alternatives=tuple(chosen[1:]))
