"""Route planning: the quickest ordered moves from where a person is to the role they want.

The search runs over states (position, degree rank held): a position is a role, or START for
someone coming from studies or another field. Each applicable transition is a move whose
length in months is the longer of the move's usual time and the experience the person still
lacks for the next role (counting what the role they leave has given them), plus the studies
for a degree when the next role asks for one they do not hold. Tracking the degree in the state
counts a degree once per route. From where the person is, a role they already fully qualify
for is open at once. Every move only shortens or appears when the person gains a degree,
experience or a skill level, so the quickest route never gets longer.

The search is A*, stopping at the target, guided by a floor on the months left from each
position (one backward search over this person's moves, studies left out). The experience a
person still lacks before a move is worked out in one place, `MoveTable.shortfalls`, on arrays:
for all of a catalogue's moves at once (10,000 on a catalogue the size of ESCO) as for the legs
of the route shown.
tests/pathways/test_routes.py checks the planner against networkx on random catalogues.
"""

import heapq
import itertools
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from roles.models import ExperienceArea, Scale, Sector

from . import scoring
from .scoring import DegreeOption, Profile, RoleRequirements, SkillGap, alternative_route_met, degree_level_met, readiness

START = "start"
# A master's or MBA assumes a first degree; without one, the first degree comes first.
FIRST_DEGREE_RANK, FIRST_DEGREE_MONTHS = 3, 36
# Among routes of equal length, prefer moves that hold in any organisation.
CONDITIONAL_MOVE_PENALTY = 0.01
# Alternatives are searched with the roles of the routes already chosen made this much longer.
DETOUR_PENALTY = 10_000
MAX_ALTERNATIVES = 3
INFINITE = float("inf")


@dataclass(frozen=True)
class TransitionEdge:
    transition_id: int
    from_role_id: int | None  # None: from studies or another field
    to_role_id: int
    min_months: int
    max_months: int
    sector: str = Sector.BOTH
    min_scale: int = Scale.MICRO
    max_scale: int = Scale.LARGE

    @property
    def origin(self) -> int | str:
        """The position the move leaves: a role, or START."""
        return START if self.from_role_id is None else self.from_role_id

    @property
    def is_conditional(self) -> bool:
        return self.sector != Sector.BOTH or self.min_scale > Scale.MICRO or self.max_scale < Scale.LARGE

    def applies_to(self, profile: Profile) -> bool:
        sector_ok = self.sector == Sector.BOTH or profile.sector in (Sector.BOTH, self.sector)
        scale_ok = profile.scale is None or self.min_scale <= profile.scale <= self.max_scale
        return sector_ok and scale_ok


@dataclass(frozen=True)
class Catalogue:
    roles: Mapping[int, RoleRequirements]
    transitions: tuple[TransitionEdge, ...]

    @cached_property
    def skill_users(self) -> dict[int, list[tuple[int, scoring.SkillNeed]]]:
        return scoring.skill_users(self.roles)

    @cached_property
    def moves(self) -> tuple[TransitionEdge, ...]:
        """The transitions between roles of the catalogue (or from studies), indexed by the planner."""
        return tuple(transition for transition in self.transitions if transition.to_role_id in self.roles
                     and (transition.from_role_id is None or transition.from_role_id in self.roles))

    @cached_property
    def moves_from(self) -> dict[int | str, list[int]]:
        """The moves (indexes in `moves`) out of each position."""
        out: dict[int | str, list[int]] = {}
        for index, transition in enumerate(self.moves):
            out.setdefault(transition.origin, []).append(index)
        return out

    @cached_property
    def moves_into(self) -> dict[int, list[tuple[int | str, int]]]:
        """(origin, index in `moves`) of every move into each role."""
        into: dict[int, list[tuple[int | str, int]]] = {}
        for index, transition in enumerate(self.moves):
            into.setdefault(transition.to_role_id, []).append((transition.origin, index))
        return into

    @cached_property
    def move_table(self) -> "MoveTable":
        return MoveTable.of(self)


@dataclass(frozen=True)
class MoveTable:
    """What every position asks in each experience area, and every move's ends and usual times, as arrays
    built once per catalogue: rows are the roles, then START (which asks nothing); columns the areas."""

    rows: Mapping[int | str, int]
    needs: Mapping[str, np.ndarray]  # sector -> months per area each position asks on its usual route
    origins: np.ndarray  # row of each move's origin
    targets: np.ndarray  # row of each move's role
    usual_min: np.ndarray
    usual_max: np.ndarray
    penalties: np.ndarray  # CONDITIONAL_MOVE_PENALTY for a move that holds in some organisations only
    moves: tuple[TransitionEdge, ...]

    @classmethod
    def of(cls, catalogue: Catalogue) -> "MoveTable":
        rows = {role_id: row for row, role_id in enumerate(catalogue.roles)} | {START: len(catalogue.roles)}
        positions = [*catalogue.roles.values(), None]
        moves = catalogue.moves
        return cls(
            rows=rows,
            needs={sector: np.array([[requirements.experience_needs(sector).get(area, 0) if requirements else 0
                                      for area in ExperienceArea.values] for requirements in positions], dtype=np.int64)
                   for sector in Sector.values},
            origins=np.array([rows[move.origin] for move in moves], dtype=np.intp),
            targets=np.array([rows[move.to_role_id] for move in moves], dtype=np.intp),
            usual_min=np.array([move.min_months for move in moves], dtype=np.int64),
            usual_max=np.array([move.max_months for move in moves], dtype=np.int64),
            penalties=np.array([CONDITIONAL_MOVE_PENALTY if move.is_conditional else 0.0 for move in moves]),
            moves=moves,
        )

    def shortfalls(self, profile: Profile, origins: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Months per area the person still lacks to move from each origin row to the matching target row:
        what the target asks beyond what they carry out of the origin (their own months, or at least what
        the origin role took)."""
        needs = self.needs[profile.sector]
        own = np.array([profile.months_in(area) for area in ExperienceArea.values], dtype=np.int64)
        return np.maximum(needs[targets] - np.maximum(needs[origins], own), 0)

    @staticmethod
    def stays(usual_min, usual_max, shortfalls: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Shortest and longest time in a position before a move, studies aside: the move's usual time, or
        longer to gain the experience still missing."""
        gap = shortfalls.max(axis=1, initial=0)
        return np.maximum(usual_min, gap), np.maximum(usual_max, gap)

    def costs(self, profile: Profile) -> list[float]:
        """What each move costs the searches: its shortest stay (a hair more when it holds in some
        organisations only), or infinite when it does not apply to the person's sector or scale."""
        shortest, _longest = self.stays(self.usual_min, self.usual_max,
                                        self.shortfalls(profile, self.origins, self.targets))
        applies = np.fromiter((move.applies_to(profile) for move in self.moves), dtype=bool, count=len(self.moves))
        return np.where(applies, shortest + self.penalties, INFINITE).tolist()


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
    skill_gaps: tuple[SkillGap, ...]  # the next role's essential skills the person rates below what it asks
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
        return frozenset(leg.transition.sector for leg in self.legs if leg.transition and leg.transition.sector != Sector.BOTH)


@dataclass(frozen=True)
class RoutePlan:
    target_role_id: int
    ready: bool  # nothing is missing for the target
    best: Route | None  # None when ready, or when no route leads there in our content
    alternatives: tuple[Route, ...] = ()


class Planner:
    """One person's search over one catalogue; what it computes per role is kept for reuse."""

    def __init__(self, catalogue: Catalogue, profile: Profile, ready: frozenset[int]):
        self.catalogue = catalogue
        self.profile = profile
        self.ready = ready
        self._degree: dict[tuple[int, int], tuple[DegreeOption | None, int, int]] = {}
        self._moves: dict[tuple, list] = {}  # state -> its moves, shared by the searches for alternatives
        self._floors: dict[int, dict[int | str, float]] = {}
        self._gaps: dict[int, tuple[SkillGap, ...]] = {}
        self.table = catalogue.move_table
        self.costs = self.table.costs(profile)  # by index in catalogue.moves

    def stay(self, transition: TransitionEdge | None, origin: int | str, to_id: int) -> tuple[int, int, dict[str, int]]:
        """Shortest and longest time in the position before one move, and the months still missing per area."""
        shortfall = self.table.shortfalls(self.profile, np.array([self.table.rows[origin]]),
                                          np.array([self.table.rows[to_id]]))
        usual = (transition.min_months, transition.max_months) if transition else (0, 0)
        shortest, longest = self.table.stays(*usual, shortfall)
        missing = {area: int(months) for area, months in zip(ExperienceArea.values, shortfall[0], strict=True) if months}
        return int(shortest[0]), int(longest[0]), missing

    def degree_step(self, role_id: int, rank: int) -> tuple[DegreeOption | None, int, int]:
        """The quickest degree that opens the role for someone holding `rank`: (degree, months, new rank)."""
        key = (role_id, rank)
        if key not in self._degree:
            requirements = self.catalogue.roles[role_id]
            best: tuple[DegreeOption | None, int, int] = (None, 0, rank)
            if not degree_level_met(requirements, self.profile, rank):
                options = [
                    (option, option.months + (FIRST_DEGREE_MONTHS if option.rank > FIRST_DEGREE_RANK > rank else 0))
                    for option in requirements.degrees
                ]
                option, months = min(options, key=lambda pair: pair[1])
                best = (option, months, max(rank, option.rank))
            self._degree[key] = best
        return self._degree[key]

    def moves(self, position: int | str, rank: int, source: int | str) -> list:
        """(next role, new rank, months, transition) for every move open from this state."""
        key = (position, rank)
        if key not in self._moves:
            moves = [
                self.move(self.catalogue.moves[index], self.catalogue.moves[index].to_role_id, rank, self.costs[index])
                for index in self.catalogue.moves_from.get(position, ())
                if self.costs[index] != INFINITE  # the move applies to this person
            ]
            if position == source and rank == self.profile.degree_rank:
                # Applying at once for a role the person qualifies for: a stay only if experience is missing.
                moves += [self.move(None, role_id, rank, self.stay(None, position, role_id)[0])
                          for role_id in self.ready if role_id != source]
            self._moves[key] = moves
        return self._moves[key]

    def move(self, transition: TransitionEdge | None, to_id: int, rank: int, stay: float):
        _degree, degree_months, new_rank = self.degree_step(to_id, rank)
        return to_id, new_rank, stay + degree_months, transition

    def floor(self, target_id: int) -> dict[int | str, float]:
        """For each position that leads to the target, the months it takes at least: every move's stay,
        studies left out. A backward search with this person's moves; no move undercuts it."""
        if target_id not in self._floors:
            bound: dict[int | str, float] = {target_id: 0.0}
            counter = itertools.count()
            queue = [(0.0, next(counter), target_id)]
            while queue:
                months, _, position = heapq.heappop(queue)
                if months > bound[position] or position == START:
                    continue
                for origin, index in self.catalogue.moves_into.get(position, ()):
                    total = months + self.costs[index]  # infinite for a move that does not apply
                    if total < bound.get(origin, INFINITE):
                        bound[origin] = total
                        heapq.heappush(queue, (total, next(counter), origin))
            self._floors[target_id] = bound
        return self._floors[target_id]

    def crossings(self, target_id: int, avoid: frozenset[int]) -> dict[int | str, int]:
        """For each position, how many roles of `avoid` a route from it to the target passes through at
        least: with `floor()`, a sharp estimate for the searches of alternatives (a backward 0-1 search)."""
        count: dict[int | str, int] = {target_id: 0}
        queue = deque([target_id])
        done = set()  # the first time a position leaves the queue, its count is final
        while queue:
            position = queue.popleft()
            if position == START or position in done:
                continue
            done.add(position)
            through = count[position] + (position in avoid)
            for origin, index in self.catalogue.moves_into.get(position, ()):
                if self.costs[index] != INFINITE and through < count.get(origin, through + 1):
                    count[origin] = through
                    queue.appendleft(origin) if through == count[position] else queue.append(origin)
        return count

    def shortest(self, source: int | str, target_id: int, avoid: frozenset[int] = frozenset()) -> Route | None:
        """A* from the person's state to any state at the target; `avoid` makes roles costly.

        The estimate of what remains is `floor()`, which no move undercuts, so the first route found
        is the quickest, and positions that cannot lead to the target are never explored.
        """
        floor = self.floor(target_id)
        crossed = self.crossings(target_id, avoid) if avoid else {}

        def estimate(position) -> float | None:
            if position not in floor:
                return None  # no move leads from there to the target
            return floor[position] + DETOUR_PENALTY * crossed.get(position, 0)

        # From the source, a role the person already qualifies for is open at once.
        at_source = min([estimate(source) if source in floor else INFINITE,
                         *(estimate(role_id) + DETOUR_PENALTY * (role_id in avoid)
                           for role_id in self.ready if role_id in floor)])
        start = (source, self.profile.degree_rank)
        distance = {start: 0.0}
        previous: dict[tuple, tuple[tuple, TransitionEdge | None]] = {}
        settled: dict[int | str, list[int]] = {}  # ranks already reached at each position, soonest first
        counter = itertools.count()  # ties never compare states
        queue = [(at_source, next(counter), start)]
        while queue:
            _estimate, _, state = heapq.heappop(queue)
            dist = distance[state]
            if _estimate > dist + (at_source if state[0] == source else estimate(state[0])):
                continue  # a stale entry: the state was reached sooner since
            position, rank = state
            # Reached earlier with at least this degree: moves only get shorter with a higher degree.
            if any(held >= rank for held in settled.get(position, ())):
                continue
            settled.setdefault(position, []).append(rank)
            if position == target_id:
                return self.route(previous, state)
            for to_id, new_rank, months, transition in self.moves(position, rank, source):
                remaining = estimate(to_id)
                if remaining is None:
                    continue
                cost = dist + months + (DETOUR_PENALTY if to_id in avoid else 0)
                following = (to_id, new_rank)
                if cost < distance.get(following, INFINITE):
                    distance[following] = cost
                    previous[following] = (state, transition)
                    heapq.heappush(queue, (cost + (at_source if to_id == source else remaining), next(counter), following))
        return None

    def essential_gaps(self, role_id: int) -> tuple[SkillGap, ...]:
        """The role's essential skills the person rates below what it asks; routes share roles, so kept."""
        if role_id not in self._gaps:
            gaps = readiness(self.catalogue.roles[role_id], self.profile, explain=False).gaps
            self._gaps[role_id] = tuple(gap for gap in gaps if gap.need.essential)
        return self._gaps[role_id]

    def route(self, previous, state) -> Route:
        legs = []
        while state in previous:
            before, transition = previous[state]
            legs.append(self.leg(transition, before, state))
            state = before
        return Route(legs=tuple(reversed(legs)))

    def leg(self, transition: TransitionEdge | None, before: tuple, after: tuple) -> Leg:
        (position, rank), (to_id, _new_rank) = before, after
        from_id = position if isinstance(position, int) else None
        min_months, max_months, missing = self.stay(transition, position, to_id)
        degree, degree_months, _ = self.degree_step(to_id, rank)
        target = self.catalogue.roles[to_id]
        return Leg(
            to_role_id=to_id,
            from_role_id=from_id,
            transition=transition,
            min_months=min_months,
            max_months=max_months,
            degree=degree,
            degree_months=degree_months,
            experience_missing=missing,
            skill_gaps=self.essential_gaps(to_id),
            experience_route=(target.asks_for_degree and self.profile.degree_rank == 0
                              and alternative_route_met(target, self.profile)),
        )


def is_distinct(route: Route, chosen: list[Route]) -> bool:
    """Genuinely different: it passes through a role that no chosen route passes through."""
    return all(
        route.role_ids != other.role_ids and not route.intermediate_role_ids <= other.intermediate_role_ids
        for other in chosen
    )


def plan_route(
    catalogue: Catalogue, profile: Profile, target_id: int, totals: Mapping[int, int | None] | None = None
) -> RoutePlan:
    """The quickest route and up to three genuinely different ones; `totals` may be passed if known."""
    if totals is None:
        totals = scoring.totals(catalogue.roles, catalogue.skill_users, profile)
    if profile.current_role_id == target_id or totals[target_id] == 100:
        return RoutePlan(target_role_id=target_id, ready=True, best=None)
    source = profile.current_role_id if profile.current_role_id in catalogue.roles else START
    planner = Planner(catalogue, profile, frozenset(role_id for role_id, total in totals.items() if total == 100))
    best = planner.shortest(source, target_id)
    if best is None:
        return RoutePlan(target_role_id=target_id, ready=False, best=None)
    chosen = [best]
    while len(chosen) <= MAX_ALTERNATIVES:
        avoid = frozenset().union(*(route.intermediate_role_ids for route in chosen))
        route = planner.shortest(source, target_id, avoid)
        if route is None or not is_distinct(route, chosen):
            break
        chosen.append(route)
    return RoutePlan(target_role_id=target_id, ready=False, best=best, alternatives=tuple(chosen[1:]))
