"""Readiness scoring: plain functions from data to data, with no database access.

The score (0–100) says how much of what a role asks a person already meets, part by part:
- skills (60 points): each skill the role asks, the person's level against the level asked, an essential skill
  counting twice as much as a useful one; a skill left blank counts as the lowest answer (0), so that a blank never
  reads better than an answer the person could give, and the result shows the range the missing answers could give;
- degree (20 points): the person's degree against the role's (the level, then the field, then whether it suits
  the size of organisation they aim at), or, without it, the share of the experience route held;
- experience (20 points): the months the person holds against the months the role's experience steps add up to,
  each month counting the same.
A part the role asks nothing for is left out and the others share its points. No part may move the total by more
than 5 points for one level or one month (`MAX_POINTS_PER_UNIT`): a part measured in few units gives its excess
points to the others.

While an entry requirement is far off, the score is capped, so that nobody reads as close while years of work
remain: 5 points fewer per level the entry skills are short, at most 60 plus 40 × the share of the experience
route held without the degree asked, and at most 100 minus 40 × the share of the entry experience missing. Every
cap moves by at most 5 points for one level or one month too.

A requirement is needed *to enter* the role or *grows in* it (`entry`). A person is *ready* when every entry
requirement is met: entry skills rated at their level, the degree or its experience route, the entry experience.
The rest are things to grow in the role.

What a person prefers (a sector) never changes the score or readiness for a role: a step particular to one
sector is advice for those who work there, not something the role asks everywhere, so it is left out of the
score. The size of organisation the person aims at is a fact about the post: where a role asks more in larger
organisations, the score measures the post at that size (every size, when no size is given).

Experience gained long ago counts for less (`recency`): in full for two years after leaving the last role, then
less and less, down to half at ten years.

Each rule is written once, here. Scoring a whole catalogue (`standings`) uses the same tally and the same parts as
one role's `readiness`; only the skill tally is gathered the other way round, from the skills the person rated to
the roles that need them.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property

from roles.models import Scale, Sector

SKILLS_POINTS, DEGREE_POINTS, EXPERIENCE_POINTS = 60, 20, 20
ESSENTIAL_WEIGHT, USEFUL_WEIGHT = 2, 1
MAX_POINTS_PER_UNIT = 5  # what one level or one month may move a part, or a cap, at most

# Degree part when the person's degree is below the level asked, at the level asked but in another
# field, or in the field but suited to larger organisations than the one they aim at.
LOWER_DEGREE_CREDIT = 0.25
OTHER_FIELD_CREDIT = 0.5
LESS_SUITED_CREDIT = 0.75

# The caps while entry requirements are far off.
CAP_POINTS_PER_LEVEL_SHORT = MAX_POINTS_PER_UNIT
CAP_WITHOUT_DEGREE = 60  # rises to 100 with the share of the experience route held
CAP_EXPERIENCE_SPAN = 40  # taken off with the share of the entry experience missing
CAP_EXPERIENCE_MIN_MONTHS = CAP_EXPERIENCE_SPAN // MAX_POINTS_PER_UNIT  # shorter needs lower the cap less per month

# Experience gained long ago: in full for this long after leaving the last role, then less, down to a floor.
RECENCY_FULL_MONTHS = 24
RECENCY_FLOOR_MONTHS = 120
RECENCY_FLOOR = 0.5


@dataclass(frozen=True)
class SkillNeed:
    skill_id: int
    required: int
    essential: bool
    entry: bool = True  # needed to enter the role; otherwise it grows in the role

    @property
    def weight(self) -> int:
        return ESSENTIAL_WEIGHT if self.essential else USEFUL_WEIGHT


@dataclass(frozen=True)
class DegreeOption:
    degree_id: int
    rank: int
    field: str
    months: int
    typical: bool
    suited_from_scale: int | None = None  # the sources reserve it to organisations of this size or larger

    def suits(self, scale: int | None) -> bool:
        return self.suited_from_scale is None or scale is None or scale >= self.suited_from_scale


def in_scale(scale: int | None, low: int, high: int) -> bool:
    """A person who gave no size of organisation is measured against every size."""
    return scale is None or low <= scale <= high


@dataclass(frozen=True)
class ExperienceStepNeed:
    area: str
    months: int
    sector: str = Sector.BOTH
    alternative: bool = False  # stands in for a degree: the experience route
    min_scale: int = Scale.MICRO
    max_scale: int = Scale.LARGE
    entry: bool = True  # needed to enter the role; otherwise it grows in the role
    circumstance: str = ""  # counts only for a person who declares it (running a large family business)

    def counts_at(self, scale: int | None) -> bool:
        """Whether the score counts this step: every sector's steps, at the size aimed at (or any size)."""
        return self.sector == Sector.BOTH and in_scale(scale, self.min_scale, self.max_scale)

    @property
    def sized(self) -> bool:
        return self.min_scale > Scale.MICRO or self.max_scale < Scale.LARGE


@dataclass(frozen=True)
class RoleRequirements:
    role_id: int
    skills: tuple[SkillNeed, ...] = ()
    degrees: tuple[DegreeOption, ...] = ()
    steps: tuple[ExperienceStepNeed, ...] = ()

    @cached_property
    def asks_for_degree(self) -> bool:
        return any(option.typical for option in self.degrees)

    @cached_property
    def alternatives(self) -> tuple[ExperienceStepNeed, ...]:
        """The steps that stand in for a degree."""
        return tuple(step for step in self.steps if step.alternative)

    @cached_property
    def entry_skills(self) -> tuple[SkillNeed, ...]:
        return tuple(need for need in self.skills if need.entry)

    @cached_property
    def skill_weight(self) -> int:
        return sum(need.weight for need in self.skills)

    @cached_property
    def entry_levels(self) -> int:
        """The levels the entry skills ask, added up."""
        return sum(need.required for need in self.entry_skills)

    @cached_property
    def depends_on_scale(self) -> bool:
        """Whether what the role asks changes with the size of organisation."""
        return any(step.sized for step in self.steps if not step.alternative and step.sector == Sector.BOTH)

    @cached_property
    def _needs(self) -> dict[tuple[int | None, bool], dict[str, int]]:
        return {}

    def experience_needs(self, scale: int | None = None, *, entry_only: bool = False) -> dict[str, int]:
        """Months asked per experience area at this size: the steps of the usual route added up (the entry ones
        alone with `entry_only`)."""
        key = (scale, entry_only)
        if key not in self._needs:
            needs: dict[str, int] = {}
            for step in self.steps:
                if not step.alternative and step.counts_at(scale) and (step.entry or not entry_only):
                    needs[step.area] = needs.get(step.area, 0) + step.months
            self._needs[key] = needs
        return self._needs[key]


@dataclass(frozen=True)
class Profile:
    ratings: Mapping[int, int] = field(default_factory=dict)  # skill id -> 0..MAX_LEVEL, the skills rated
    degree_rank: int = 0  # 0: no degree
    degree_field: str = ""
    experience: Mapping[str, int] = field(default_factory=dict)  # area -> months
    sector: str = Sector.BOTH  # preferred: orders the routes, never changes the score
    scale: int | None = None  # the size of organisation aimed at, None: any
    current_role_id: int | None = None
    circumstances: frozenset[str] = frozenset()
    months_in_role: int = 0  # time already served in the current role
    months_since_left: int | None = None  # None: still in the role (or never had one)

    @cached_property
    def key(self) -> tuple:
        """Every answer as one value, the same in every process: what a result for these answers is kept under."""

        def fixed(value):
            if isinstance(value, Mapping):
                return tuple(sorted(value.items()))
            return tuple(sorted(value)) if isinstance(value, frozenset | set) else value

        return tuple((each.name, fixed(getattr(self, each.name))) for each in fields(self))

    @cached_property
    def is_empty(self) -> bool:
        return not self.ratings and not self.degree_rank and not any(self.experience.values())

    @cached_property
    def recency(self) -> float:
        """What a month of experience still counts for, given how long ago the person left their last role."""
        away = self.months_since_left or 0
        if away <= RECENCY_FULL_MONTHS:
            return 1.0
        fading = min(away, RECENCY_FLOOR_MONTHS) - RECENCY_FULL_MONTHS
        return 1.0 - (1.0 - RECENCY_FLOOR) * fading / (RECENCY_FLOOR_MONTHS - RECENCY_FULL_MONTHS)

    def months_in(self, area: str) -> float:
        """Months of experience in an area as they count today (long-ago experience counts for less)."""
        return self.experience.get(area, 0) * self.recency

    def with_ratings(self, ratings: Mapping[int, int]) -> "Profile":
        return replace(self, ratings={**self.ratings, **ratings})

    def blanks_at(self, level_of, skills: Iterable[SkillNeed]) -> "Profile":
        """The profile with every one of these skills it leaves blank rated `level_of(need)`."""
        filled = {need.skill_id: level_of(need) for need in skills if need.skill_id not in self.ratings}
        return self.with_ratings(filled) if filled else self


class SkillTally:
    """What a person's rated skills add up to against one role's skill needs; a blank adds nothing, as a 0 would."""

    __slots__ = ("credit", "entry_held", "entry_met")

    def __init__(self):
        self.credit = 0.0  # weight earned: a skill's weight × the share of its level reached
        self.entry_met = 0
        self.entry_held = 0  # levels held towards the entry skills' levels, added up

    def add(self, need: SkillNeed, rating: int) -> None:
        self.credit += need.weight * min(rating, need.required) / need.required
        if need.entry:
            self.entry_met += rating >= need.required
            self.entry_held += min(rating, need.required)


def tally_of(requirements: RoleRequirements, profile: Profile) -> SkillTally:
    tally = SkillTally()
    for need in requirements.skills:
        if (rating := profile.ratings.get(need.skill_id)) is not None:
            tally.add(need, rating)
    return tally


def alternative_route_share(requirements: RoleRequirements, profile: Profile) -> float:
    """How much of the experience route that stands in for a degree the person holds, 0..1: the best of the
    steps that stand in for it (running a large family business, years of hands-on operations management).
    Having held the role itself, now or before, is the whole of it: the degree it asks was no gate for them."""
    if profile.current_role_id == requirements.role_id:
        return 1.0
    return max(
        (min(profile.months_in(step.area) / step.months, 1.0) for step in open_alternatives(requirements, profile)), default=0.0
    )


def open_alternatives(requirements: RoleRequirements, profile: Profile) -> tuple[ExperienceStepNeed, ...]:
    """The steps standing in for the role's degree that count for this person: one reserved to a circumstance
    (a large family business) counts only for those who declare it."""
    return tuple(step for step in requirements.alternatives if step.circumstance in ("", *profile.circumstances))


def alternative_route_met(requirements: RoleRequirements, profile: Profile) -> bool:
    return alternative_route_share(requirements, profile) >= 1.0


def degree_level_met(requirements: RoleRequirements, profile: Profile, rank: int | None = None) -> bool:
    """The person holds a degree at a level the role asks (any field), or took its experience route.

    `rank` is the degree held if not the profile's own (the route finder's states hold degrees to come).
    """
    rank = profile.degree_rank if rank is None else rank
    return (
        not requirements.asks_for_degree
        or any(rank >= option.rank for option in requirements.degrees)
        or alternative_route_met(requirements, profile)
    )


def degree_value(requirements: RoleRequirements, profile: Profile) -> float | None:
    if not requirements.asks_for_degree:
        return None
    best = alternative_route_share(requirements, profile)
    for option in requirements.degrees:
        if profile.degree_rank >= option.rank:
            if profile.degree_field != option.field:
                best = max(best, OTHER_FIELD_CREDIT)
            else:
                best = max(best, 1.0 if option.suits(profile.scale) else LESS_SUITED_CREDIT)
        elif profile.degree_rank > 0:
            best = max(best, LOWER_DEGREE_CREDIT)
    return best


def months_missing(needs: Mapping[str, int], profile: Profile) -> dict[str, int]:
    """Whole months still to gain in each area where the person falls short of `needs`."""
    missing = {area: math.ceil(months - profile.months_in(area) - 1e-9) for area, months in needs.items()}
    return {area: months for area, months in missing.items() if months > 0}


def experience_share(needs: Mapping[str, int], profile: Profile) -> float | None:
    """The share of the months asked that the person holds, each month counting the same."""
    total = sum(needs.values())
    if not total:
        return None
    return sum(min(profile.months_in(area), months) for area, months in needs.items()) / total


def is_qualified(requirements: RoleRequirements, profile: Profile) -> bool:
    """The degree (or the experience route) and the entry experience are there: only skills may be missing."""
    return degree_level_met(requirements, profile) and not months_missing(
        requirements.experience_needs(profile.scale, entry_only=True), profile
    )


@dataclass(frozen=True)
class Part:
    name: str  # "skills", "degree" or "experience"
    weight: float  # share of the total, 0..1, after leaving out parts the role does not ask for
    value: float  # 0..1, how much of the part is met
    points: int = 0  # what it adds to the total; the parts' points add up to the total before any cap


@dataclass(frozen=True)
class Cap:
    reason: str  # "skills", "degree" or "experience": the entry requirement furthest off
    points: int  # taken off the parts' sum (negative)


@dataclass(frozen=True)
class Standing:
    """A role's total for a person, and whether they could credibly apply now."""

    total: int | None  # None: no answers to score
    ready: bool
    parts: tuple[Part, ...] = ()
    cap: Cap | None = None
    qualified: bool = False  # the degree and the entry experience are there: only skills may be missing
    ceiling: int = 100  # how close to entering, 0..100 (`entry_ceiling`)


def part_units(requirements: RoleRequirements, needs: Mapping[str, int]) -> dict[str, float]:
    """For each part, how many of its smallest steps (a level, a month) make it whole: one step moves the part's
    value by at most 1 / units."""
    return {
        "skills": min(
            (need.required * requirements.skill_weight / need.weight for need in requirements.skills), default=math.inf
        ),
        "degree": min((step.months for step in requirements.alternatives), default=math.inf),
        "experience": sum(needs.values()) or math.inf,
    }


def part_shares(nominal: Mapping[str, float], units: Mapping[str, float]) -> dict[str, float]:
    """Each part's share of 100 points: its nominal points out of those asked, except that a part may not move the
    total by more than `MAX_POINTS_PER_UNIT` for one of its steps; what it cannot carry goes to the others, in
    proportion. With every part at its bound, the bounds stand and the shares are scaled to add up to 1."""
    bounds = {name: MAX_POINTS_PER_UNIT * units[name] / 100 for name in nominal}
    shares: dict[str, float] = {}
    free = dict(nominal)
    while free:
        room = 1.0 - sum(shares.values())
        weight = sum(free.values())
        over = {name for name, points in free.items() if room * points / weight > bounds[name]}
        if not over:
            shares.update({name: room * points / weight for name, points in free.items()})
            break
        for name in over:
            shares[name] = bounds[name]
            free.pop(name)
    total = sum(shares.values())
    return {name: share / total for name, share in shares.items()}


def standing(requirements: RoleRequirements, profile: Profile, tally: SkillTally, *, with_parts: bool = False) -> Standing:
    """The score's rule, for one role: the total, the cap while entry requirements are far off, readiness;
    `with_parts` adds each part's points (scoring a whole catalogue needs only the totals). Blanks count as 0."""
    if profile.is_empty:
        return Standing(total=None, ready=False)
    needs = requirements.experience_needs(profile.scale)
    entry_needs = requirements.experience_needs(profile.scale, entry_only=True)
    values = {
        "skills": tally.credit / requirements.skill_weight if requirements.skills else None,
        "degree": degree_value(requirements, profile),
        "experience": experience_share(needs, profile),
    }
    nominal = {"skills": SKILLS_POINTS, "degree": DEGREE_POINTS, "experience": EXPERIENCE_POINTS}
    asked = {name: points for name, points in nominal.items() if values[name] is not None}
    qualified = is_qualified(requirements, profile)
    ready = qualified and tally.entry_met == len(requirements.entry_skills)
    if not asked:  # the role asks nothing measurable: no number rather than a made-up one
        return Standing(total=None, ready=ready, qualified=qualified)
    shares = part_shares(asked, part_units(requirements, needs))
    weighted = [(name, shares[name], values[name]) for name in asked]
    # A hair of tolerance so that meeting everything is exactly 100 despite float sums.
    uncapped = math.floor(100 * sum(share * value for _, share, value in weighted) + 1e-9)
    parts = ()
    if with_parts:
        exact = [100 * share * value for _, share, value in weighted]
        parts = tuple(
            Part(name, share, value, whole)
            for (name, share, value), whole in zip(weighted, whole_points(exact, uncapped), strict=True)
        )
    # While an entry requirement is far off, the total is capped at how close the person is to entering.
    reason, ceiling = entry_ceiling(requirements, profile, tally, entry_needs)
    cap = Cap(reason, ceiling - uncapped) if ceiling < uncapped else None
    total = uncapped + (cap.points if cap else 0)
    return Standing(total=total, ready=ready, parts=parts, cap=cap, qualified=qualified, ceiling=ceiling)


def entry_ceiling(
    requirements: RoleRequirements, profile: Profile, tally: SkillTally, entry_needs: Mapping[str, int]
) -> tuple[str, int]:
    """How close the person is to entering the role, 0..100, and the entry requirement furthest off: 100 when
    every entry requirement is met, 5 points fewer per level the entry skills are short, 60 plus 40 × the share of
    the experience route done without the degree asked, 100 minus 40 × the share of the entry experience missing;
    the lowest of these. It caps the total, and the band reads it (growth requirements never keep a person from
    being ready, so they never move the band)."""
    ceilings = [("", 100.0)]
    if requirements.entry_skills:
        shortfall = requirements.entry_levels - tally.entry_held
        ceilings.append(("skills", 100 - CAP_POINTS_PER_LEVEL_SHORT * shortfall))
    if not degree_level_met(requirements, profile):
        held = alternative_route_share(requirements, profile)
        ceilings.append(("degree", CAP_WITHOUT_DEGREE + (100 - CAP_WITHOUT_DEGREE) * held))
    if entry_needs:
        asked = sum(entry_needs.values())
        missing = asked - sum(min(profile.months_in(area), months) for area, months in entry_needs.items())
        ceilings.append(("experience", 100 - CAP_EXPERIENCE_SPAN * missing / max(asked, CAP_EXPERIENCE_MIN_MONTHS)))
    reason, ceiling = min(ceilings, key=lambda item: item[1])
    return reason, max(0, math.floor(ceiling + 1e-9))


def whole_points(shares: list[float], total: int) -> list[int]:
    """Whole points for each part that add up exactly to `total`: each share rounded down, the points
    left over going to the largest remainders."""
    points = [math.floor(share + 1e-9) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda index: points[index] - shares[index])
    for index in by_remainder[: max(0, total - sum(points))]:
        points[index] += 1
    return points


@dataclass(frozen=True)
class SkillGap:
    need: SkillNeed
    rating: int
    gain: int  # points the total would gain with one more level

    @property
    def shortfall(self) -> int:
        return self.need.required - self.rating


@dataclass(frozen=True)
class Readiness:
    role_id: int
    total: int | None  # None: the profile has no answers to score; with blanks, the lowest they could give
    ready: bool = False
    parts: tuple[Part, ...] = ()
    cap: Cap | None = None
    gaps: tuple[SkillGap, ...] = ()  # rated skills below their level, biggest effect on the total first
    not_assessed: tuple[SkillNeed, ...] = ()  # skills the role asks that the person left blank
    highest: int | None = None  # the total if every blank were answered at the level asked
    degree_met: bool = True
    experience_missing: Mapping[str, int] = field(default_factory=dict)  # area -> entry months still needed
    depends_on_scale: bool = False  # what the role asks changes with the size of organisation
    entry_ceiling: int | None = None  # how close to entering, 0..100: what the band reads (`entry_ceiling`)

    @property
    def entry_answers_missing(self) -> bool:
        """An entry skill is blank: the person cannot be told they are ready, nor nearly there."""
        return any(need.entry for need in self.not_assessed)


def readiness(requirements: RoleRequirements, profile: Profile, *, explain: bool = True) -> Readiness:
    """The role's readiness for this person, explained; `explain` adds what raising each skill would change."""
    result = standing(requirements, profile, tally_of(requirements, profile), with_parts=True)
    if result.total is None:
        return Readiness(role_id=requirements.role_id, total=None, ready=result.ready)
    blank = tuple(need for need in requirements.skills if need.skill_id not in profile.ratings)
    highest = result.total
    if blank:
        answered = profile.blanks_at(lambda need: need.required, blank)
        highest = standing(requirements, answered, tally_of(requirements, answered)).total
    gaps = []
    for need in requirements.skills:
        rating = profile.ratings.get(need.skill_id)
        if rating is not None and rating < need.required:
            gain = 0
            if explain:
                raised = profile.with_ratings({need.skill_id: rating + 1})
                gain = standing(requirements, raised, tally_of(requirements, raised)).total - result.total
            gaps.append(SkillGap(need=need, rating=rating, gain=gain))
    gaps.sort(key=lambda gap: (-gap.gain, -gap.need.entry, -gap.need.essential, -gap.shortfall, gap.need.skill_id))
    return Readiness(
        role_id=requirements.role_id,
        total=result.total,
        ready=result.ready,
        parts=result.parts,
        cap=result.cap,
        gaps=tuple(gaps),
        not_assessed=blank,
        highest=highest,
        degree_met=degree_level_met(requirements, profile),
        experience_missing=months_missing(requirements.experience_needs(profile.scale, entry_only=True), profile),
        depends_on_scale=requirements.depends_on_scale,
        entry_ceiling=result.ceiling,
    )


SkillUsers = Mapping[int, list[tuple[int, SkillNeed]]]  # skill id -> (role id, need) of every role needing it


def skill_users(roles: Mapping[int, RoleRequirements]) -> dict[int, list[tuple[int, SkillNeed]]]:
    users: dict[int, list[tuple[int, SkillNeed]]] = defaultdict(list)
    for role_id, requirements in roles.items():
        for need in requirements.skills:
            users[need.skill_id].append((role_id, need))
    return users


def standings(roles: Mapping[int, RoleRequirements], users: SkillUsers, profile: Profile) -> dict[int, Standing]:
    """These roles' totals and readiness, as `readiness` gives them, tallied from the skills the person rated."""
    tallies: dict[int, SkillTally] = defaultdict(SkillTally)
    for skill_id, rating in profile.ratings.items():
        for role_id, need in users.get(skill_id, ()):
            if role_id in roles:
                tallies[role_id].add(need, rating)
    return {role_id: standing(requirements, profile, tallies[role_id]) for role_id, requirements in roles.items()}
