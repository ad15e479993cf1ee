"""Readiness scoring: plain functions from data to data, with no database access.

A role's readiness (0–100) has three parts, each between 0 and 1:
- skills: every required skill's rating against its required level, essential skills
  counting twice as much as useful ones;
- degree: the best match between the person's degree and the role's degrees (or the
  role's experience route that stands in for a degree);
- experience: months the person has in each area against what the role's steps add up to.
A part the role asks nothing for is left out and the others are re-weighted. Every part only
grows when a rating, a degree or experience grows, so the score does too.

Each rule is written once, here. Scoring a whole catalogue (`totals`) uses the same parts as
one role's `readiness`; only the skill credits are gathered the other way round, from the skills
the person rated to the roles that need them, so that it costs what the person answered rather
than what the catalogue holds.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from roles.models import Sector

SKILLS_WEIGHT, DEGREE_WEIGHT, EXPERIENCE_WEIGHT = 0.6, 0.2, 0.2
ESSENTIAL_WEIGHT, USEFUL_WEIGHT = 2, 1

# Degree part when the person's degree is below the level asked (same field or not), or at the
# level asked but in another field.
LOWER_DEGREE_CREDIT = 0.25
OTHER_FIELD_CREDIT = 0.5


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


@dataclass(frozen=True)
class StepNeed:
    step_id: int
    area: str
    months: int
    sector: str = Sector.BOTH
    alternative: bool = False

    def applies_to(self, sector: str) -> bool:
        """A sector-specific step counts only for a person who aims at that sector."""
        return self.sector == Sector.BOTH or self.sector == sector


@dataclass(frozen=True)
class RoleRequirements:
    role_id: int
    skills: tuple[SkillNeed, ...] = ()
    degrees: tuple[DegreeOption, ...] = ()
    steps: tuple[StepNeed, ...] = ()

    @cached_property
    def asks_for_degree(self) -> bool:
        return any(option.typical for option in self.degrees)

    @cached_property
    def skill_weight(self) -> int:
        return sum(need.weight for need in self.skills)

    @cached_property
    def _needs_by_sector(self) -> dict[str, dict[str, int]]:
        by_sector: dict[str, dict[str, int]] = {}
        for sector in Sector.values:
            needs: dict[str, int] = {}
            for step in self.steps:
                if not step.alternative and step.applies_to(sector):
                    needs[step.area] = needs.get(step.area, 0) + step.months
            by_sector[sector] = needs
        return by_sector

    def experience_needs(self, sector: str) -> dict[str, int]:
        """Months needed per experience area: the steps on the usual route, added up."""
        return self._needs_by_sector[sector]


@dataclass(frozen=True)
class Profile:
    ratings: Mapping[int, int] = field(default_factory=dict)  # skill id -> 0..MAX_LEVEL
    degree_rank: int = 0  # 0: no degree
    degree_field: str = ""
    experience: Mapping[str, int] = field(default_factory=dict)  # area -> months
    sector: str = Sector.BOTH
    scale: int | None = None
    current_role_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.ratings and not self.degree_rank and not any(self.experience.values())

    def months_in(self, area: str) -> int:
        return self.experience.get(area, 0)

    def rating(self, skill_id: int) -> int:
        """A skill the person did not rate counts as not yet practised."""
        return self.ratings.get(skill_id, 0)


@dataclass(frozen=True)
class SkillGap:
    need: SkillNeed
    rating: int
    gain: int  # points the total would gain with one more level

    @property
    def shortfall(self) -> int:
        return self.need.required - self.rating


@dataclass(frozen=True)
class Part:
    name: str  # "skills", "degree" or "experience"
    weight: float  # share of the total, 0..1, after leaving out parts the role does not ask for
    value: float  # 0..1

    @property
    def points(self) -> float:
        return 100 * self.weight * self.value


@dataclass(frozen=True)
class Readiness:
    role_id: int
    total: int | None  # None: the profile has no answers to score
    parts: tuple[Part, ...] = ()
    gaps: tuple[SkillGap, ...] = ()  # biggest effect on the total first
    degree_met: bool = True
    experience_missing: Mapping[str, int] = field(default_factory=dict)  # area -> months still needed

    @property
    def is_ready(self) -> bool:
        return self.total == 100


CREDIT_UNIT = 60  # divisible by every required level 1..5, so credits add up exactly in any order


def skill_credit(need: SkillNeed, rating: int) -> int:
    """The share of a skill's weight a rating earns, in 1/60ths."""
    return need.weight * min(rating, need.required) * (CREDIT_UNIT // need.required)


def skill_credits(requirements: RoleRequirements, profile: Profile) -> int:
    return sum(skill_credit(need, profile.rating(need.skill_id)) for need in requirements.skills)


def skills_value(requirements: RoleRequirements, credits: int) -> float | None:
    if not requirements.skills:
        return None
    return credits / (CREDIT_UNIT * requirements.skill_weight)


def alternative_route_met(requirements: RoleRequirements, profile: Profile) -> bool:
    """An experience step marked as standing in for a degree (e.g. a large family business)."""
    return any(step.alternative and profile.months_in(step.area) >= step.months for step in requirements.steps)


def degree_level_met(requirements: RoleRequirements, profile: Profile, rank: int | None = None) -> bool:
    """The person holds a degree at a level the role asks (any field), or took its experience route.

    `rank` is the degree held if not the profile's own (the route planner's states hold degrees to come).
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
            best = max(best, 1.0 if profile.degree_field == option.field else OTHER_FIELD_CREDIT)
        elif profile.degree_rank > 0:
            best = max(best, LOWER_DEGREE_CREDIT)
    return best


def months_missing(needs: Mapping[str, int], held: Mapping[str, int]) -> dict[str, int]:
    """Months still to gain in each area where `held` falls short of `needs`."""
    return {area: months - held.get(area, 0) for area, months in needs.items() if held.get(area, 0) < months}


def experience_value(requirements: RoleRequirements, profile: Profile) -> float | None:
    needs = requirements.experience_needs(profile.sector)
    if not needs:
        return None
    return sum(min(profile.months_in(area) / months, 1.0) for area, months in needs.items()) / len(needs)


def score_parts(requirements: RoleRequirements, profile: Profile, credits: int | None = None) -> tuple[Part, ...]:
    """The parts the role asks for, each with its share of the total; `credits` if already gathered."""
    if credits is None:
        credits = skill_credits(requirements, profile)
    values = [
        ("skills", SKILLS_WEIGHT, skills_value(requirements, credits)),
        ("degree", DEGREE_WEIGHT, degree_value(requirements, profile)),
        ("experience", EXPERIENCE_WEIGHT, experience_value(requirements, profile)),
    ]
    asked = [(name, weight, value) for name, weight, value in values if value is not None]
    total_weight = sum(weight for _, weight, _ in asked)
    return tuple(Part(name, weight / total_weight, value) for name, weight, value in asked)


def total_of(parts: tuple[Part, ...]) -> int:
    if not parts:
        return 100  # a role that asks for nothing
    # A hair of tolerance so that meeting everything is exactly 100 despite float sums.
    return min(100, int(sum(part.points for part in parts) + 1e-9))


def readiness(requirements: RoleRequirements, profile: Profile, *, explain: bool = True) -> Readiness:
    """The role's readiness for this person; `explain` adds what raising each skill would change."""
    if profile.is_empty:
        return Readiness(role_id=requirements.role_id, total=None)
    parts = score_parts(requirements, profile)
    total = total_of(parts)
    gaps = []
    for need in requirements.skills:
        rating = profile.rating(need.skill_id)
        if rating < need.required:
            gain = 0
            if explain:
                raised = replace(profile, ratings={**profile.ratings, need.skill_id: rating + 1})
                gain = total_of(score_parts(requirements, raised)) - total
            gaps.append(SkillGap(need=need, rating=rating, gain=gain))
    gaps.sort(key=lambda gap: (-gap.gain, -gap.need.essential, -gap.shortfall, gap.need.skill_id))
    return Readiness(
        role_id=requirements.role_id,
        total=total,
        parts=parts,
        gaps=tuple(gaps),
        degree_met=degree_level_met(requirements, profile),
        experience_missing=months_missing(requirements.experience_needs(profile.sector), profile.experience),
    )


SkillUsers = Mapping[int, list[tuple[int, SkillNeed]]]  # skill id -> (role id, need) of every role needing it


def skill_users(roles: Mapping[int, RoleRequirements]) -> dict[int, list[tuple[int, SkillNeed]]]:
    users: dict[int, list[tuple[int, SkillNeed]]] = defaultdict(list)
    for role_id, requirements in roles.items():
        for need in requirements.skills:
            users[need.skill_id].append((role_id, need))
    return users


def totals(roles: Mapping[int, RoleRequirements], users: SkillUsers, profile: Profile) -> dict[int, int | None]:
    """Every role's readiness total, as `readiness` gives it."""
    if profile.is_empty:
        return dict.fromkeys(roles)
    credits: dict[int, int] = defaultdict(int)
    for skill_id, rating in profile.ratings.items():
        for role_id, need in users.get(skill_id, ()):
            credits[role_id] += skill_credit(need, rating)
    return {role_id: total_of(score_parts(requirements, profile, credits[role_id]))
            for role_id, requirements in roles.items()}
