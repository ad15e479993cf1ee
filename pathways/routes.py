"""Route finding: the quickest ordered moves from where a person is to the role they want.

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
tests/pathways/test_routes.py checks the route finder against networkx on random catalogues.
"""

import heapq
import itertools
import math
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from roles.models import ExperienceArea, Scale, Sector

from . import scoring
from .degree_ways import Way, related_months, ways_to_degree
from .scoring import DegreeOption, Profile, RoleRequirements, degree_level_met

if TYPE_CHECKING:
    from .bridges import Bridge

START = "start"
# A master's or MBA assumes a first degree; without one, the first degree comes first.
FIRST_DEGREE_RANK = 3
# Tie-breaks between routes of equal length, far below a month: a move whose condition (a sector, a
# size) the person did not state, or a generic move where one made for what they stated exists,
# or a role asking degrees none of which is in the person's field.
MISFIT_PENALTY = 0.01
# Alternatives are searched with the roles of the routes already chosen made this much longer.
DETOUR_PENALTY = 10_000
MAX_ALTERNATIVES = 3
INFINITE = float("inf")


@dataclass(frozen=True)
class Estimates:
    """Numbers no source gives, set by editors (pathways.Estimate) with what they rest on."""

    skill_level_months: int  # time in a job to raise a skill by one level
    first_degree_months: int  # a first degree before a master's or an MBA


@dataclass(frozen=True)
class TransitionEdge:
    transition_id: int | None  # None: a bridge from the person's ESCO job, not a move the editors wrote
    from_role_id: int | None  # None: from studies or another field
    to_role_id: int
    min_months: int
    max_months: int
    sector: str = Sector.BOTH
    min_scale: int = Scale.MICRO
    max_scale: int = Scale.LARGE
    circumstance: str = ""  # open only to a person who says this is true of them
    bridge: "Bridge | None" = None  # the ESCO occupations a bridge passes through, with the skills carried and to gain

    @property
    def origin(self) -> int | str:
        """The position the move leaves: a role, or START."""
        return START if self.from_role_id is None else self.from_role_id


@dataclass(frozen=True)
class RolePlace:
    """Where a role sits: its level in the hierarchy and the sizes of organisation it exists in."""

    level: int | None
    min_scale: int = Scale.MICRO
    max_scale: int = Scale.LARGE


@dataclass(frozen=True)
class Catalogue:
    roles: Mapping[int, RoleRequirements]
    transitions: tuple[TransitionEdge, ...]
    estimates: Estimates
    places: Mapping[int, RolePlace] = field(default_factory=dict)  # to label moves and check sizes
    ways: tuple[Way, ...] = ()  # the ways to obtain a degree (full-time study when there are none)
    # From an ESCO job: the roles standing for an ESCO occupation, entered by a bridge only (never applied to straight).
    entered_by_bridge: frozenset[int] = frozenset()

    @cached_property
    def skill_users(self) -> dict[int, list[tuple[int, scoring.SkillNeed]]]:
        return scoring.skill_users(self.roles)

    @cached_property
    def moves(self) -> tuple[TransitionEdge, ...]:
        """The transitions between roles of the catalogue (or from studies), indexed by the route finder."""
        return tuple(
            transition
            for transition in self.transitions
            if transition.to_role_id in self.roles and (transition.from_role_id is None or transition.from_role_id in self.roles)
        )

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

    @cached_property
    def _bridged(self) -> dict[tuple, "Catalogue"]:
        return {}

    def with_bridges(self, bridges: tuple["Bridge", ...], twinned: frozenset[int]) -> "Catalogue":
        """This catalogue for a person whose job is an ESCO occupation: START is that job, and each bridge a move
        from it into the ladder, of the bridge's estimated months. The roles `twinned` (those standing for an ESCO
        occupation) are entered from the job by a bridge only: ESCO measures how far the job is from them, so
        applying to one straight would ignore that distance; without a viable bridge, the ladder's moves lead there.
        Kept per set of bridges, indexes included."""
        key = (bridges, twinned)
        if not bridges and not twinned:
            return self
        if key not in self._bridged:
            edges = []
            for bridge in bridges:
                low, high = bridge.months(self.estimates.skill_level_months)
                edges.append(TransitionEdge(None, None, bridge.role_id, low, high, bridge=bridge))
            self._bridged[key] = replace(self, transitions=(*self.transitions, *edges), entered_by_bridge=twinned)
        return self._bridged[key]


@dataclass(frozen=True)
class MoveTable:
    """Every position's needs and every move's ends and usual times as arrays, built once per catalogue:
    rows are the roles, then START (which asks nothing); experience columns are the areas."""

    catalogue: Catalogue
    rows: Mapping[int | str, int]
    origins: np.ndarray  # row of each move's origin
    targets: np.ndarray  # row of each move's role
    usual_min: np.ndarray
    usual_max: np.ndarray
    sectors: np.ndarray  # the sector each move is made for, or Sector.BOTH
    min_scales: np.ndarray
    max_scales: np.ndarray
    circumstances: np.ndarray  # what a person must say of themselves for each move, or ""

    @classmethod
    def of(cls, catalogue: Catalogue) -> "MoveTable":
        rows = {role_id: row for row, role_id in enumerate(catalogue.roles)} | {START: len(catalogue.roles)}
        moves = catalogue.moves
        return cls(
            catalogue=catalogue,
            rows=rows,
            origins=np.array([rows[move.origin] for move in moves], dtype=np.intp),
            targets=np.array([rows[move.to_role_id] for move in moves], dtype=np.intp),
            usual_min=np.array([move.min_months for move in moves], dtype=np.int64),
            usual_max=np.array([move.max_months for move in moves], dtype=np.int64),
            sectors=np.array([str(move.sector) for move in moves], dtype=object),
            min_scales=np.array([move.min_scale for move in moves], dtype=np.int64),
            max_scales=np.array([move.max_scale for move in moves], dtype=np.int64),
            circumstances=np.array([move.circumstance for move in moves], dtype=object),
        )

    @cached_property
    def _needs(self) -> dict[tuple[int | None, bool], np.ndarray]:
        return {}

    def experience_needs(self, scale: int | None, *, entry_only: bool = False) -> np.ndarray:
        """Months per area each position asks at this size (to enter it, with `entry_only`; on its usual route,
        growth included, otherwise: what holding it for its usual time gives)."""
        if (scale, entry_only) not in self._needs:
            positions = [*self.catalogue.roles.values(), None]
            self._needs[scale, entry_only] = np.array(
                [
                    [
                        requirements.experience_needs(scale, entry_only=entry_only).get(area, 0) if requirements else 0
                        for area in ExperienceArea.values
                    ]
                    for requirements in positions
                ],
                dtype=np.int64,
            )
        return self._needs[scale, entry_only]

    def experience_shortfalls(self, profile: Profile, origins: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Whole months per area the person still lacks to move from each origin row to the matching target row:
        what the target asks to enter beyond what they carry out of the origin (their own months as they count
        today, or at least what the origin role gave)."""
        needs = self.experience_needs(profile.scale, entry_only=True)
        given = self.experience_needs(profile.scale)
        own = np.array([profile.months_in(area) for area in ExperienceArea.values], dtype=np.float64)
        return np.ceil(np.maximum(needs[targets] - np.maximum(given[origins], own), 0) - 1e-9).astype(np.int64)

    def skill_levels(self, profile: Profile) -> tuple[tuple[int, ...], np.ndarray, np.ndarray]:
        """For the skills the person rated: (skill ids, the level each position asks of them, the level each
        position asks of them to enter it), one row per position, 0 where it asks nothing."""
        skill_ids = tuple(profile.ratings)
        asked = np.zeros((len(self.rows), len(skill_ids)), dtype=np.int64)
        entry = np.zeros_like(asked)
        for column, skill_id in enumerate(skill_ids):
            for role_id, need in self.catalogue.skill_users.get(skill_id, ()):
                asked[self.rows[role_id], column] = need.required
                if need.entry:
                    entry[self.rows[role_id], column] = need.required
        return skill_ids, asked, entry

    def skill_shortfalls(self, profile: Profile, levels, origins: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Levels each rated skill still lacks for the target's entry skills, counting what the person carries out
        of the origin: their own rating where they are now (they said where they stand, whatever the role asks),
        at least the level a role of their route asks once they have held it."""
        skill_ids, asked, entry = levels
        own = np.array([profile.ratings[skill_id] for skill_id in skill_ids], dtype=np.int64)
        now = self.rows.get(profile.current_role_id, self.rows[START])
        carried = np.where((origins == now)[:, None], own, np.maximum(asked[origins], own))
        return np.maximum(entry[targets] - carried, 0)

    def stays(self, profile: Profile, levels, usual_min, usual_max, origins, targets):
        """Shortest and longest time in a position before a move, studies aside: the move's usual time, or
        longer to gain the experience still missing, or to raise the skill furthest below the next role's
        level (skills grow side by side, a level taking `skill_level_months`). Also returns both shortfalls."""
        experience = self.experience_shortfalls(profile, origins, targets)
        skills = self.skill_shortfalls(profile, levels, origins, targets)
        gap = np.maximum(
            experience.max(axis=1, initial=0), skills.max(axis=1, initial=0) * self.catalogue.estimates.skill_level_months
        )
        return np.maximum(usual_min, gap), np.maximum(usual_max, gap), experience, skills

    def applicable(self, profile: Profile) -> np.ndarray:
        """Which moves are open to the person: those for the size of organisation they aim at (a move that exists
        in some sizes only is offered to those who say they aim at one of them), asking nothing of them they did
        not say is true. A sector is a preference: it orders the routes (`misfits`), it closes none."""
        scale = (
            ~self.sized if profile.scale is None else ((self.min_scales <= profile.scale) & (profile.scale <= self.max_scales))
        )
        return scale & np.isin(self.circumstances, ["", *profile.circumstances])

    def open_roles(self, profile: Profile) -> frozenset[int]:
        """The roles a person may apply to directly: those with a move into them open to the person, or with no
        move into them at all (a post reserved to a circumstance or a size stays closed to others)."""
        applicable = self.applicable(profile)
        closed = {self.catalogue.moves[index].to_role_id for index in np.flatnonzero(~applicable).tolist()}
        opened = {self.catalogue.moves[index].to_role_id for index in np.flatnonzero(applicable).tolist()}
        return frozenset(self.catalogue.roles) - (closed - opened)

    def served(self, profile: Profile, origins: np.ndarray) -> np.ndarray:
        """Months already served at each origin: the time in the current role, 0 elsewhere."""
        if profile.current_role_id not in self.rows:
            return np.zeros(len(origins), dtype=np.int64)
        return np.where(origins == self.rows[profile.current_role_id], profile.months_in_role, 0)

    def qualified(self, profile: Profile) -> frozenset[int]:
        """The roles open to the person whose entry experience they hold: they may apply once they have raised the
        skills asked and obtained the degree, if one is asked. Every role at once: nothing missing from START."""
        role_ids = list(self.catalogue.roles)
        rows = np.arange(len(role_ids), dtype=np.intp)
        missing = self.experience_shortfalls(profile, np.full(len(rows), self.rows[START], dtype=np.intp), rows)
        held = np.flatnonzero(missing.max(axis=1, initial=0) == 0)
        open_roles = self.open_roles(profile)
        return frozenset(role_ids[row] for row in held.tolist() if role_ids[row] in open_roles)

    def experience_level(self, profile: Profile, toward: int) -> int:
        """The highest level of the roles on the way to `toward` whose entry experience the person holds (0: none):
        nobody is sent through a role below it."""
        places, roles = self.catalogue.places, self.catalogue.roles
        leading = self.leading_to(profile, toward)
        return max(
            (
                places[role_id].level or 0
                for role_id in self.qualified(profile) & leading
                # A role asking no experience to enter says nothing of the level experience supports.
                if role_id in places and roles[role_id].experience_needs(profile.scale, entry_only=True)
            ),
            default=0,
        )

    def leading_to(self, profile: Profile, target_id: int) -> frozenset[int]:
        """The roles from which moves open to the person lead to the target, the target included."""
        applicable = self.applicable(profile)
        found, frontier = {target_id}, [target_id]
        while frontier:
            for origin, index in self.catalogue.moves_into.get(frontier.pop(), ()):
                if applicable[index] and origin != START and origin not in found:
                    found.add(origin)
                    frontier.append(origin)
        return frozenset(found)

    def misfits(self, profile: Profile) -> np.ndarray:
        """How far each move is from what the person said of their situation: a role asking degrees none of which
        is in their field. A move made for some sizes only is no misfit for a size it exists in, nor a move made for
        every size (a move for other sizes is closed, `applicable`). Their preferred sector is no misfit either: it
        only orders the routes found (`find_routes`), so that it never changes which routes there are."""
        return self.field_misfits(profile.degree_field)[self.targets]

    @cached_property
    def sized(self) -> np.ndarray:
        """The moves that exist in some sizes of organisation only."""
        return (self.min_scales > Scale.MICRO) | (self.max_scales < Scale.LARGE)

    @cached_property
    def _field_misfits(self) -> dict[str, np.ndarray]:
        return {}

    def field_misfits(self, degree_field: str) -> np.ndarray:
        """Per position: 1 when it asks degrees and none is in the field of the person's degree."""
        if degree_field not in self._field_misfits:
            self._field_misfits[degree_field] = np.array(
                [
                    bool(
                        degree_field
                        and requirements.degrees
                        and all(option.field != degree_field for option in requirements.degrees)
                    )
                    for requirements in self.catalogue.roles.values()
                ]
                + [False],
                dtype=np.float64,
            )
        return self._field_misfits[degree_field]

    def costs(self, profile: Profile, levels, *, longest: bool = False) -> list[float]:
        """What each move costs the searches: its shortest stay (its longest, with `longest`) plus the tie-breaks,
        or infinite when it is not open to the person."""
        served = self.served(profile, self.origins)
        shortest, longest_stay, _experience, _skills = self.stays(
            profile,
            levels,
            np.maximum(self.usual_min - served, 0),
            np.maximum(self.usual_max - served, 0),
            self.origins,
            self.targets,
        )
        stay = longest_stay if longest else shortest
        return np.where(self.applicable(profile), stay + MISFIT_PENALTY * self.misfits(profile), INFINITE).tolist()


@dataclass(frozen=True)
class Leg:
    """One move: what to obtain and gain in the current position, then the role taken."""

    to_role_id: int
    from_role_id: int | None
    transition: TransitionEdge | None  # None: the person already qualifies and can apply
    min_months: int  # time in the current position before the move, studies excluded
    max_months: int
    degree: DegreeOption | None  # a degree to obtain first
    degree_months: int  # the studies' months added to the route (0 for a way that runs while working)
    experience_missing: Mapping[str, int]  # area -> months still to gain before the move
    skills_to_raise: tuple["SkillToRaise", ...]  # the next role's entry skills still below what it asks
    experience_route: bool  # the next role's degree is replaced by experience (e.g. a family business)
    degree_max_months: int = 0
    degree_way_id: int | None = None  # how the degree is obtained (None: full-time study, no ways known)
    degree_span: tuple[int, int] = (0, 0)  # how long obtaining the degree takes that way, whether it adds or not


@dataclass(frozen=True)
class DegreeStep:
    """A degree to obtain one way: its months, and whether they run alongside a role (while working)."""

    option: DegreeOption
    way_id: int | None  # None: full-time study, when the catalogue knows no ways
    min_months: int
    max_months: int
    while_working: bool

    def cost(self, stay: float, longest: bool = False) -> float:
        """The time before the next move with this degree, at its shortest (its longest): after the stay, or
        alongside it."""
        months = self.max_months if longest else self.min_months
        return max(stay, months) if self.while_working else stay + months


@dataclass(frozen=True)
class DegreeChoice:
    step: DegreeStep | None  # None: no degree to obtain (held, or met by experience)
    rank: int  # the degree rank held after the move
    stay: float  # the time in the current position, longer when waiting for the experience route
    waited: float = 0  # months in the current role until its experience opens the experience route, when chosen


@dataclass(frozen=True)
class SkillToRaise:
    """A skill to raise before a move: from the level the person carries to the level the next role asks."""

    skill_id: int
    carried: int
    required: int

    @property
    def shortfall(self) -> int:
        return self.required - self.carried


@dataclass(frozen=True)
class Route:
    legs: tuple[Leg, ...]

    @property
    def min_months(self) -> int:
        return sum(leg.min_months + leg.degree_months for leg in self.legs)

    @property
    def max_months(self) -> int:
        return sum(leg.max_months + leg.degree_max_months for leg in self.legs)

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
class RouteSearch:
    """What the search found for one person and one target: the routes, and the roles it could reach."""

    target_role_id: int
    ready: bool  # every essential requirement of the target is met: apply now
    best: Route | None  # None when ready, or when no route leads there in our content
    alternatives: tuple[Route, ...] = ()
    reaching: frozenset = frozenset()  # the roles on a route open to the person that reaches the target
    reachable: frozenset | None = None  # the roles the person can get to from where they are (None: not searched)


class RouteFinder:
    """One person's search over one catalogue; what it computes per role is kept for reuse. It measures a route by
    its shortest time, or by its longest with `longest` (the search for the surest route)."""

    def __init__(
        self,
        catalogue: Catalogue,
        profile: Profile,
        qualified: frozenset[int],
        passed_by: frozenset[int] = frozenset(),
        *,
        longest: bool = False,
        closed_moves: frozenset[int] = frozenset(),
    ):
        self.catalogue = catalogue
        self.profile = profile
        self.longest = longest
        self._degree: dict[tuple, tuple[DegreeOption | None, int, int]] = {}
        self._leaving: dict[int | str, Profile] = {}
        self._moves: dict[tuple, list] = {}  # state -> its moves, shared by the searches for alternatives
        self._floors: dict[int, dict[int | str, float]] = {}
        self.table = catalogue.move_table
        self.source = profile.current_role_id if profile.current_role_id in catalogue.roles else START
        self.levels = self.table.skill_levels(profile)
        self.costs = self.table.costs(profile, self.levels, longest=longest)  # by index in catalogue.moves
        # Roles below what the person's experience supports are never a step of their route.
        for index, move in enumerate(catalogue.moves):
            if move.to_role_id in passed_by or index in closed_moves:
                self.costs[index] = INFINITE
        self.qualified = qualified - passed_by  # roles whose entry experience the person holds: open to apply

    def stay(self, transition: TransitionEdge | None, origin: int | str, to_id: int):
        """Shortest and longest time in the position before one move, the months still missing per area, and
        the skills still to raise."""
        origins = np.array([self.table.rows[origin]])
        served = self.table.served(self.profile, origins)
        usual = (transition.min_months, transition.max_months) if transition else (0, 0)
        shortest, longest, experience, skills = self.table.stays(
            self.profile,
            self.levels,
            np.maximum(usual[0] - served, 0),
            np.maximum(usual[1] - served, 0),
            origins,
            np.array([self.table.rows[to_id]]),
        )
        missing = {area: int(months) for area, months in zip(ExperienceArea.values, experience[0], strict=True) if months}
        skill_ids = self.levels[0]
        to_raise = tuple(
            SkillToRaise(
                skill_ids[column],
                int(self.levels[2][self.table.rows[to_id], column] - lacking),
                int(self.levels[2][self.table.rows[to_id], column]),
            )
            for column, lacking in enumerate(skills[0])
            if lacking
        )
        return int(shortest[0]), int(longest[0]), missing, to_raise

    def leaving(self, origin: int | str) -> Profile:
        """The person as they leave a position: their own months, or at least what the role there took (so
        that running a family business long enough opens the experience route in place of a degree)."""
        if origin not in self._leaving:
            given = self.table.experience_needs(self.profile.scale)[self.table.rows[origin]]
            carried = {
                area: max(self.profile.months_in(area), int(months))
                for area, months in zip(ExperienceArea.values, given, strict=True)
            }
            experience = {area: months for area, months in carried.items() if months}
            # Back at work by then: what they carry counts as it counts today, no less.
            self._leaving[origin] = replace(self.profile, experience=experience, months_since_left=None)
        return self._leaving[origin]

    def waiting_for_experience_route(self, role_id: int, origin: int | str) -> float:
        """Months more in the current role until its experience opens the role's experience route in place of a
        degree (staying gives the areas the role's own steps are in); infinite elsewhere or when it cannot."""
        if origin != self.profile.current_role_id or origin not in self.catalogue.roles:
            return INFINITE
        accrues = self.catalogue.roles[origin].experience_needs(self.profile.scale)
        return min(
            (
                math.ceil(step.months - self.profile.months_in(step.area) - 1e-9)
                for step in scoring.open_alternatives(self.catalogue.roles[role_id], self.profile)
                if step.area in accrues
            ),
            default=INFINITE,
        )

    def degree_needed(self, role_id: int, rank: int, origin: int | str) -> tuple["DegreeStep", ...]:
        """The ways to obtain a degree that opens the role for someone holding `rank` as they leave `origin`, each
        with its months; none when their degree or experience already opens it. Full-time ways add a first degree
        before a master's for someone without one. A way that runs while working is open from studies or another
        field too (an apprentice finds an employer; VAE asks experience related to the degree, whatever the job)."""
        key = (role_id, rank, origin)
        if key not in self._degree:
            requirements = self.catalogue.roles[role_id]
            steps: list[DegreeStep] = []
            leaving = self.leaving(origin)
            if not degree_level_met(requirements, leaving, rank):
                first = self.catalogue.estimates.first_degree_months
                for option in requirements.degrees:
                    before = first if option.rank > FIRST_DEGREE_RANK > rank else 0
                    if not self.catalogue.ways:
                        steps.append(DegreeStep(option, None, option.months + before, option.months + before, False))
                        continue
                    related = related_months(option.field, leaving)
                    for way in ways_to_degree(option, held_rank=rank, related_months=related, ways=self.catalogue.ways):
                        if not way.applies:
                            continue
                        extra = before if way.way.relative else 0
                        steps.append(
                            DegreeStep(option, way.way.way_id, way.min_months + extra, way.max_months + extra, way.while_working)
                        )
            self._degree[key] = tuple(steps)
        return self._degree[key]

    def moves(self, position: int | str, rank: int, source: int | str) -> list:
        """(next role, new rank, months, transition) for every move open from this state."""
        key = (position, rank)
        if key not in self._moves:
            moves = [
                self.move(self.catalogue.moves[index], position, self.catalogue.moves[index].to_role_id, rank, self.costs[index])
                for index in self.catalogue.moves_from.get(position, ())
                if self.costs[index] != INFINITE  # the move applies to this person
            ]
            if position == source and rank == self.profile.degree_rank:
                # Applying for a role whose degree and experience the person holds: the stay raises its skills.
                open_roles = [role_id for role_id in self.qualified if role_id != source]
                rows = np.array([self.table.rows[role_id] for role_id in open_roles], dtype=np.intp)
                no_usual_time = np.zeros(len(rows), dtype=np.int64)
                shortest, *_ = self.table.stays(
                    self.profile,
                    self.levels,
                    no_usual_time,
                    no_usual_time,
                    np.full(len(rows), self.table.rows[position], dtype=np.intp),
                    rows,
                )
                moves += [
                    self.move(None, position, role_id, rank, stay)
                    for role_id, stay in zip(open_roles, shortest.tolist(), strict=True)
                ]
            self._moves[key] = moves
        return self._moves[key]

    def degree_choice(self, to_id: int, rank: int, origin: int | str, stay: float) -> "DegreeChoice":
        """How the degree the next role asks is met, the quickest way: studies after the stay, a way that runs
        while working alongside it, or more time in the current role until its experience opens the experience
        route instead (no degree then)."""
        steps = self.degree_needed(to_id, rank, origin)
        if not steps:
            return DegreeChoice(None, rank, stay)
        wait = self.waiting_for_experience_route(to_id, origin)
        chosen = min(steps, key=lambda step: step.cost(stay, self.longest))
        if max(stay, wait) <= chosen.cost(stay, self.longest):
            return DegreeChoice(None, rank, max(stay, wait), wait)
        return DegreeChoice(chosen, max(rank, chosen.option.rank), stay)

    def move(self, transition: TransitionEdge | None, origin: int | str, to_id: int, rank: int, stay: float):
        choice = self.degree_choice(to_id, rank, origin, stay)
        return to_id, choice.rank, choice.step.cost(stay, self.longest) if choice.step else choice.stay, transition

    def reachable(self, source: int | str) -> frozenset[int]:
        """The roles the person can get to from where they are, by moves open to them or by applying."""
        seen: set[int | str] = {source, *self.qualified}
        frontier = list(seen)
        while frontier:
            position = frontier.pop()
            for index in self.catalogue.moves_from.get(position, ()):
                following = self.catalogue.moves[index].to_role_id
                if self.costs[index] != INFINITE and following not in seen:
                    seen.add(following)
                    frontier.append(following)
        return frozenset(position for position in seen if position != START)

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
        at_source = min(
            [
                estimate(source) if source in floor else INFINITE,
                *(estimate(role_id) + DETOUR_PENALTY * (role_id in avoid) for role_id in self.qualified if role_id in floor),
            ]
        )
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
        min_months, max_months, missing, skills_to_raise = self.stay(transition, position, to_id)
        choice = self.degree_choice(to_id, rank, position, max_months if self.longest else min_months)
        step, target = choice.step, self.catalogue.roles[to_id]
        if choice.waited:  # waiting for the experience route lengthens both ends of the stay
            min_months, max_months = max(min_months, int(choice.waited)), max(max_months, int(choice.waited))
        added_min, added_max = (0, 0)
        if step and step.while_working:  # the degree runs alongside the stay
            min_months, max_months = max(min_months, step.min_months), max(max_months, step.max_months)
        elif step:
            added_min, added_max = step.min_months, step.max_months
        return Leg(
            to_role_id=to_id,
            from_role_id=from_id,
            transition=transition,
            min_months=min_months,
            max_months=max_months,
            degree=step.option if step else None,
            degree_months=added_min,
            degree_max_months=added_max,
            degree_way_id=step.way_id if step else None,
            degree_span=(step.min_months, step.max_months) if step else (0, 0),
            experience_missing=missing,
            skills_to_raise=skills_to_raise,
            # The degree is met by experience, held or waited for, rather than by a degree held or studied.
            experience_route=(
                target.asks_for_degree and step is None and not any(rank >= option.rank for option in target.degrees)
            ),
        )


def is_distinct(route: Route, chosen: list[Route]) -> bool:
    """Genuinely different: it passes through a role that no chosen route passes through."""
    return all(
        route.role_ids != other.role_ids and not route.intermediate_role_ids <= other.intermediate_role_ids for other in chosen
    )


def route_finder_for(catalogue: Catalogue, profile: Profile, target_id: int, *, longest: bool = False) -> "RouteFinder":
    """The search for one person and one target: a blank skill of the target counts as the lowest answer (it
    never opens a shorter route than a rating would), and the roles below the level the person's experience
    supports are never a step of the route. A bridge from the person's ESCO job enters the ladder at that level at
    most, or at the lowest level a bridge reaches when their experience supports none: experience, not a likeness of
    skills, is what opens the higher posts."""
    table = catalogue.move_table
    profile = profile.blanks_at(lambda need: 0, catalogue.roles[target_id].skills)
    source = profile.current_role_id if profile.current_role_id in catalogue.roles else START
    floor_level = table.experience_level(profile, target_id)
    passed_by = frozenset(
        role_id
        for role_id, place in catalogue.places.items()
        if (place.level or 0) < floor_level and role_id not in (target_id, source)
    )

    def level(role_id: int) -> int:
        return (catalogue.places[role_id].level or 0) if role_id in catalogue.places else 0

    bridges = {index: move.to_role_id for index, move in enumerate(catalogue.moves) if move.bridge}
    ceiling = max(floor_level, min(map(level, bridges.values()), default=0))
    above = frozenset(index for index, role_id in bridges.items() if level(role_id) > ceiling)
    qualified = table.qualified(profile) - catalogue.entered_by_bridge
    return RouteFinder(catalogue, profile, qualified, passed_by, longest=longest, closed_moves=above)


def find_routes(catalogue: Catalogue, profile: Profile, target_id: int) -> RouteSearch:
    """The quickest route and up to three genuinely different ones.

    A person ready for the target (every essential requirement met) is told to apply now, never sent
    on a detour. From where they are, any role whose degree and experience they hold is open to them
    once they have raised the skills it asks (the stay before applying).
    """
    finder = route_finder_for(catalogue, profile, target_id)
    profile, target = finder.profile, catalogue.roles[target_id]
    open_to_them = target_id in catalogue.move_table.open_roles(profile)
    if profile.current_role_id == target_id or (open_to_them and scoring.readiness(target, profile, explain=False).ready):
        return RouteSearch(target_role_id=target_id, ready=True, best=None, reachable=finder.reachable(finder.source))
    source = finder.source
    found = finder.shortest(source, target_id)
    reachable = finder.reachable(source)
    reaching = frozenset(finder.floor(target_id)) & reachable
    if found is None:
        return RouteSearch(target_role_id=target_id, ready=False, best=None, reaching=reaching, reachable=reachable)
    chosen = [found]
    while len(chosen) <= MAX_ALTERNATIVES:
        avoid = frozenset().union(*(route.intermediate_role_ids for route in chosen))
        route = finder.shortest(source, target_id, avoid)
        if route is None or not is_distinct(route, chosen):
            break
        chosen.append(route)
    # The surest route, whose longest time is shortest, found by its own search: it is among the routes shown.
    surest = route_finder_for(catalogue, profile, target_id, longest=True).shortest(source, target_id)
    if surest is not None:
        # The quickest route stays beside it when it can be sooner, even through the same roles (another way to the
        # degree): the time to ready's short end is the quickest route's.
        kept = [route for route in chosen if route.role_ids != surest.role_ids or route.min_months < surest.min_months]
        chosen = [surest, *kept][: MAX_ALTERNATIVES + 1]

    # The quickest is the one that can take longest the least; between routes as quick, the one through the
    # sector the person prefers comes first, then the one open in every sector, then the search's order.
    def order(route: Route) -> tuple:
        elsewhere = route.sectors - {profile.sector} if profile.sector != Sector.BOTH else frozenset()
        return route.max_months, route.min_months, len(elsewhere), len(route.sectors)

    best, *alternatives = sorted(chosen, key=order)
    return RouteSearch(
        target_role_id=target_id, ready=False, best=best, alternatives=tuple(alternatives), reaching=reaching, reachable=reachable
    )
