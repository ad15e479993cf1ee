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
position (one backward search over this person's moves, studies left out). Every move's stay
for the person is worked out at once with array arithmetic (the catalogue's moves as arrays,
built once per catalogue): on a catalogue the size of ESCO, 10,000 moves, that keeps planning
interactive. tests/pathways/test_routes.py checks it against networkx on random catalogues.
"""

import heapq
import itertools
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from . import scoring
from .scoring import ANY_SECTOR, DegreeOption, Profile, RoleRequirements, SkillGap, alternative_route_met, readiness

START = "start"
MIN_SCALE, MAX_SCALE = 1, 4
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
    sector: str = ANY_SECTOR
    min_scale: int = MIN_SCALE
    max_scale: int = MAX_SCALE

    @property
    def origin(self) -> int | str:
        """The position the move leaves: a role, or START."""
        return START if self.from_role_id is None else self.from_role_id

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

    @cached_property
    def skill_index(self):
        return scoring.skill_index(self.roles)

    @cached_property
    def role_arrays(self) -> scoring.RoleArrays:
        return scoring.RoleArrays.of(self.roles)

    @cached_property
    def moves(self) -> tuple[TransitionEdge, ...]:
        """The transitions between roles of the catalogue (or from studies), in the order of `move_arrays`."""
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
    def move_arrays(self) -> "MoveArrays":
        return MoveArrays.of(self)


@dataclass(frozen=True)
class MoveArrays:
    """The catalogue's moves as arrays (one row per position: the roles, then START), so that one
    person's stay before every move is a few vector operations instead of a loop over 10,000 moves."""

    moves: tuple[TransitionEdge, ...]
    roles: scoring.RoleArrays  # its rows are the roles'; START's comes after them
    needs: Mapping[str, np.ndarray]  # sector -> months per area each position asks for (START: none)
    origins: np.ndarray  # row of each move's origin
    targets: np.ndarray  # row of each move's role
    min_months: np.ndarray
    penalties: np.ndarray  # CONDITIONAL_MOVE_PENALTY for a move that holds in some organisations only

    @classmethod
    def of(cls, catalogue: Catalogue) -> "MoveArrays":
        roles, moves = catalogue.role_arrays, catalogue.moves
        rows = roles.rows | {START: len(roles.role_ids)}
        return cls(
            moves=moves,
            roles=roles,
            needs={sector: np.vstack([needs, np.zeros((1, len(roles.areas)), dtype=needs.dtype)])
                   for sector, needs in roles.needs.items()},
            origins=np.array([rows[m.origin] for m in moves], dtype=np.intp),
            targets=np.array([rows[m.to_role_id] for m in moves], dtype=np.intp),
            min_months=np.array([m.min_months for m in moves], dtype=np.float64),
            penalties=np.array([CONDITIONAL_MOVE_PENALTY if m.is_conditional else 0.0 for m in moves], dtype=np.float64),
        )

    def stays(self, profile: Profile) -> list[float]:
        """Months in the position before each move, studies aside: the move's usual time, or longer to gain
        the experience the next role asks for beyond what the person carries; infinite where the move
        does not apply to the person's sector or scale."""
        needs = self.needs[profile.sector]
        own = self.roles.months_of(profile)
        carried = np.maximum(needs, own)  # leaving a role, at least what it took; START's row: the person's own
        gaps = (needs[self.targets] - carried[self.origins]).max(axis=1, initial=0)
        applies = np.fromiter((move.applies_to(profile) for move in self.moves), dtype=bool, count=len(self.moves))
        return np.where(applies, np.maximum(self.min_months, gaps) + self.penalties, INFINITE).tolist()


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
        return frozenset(leg.transition.sector for leg in self.legs if leg.transition and leg.transition.sector != ANY_SECTOR)


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
        self._carried: dict[int | None, dict[str, int]] = {}
        self._degree: dict[tuple[int, int], tuple[DegreeOption | None, int, int]] = {}
        self._moves: dict[tuple, list] = {}  # state -> its moves, shared by the searches for alternatives
        self._floors: dict[int, dict[int | str, float]] = {}
        self._gaps: dict[int, tuple[SkillGap, ...]] = {}
        self._stays = catalogue.move_arrays.stays(profile)  # by index in catalogue.moves

    def carried(self, role_id: int | None) -> dict[str, int]:
        """What a person has when leaving a role: their own months, or at least what the role took."""
        if role_id not in self._carried:
            carried = dict(self.profile.experience)
            if role_id is not None:
                for area, months in self.catalogue.roles[role_id].experience_needs(self.profile.sector).items():
                    carried[area] = max(carried.get(area, 0), months)
            self._carried[role_id] = carried
        return self._carried[role_id]

    def missing(self, from_id: int | None, to_id: int) -> dict[str, int]:
        carried = self.carried(from_id)
        return {
            area: months - carried.get(area, 0)
            for area, months in self.catalogue.roles[to_id].experience_needs(self.profile.sector).items()
            if carried.get(area, 0) < months
        }

    def degree_step(self, role_id: int, rank: int) -> tuple[DegreeOption | None, int, int]:
        """The quickest degree that opens the role for someone holding `rank`: (degree, months, new rank)."""
        key = (role_id, rank)
        if key not in self._degree:
            requirements = self.catalogue.roles[role_id]
            best: tuple[DegreeOption | None, int, int] = (None, 0, rank)
            opened = (not requirements.asks_for_degree or alternative_route_met(requirements, self.profile)
                      or any(rank >= option.rank for option in requirements.degrees))
            if not opened:
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
                self.move(self.catalogue.moves[index], self.catalogue.moves[index].to_role_id, rank, self._stays[index])
                for index in self.catalogue.moves_from.get(position, ())
                if self._stays[index] != INFINITE  # the move applies to this person
            ]
            if position == source and rank == self.profile.degree_rank:
                # Applying at once for a role the person qualifies for: a stay only if experience is missing.
                from_id = position if isinstance(position, int) else None
                moves += [self.move(None, role_id, rank, max(self.missing(from_id, role_id).values(), default=0))
                          for role_id in self.ready if role_id != source]
            self._moves[key] = moves
        return self._moves[key]

    @staticmethod
    def time_in_position(transition: TransitionEdge | None, gap: int) -> tuple[int, int]:
        """Shortest and longest stay before a move: the move's usual time, or longer to gain what is missing.
        (`MoveArrays.stays` works out the shortest for every move at once.)"""
        return (max(transition.min_months if transition else 0, gap),
                max(transition.max_months if transition else 0, gap))

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
                    total = months + self._stays[index]  # infinite for a move that does not apply
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
                if self._stays[index] != INFINITE and through < count.get(origin, through + 1):
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
        missing = self.missing(from_id, to_id)
        gap = max(missing.values(), default=0)
        degree, degree_months, _ = self.degree_step(to_id, rank)
        target = self.catalogue.roles[to_id]
        min_months, max_months = self.time_in_position(transition, gap)
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
        totals = scoring.totals(catalogue.role_arrays, catalogue.skill_index, profile)
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
