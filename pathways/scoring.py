"""Readiness scoring: plain functions from data to data, with no database access.

The score (0–100) says how much of what a role asks a person already meets, part by part:
- skills (60 points): each skill the person assessed, their level against the level asked,
  essential skills counting twice as much as useful ones;
- degree (20 points): the person's degree against the role's (the level, then the field, then
  whether it suits the size of organisation they aim at), or the experience that stands in for it;
- experience (20 points): the person's months in each area against what the role's steps add up to.
A part the role asks nothing for is left out and the others share its points.

While an essential requirement is far off, the score is capped, so that nobody reads as close
while years of work remain: 25 points fewer per level the essential skills are short on average,
at most 60 without the degree asked, at most 60 plus 40 × the share of experience held.

A person is *ready* when every essential requirement is met (essential skills at their level,
the degree, the experience): useful skills may remain as things to grow.

A skill the person did not assess counts neither for nor against them: it is *not assessed*.

Each rule is written once, here. Scoring a whole catalogue (`standings`) uses the same tally and
the same parts as one role's `readiness`; only the skill tally is gathered the other way round,
from the skills the person rated to the roles that need them.
"""

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from roles.models import Scale, Sector

SKILLS_POINTS, DEGREE_POINTS, EXPERIENCE_POINTS = 60, 20, 20
ESSENTIAL_WEIGHT, USEFUL_WEIGHT = 2, 1

# Degree part when the person's degree is below the level asked, at the level asked but in another
# field, or in the field but suited to larger organisations than the one they aim at.
LOWER_DEGREE_CREDIT = 0.25
OTHER_FIELD_CREDIT = 0.5
LESS_SUITED_CREDIT = 0.75

# The caps while essential requirements are far off.
POINTS_PER_LEVEL_SHORT = 25
CAP_WITHOUT_DEGREE = 60
CAP_WITHOUT_EXPERIENCE = 60  # rises to 100 with the share of the experience held


@dataclass(frozen=True)
class SkillNeed:
    skill_id: int
    required: int
    essential: bool

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
    """A role's experience step (`roles.ExperienceStep`) as the scoring reads it: months in an area."""

    area: str
    months: int
    sector: str = Sector.BOTH
    alternative: bool = False
    min_scale: int = Scale.MICRO
    max_scale: int = Scale.LARGE

    def applies_to(self, sector: str, scale: int | None) -> bool:
        """A sector- or size-specific step counts only for a person who aims at that sector or size."""
        return (self.sector == Sector.BOTH or self.sector == sector) and in_scale(scale, self.min_scale, self.max_scale)


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
    def essential_count(self) -> int:
        return sum(need.essential for need in self.skills)

    @cached_property
    def _needs(self) -> dict[tuple[str, int | None], dict[str, int]]:
        return {}

    def experience_needs(self, sector: str, scale: int | None = None) -> dict[str, int]:
        """Months needed per experience area: the steps of the usual route, added up."""
        key = (sector, scale)
        if key not in self._needs:
            needs: dict[str, int] = {}
            for step in self.steps:
                if not step.alternative and step.applies_to(sector, scale):
                    needs[step.area] = needs.get(step.area, 0) + step.months
            self._needs[key] = needs
        return self._needs[key]


@dataclass(frozen=True)
class Profile:
    ratings: Mapping[int, int] = field(default_factory=dict)  # skill id -> 0..MAX_LEVEL, the skills assessed
    degree_rank: int = 0  # 0: no degree
    degree_field: str = ""
    experience: Mapping[str, int] = field(default_factory=dict)  # area -> months
    sector: str = Sector.BOTH
    scale: int | None = None
    current_role_id: int | None = None
    circumstances: frozenset[str] = frozenset()
    months_in_role: int = 0  # in the current role (or in it before leaving)
    months_since_left: int | None = None  # None: still in the role

    @cached_property
    def is_empty(self) -> bool:
        return not self.ratings and not self.degree_rank and not any(self.experience.values())

    def months_in(self, area: str) -> int:
        return self.experience.get(area, 0)


class SkillTally:
    """What a person's assessed skills add up to against one role's skill needs."""

    __slots__ = ("assessed_weight", "credit", "essential_assessed", "essential_met", "essential_shortfall")

    def __init__(self):
        self.credit = 0.0  # weight earned: a skill's weight × the share of its level reached
        self.assessed_weight = 0
        self.essential_assessed = 0
        self.essential_met = 0
        self.essential_shortfall = 0  # levels, added over the essential skills

    def add(self, need: SkillNeed, rating: int) -> None:
        self.credit += need.weight * min(rating, need.required) / need.required
        self.assessed_weight += need.weight
        if need.essential:
            self.essential_assessed += 1
            self.essential_met += rating >= need.required
            self.essential_shortfall += max(0, need.required - rating)


def tally_of(requirements: RoleRequirements, profile: Profile) -> SkillTally:
    tally = SkillTally()
    for need in requirements.skills:
        if (rating := profile.ratings.get(need.skill_id)) is not None:
            tally.add(need, rating)
    return tally


def alternative_route_met(requirements: RoleRequirements, profile: Profile) -> bool:
    """An experience step that stands in for a degree (running a large family business, years of
    hands-on operations management): the person holds at least its months, the threshold an editor set."""
    return any(profile.months_in(step.area) >= step.months for step in requirements.alternatives)


def degree_level_met(requirements: RoleRequirements, profile: Profile, rank: int | None = None) -> bool:
    """The person holds a degree at a level the role asks (any field), or took its experience route.

    `rank` is the degree held if not the profile's own (the route finder's states hold degrees to come).
    """
    rank = profile.degree_rank if rank is None else rank
    return (
        not requirements.asks_for_degree
        or alternative_route_met(requirements, profile)
        or any(rank >= option.rank for option in requirements.degrees)
    )


def degree_value(requirements: RoleRequirements, profile: Profile) -> float | None:
    if not requirements.asks_for_degree:
        return None
    if alternative_route_met(requirements, profile):
        return 1.0
    best = 0.0
    for option in requirements.degrees:
        if profile.degree_rank >= option.rank:
            if profile.degree_field != option.field:
                best = max(best, OTHER_FIELD_CREDIT)
            else:
                best = max(best, 1.0 if option.suits(profile.scale) else LESS_SUITED_CREDIT)
        elif profile.degree_rank > 0:
            best = max(best, LOWER_DEGREE_CREDIT)
    return best


def is_qualified(requirements: RoleRequirements, profile: Profile) -> bool:
    """The degree (or the experience route) and the experience a role asks are there: only skills may be missing."""
    held = profile.experience
    return degree_level_met(requirements, profile) and all(
        held.get(area, 0) >= months for area, months in requirements.experience_needs(profile.sector, profile.scale).items()
    )


def months_missing(needs: Mapping[str, int], held: Mapping[str, int]) -> dict[str, int]:
    """Months still to gain in each area where `held` falls short of `needs`."""
    return {area: months - held.get(area, 0) for area, months in needs.items() if held.get(area, 0) < months}


def experience_value(needs: Mapping[str, int], profile: Profile) -> float | None:
    if not needs:
        return None
    held = profile.experience
    return sum(min(held.get(area, 0) / months, 1.0) for area, months in needs.items()) / len(needs)


@dataclass(frozen=True)
class Part:
    name: str  # "skills", "degree" or "experience"
    weight: float  # share of the total, 0..1, after leaving out parts the role does not ask for
    value: float  # 0..1, how much of the part is met
    points: int = 0  # what it adds to the total; the parts' points add up to the total before any cap


@dataclass(frozen=True)
class Cap:
    reason: str  # "skills", "degree" or "experience": the essential requirement furthest off
    points: int  # taken off the parts' sum (negative)


@dataclass(frozen=True)
class Standing:
    """A role's total for a person, and whether they could credibly apply now."""

    total: int | None  # None: no answers to score
    ready: bool
    parts: tuple[Part, ...] = ()
    cap: Cap | None = None
    qualified: bool = False  # the degree and the experience are there: only skills may be missing


def standing(requirements: RoleRequirements, profile: Profile, tally: SkillTally, *, with_parts: bool = False) -> Standing:
    """The score's rule, for one role: the total, the cap while essential requirements are far off, readiness;
    `with_parts` adds each part's points (scoring a whole catalogue needs only the totals)."""
    if profile.is_empty:
        return Standing(total=None, ready=False)
    needs = requirements.experience_needs(profile.sector, profile.scale)
    experience = experience_value(needs, profile)
    degree = degree_value(requirements, profile) if requirements.asks_for_degree else None
    skills = tally.credit / tally.assessed_weight if tally.assessed_weight else None
    degree_met = degree_level_met(requirements, profile)
    qualified = is_qualified(requirements, profile)
    ready = qualified and tally.essential_met == requirements.essential_count
    values = [
        (name, points, value)
        for name, points, value in (
            ("skills", SKILLS_POINTS, skills),
            ("degree", DEGREE_POINTS, degree),
            ("experience", EXPERIENCE_POINTS, experience),
        )
        if value is not None
    ]
    if not values:  # nothing the role asks was answered: no number rather than a made-up one
        return Standing(total=None, ready=ready, qualified=qualified)
    asked_points = sum(points for _, points, _ in values)
    # A hair of tolerance so that meeting everything is exactly 100 despite float sums.
    uncapped = math.floor(100 * sum(points * value for _, points, value in values) / asked_points + 1e-9)
    parts = ()
    if with_parts:
        shares = [100 * points * value / asked_points for _, points, value in values]
        parts = tuple(
            Part(name, points / asked_points, value, whole)
            for (name, points, value), whole in zip(values, whole_points(shares, uncapped), strict=True)
        )

    caps = []
    if tally.essential_assessed:
        caps.append(("skills", 100 - POINTS_PER_LEVEL_SHORT * tally.essential_shortfall / tally.essential_assessed))
    if not degree_met:
        caps.append(("degree", CAP_WITHOUT_DEGREE))
    if experience is not None:
        caps.append(("experience", CAP_WITHOUT_EXPERIENCE + (100 - CAP_WITHOUT_EXPERIENCE) * experience))
    cap = None
    if caps:
        reason, ceiling = min(caps, key=lambda item: item[1])
        if math.floor(ceiling + 1e-9) < uncapped:
            cap = Cap(reason, max(0, math.floor(ceiling + 1e-9)) - uncapped)
    return Standing(total=uncapped + (cap.points if cap else 0), ready=ready, parts=parts, cap=cap, qualified=qualified)


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
    total: int | None  # None: the profile has no answers to score
    ready: bool = False
    parts: tuple[Part, ...] = ()
    cap: Cap | None = None
    gaps: tuple[SkillGap, ...] = ()  # assessed skills below their level, biggest effect on the total first
    not_assessed: tuple[SkillNeed, ...] = ()  # skills the role asks that the person did not assess
    degree_met: bool = True
    experience_missing: Mapping[str, int] = field(default_factory=dict)  # area -> months still needed


def readiness(requirements: RoleRequirements, profile: Profile, *, explain: bool = True) -> Readiness:
    """The role's readiness for this person, explained; `explain` adds what raising each skill would change."""
    result = standing(requirements, profile, tally_of(requirements, profile), with_parts=True)
    if result.total is None:
        return Readiness(role_id=requirements.role_id, total=None, ready=result.ready)
    gaps = []
    for need in requirements.skills:
        rating = profile.ratings.get(need.skill_id)
        if rating is not None and rating < need.required:
            gain = 0
            if explain:
                raised = replace(profile, ratings={**profile.ratings, need.skill_id: rating + 1})
                gain = standing(requirements, raised, tally_of(requirements, raised)).total - result.total
            gaps.append(SkillGap(need=need, rating=rating, gain=gain))
    gaps.sort(key=lambda gap: (-gap.gain, -gap.need.essential, -gap.shortfall, gap.need.skill_id))
    return Readiness(
        role_id=requirements.role_id,
        total=result.total,
        ready=result.ready,
        parts=result.parts,
        cap=result.cap,
        gaps=tuple(gaps),
        not_assessed=tuple(need for need in requirements.skills if need.skill_id not in profile.ratings),
        degree_met=degree_level_met(requirements, profile),
        experience_missing=months_missing(requirements.experience_needs(profile.sector, profile.scale), profile.experience),
    )


SkillUsers = Mapping[int, list[tuple[int, SkillNeed]]]  # skill id -> (role id, need) of every role needing it


def skill_users(roles: Mapping[int, RoleRequirements]) -> dict[int, list[tuple[int, SkillNeed]]]:
    users: dict[int, list[tuple[int, SkillNeed]]] = defaultdict(list)
    for role_id, requirements in roles.items():
        for need in requirements.skills:
            users[need.skill_id].append((role_id, need))
    return users


def standings(roles: Mapping[int, RoleRequirements], users: SkillUsers, profile: Profile) -> dict[int, Standing]:
    """These roles' totals and readiness, as `readiness` gives them."""
    tallies: dict[int, SkillTally] = defaultdict(SkillTally)
    for skill_id, rating in profile.ratings.items():
        for role_id, need in users.get(skill_id, ()):
            if role_id in roles:
                tallies[role_id].add(need, rating)
    return {role_id: standing(requirements, profile, tallies[role_id]) for role_id, requirements in roles.items()}
