"""Readiness scoring: plain functions from data to data, with no database access.

A role's readiness (0–100) has three parts, each between 0 and 1:
- skills: every required skill's rating against its required level, essential skills
  counting twice as much as useful ones;
- degree: the best match between the person's degree and the role's degrees (or the
  role's experience route that stands in for a degree);
- experience: months the person has in each area against what the role's steps add up to.
A part the role asks nothing for is left out and the others are re-weighted. Every part only
grows when a rating, a degree or experience grows, so the score does too.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

SKILLS_WEIGHT, DEGREE_WEIGHT, EXPERIENCE_WEIGHT = 0.6, 0.2, 0.2
ESSENTIAL_WEIGHT, USEFUL_WEIGHT = 2, 1
MAX_RATING = 5
ANY_SECTOR = "both"
SECTORS = (ANY_SECTOR, "production", "services")  # what a person may aim at

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
    sector: str = ANY_SECTOR
    alternative: bool = False

    def applies_to(self, sector: str) -> bool:
        """A sector-specific step counts only for a person who aims at that sector."""
        return self.sector == ANY_SECTOR or self.sector == sector


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
        for sector in SECTORS:
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
    ratings: Mapping[int, int] = field(default_factory=dict)  # skill id -> 0..5
    degree_rank: int = 0  # 0: no degree
    degree_field: str = ""
    experience: Mapping[str, int] = field(default_factory=dict)  # area -> months
    sector: str = ANY_SECTOR
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


def skills_value(requirements: RoleRequirements, profile: Profile) -> float | None:
    if not requirements.skills:
        return None
    met = sum(skill_credit(need, profile.rating(need.skill_id)) for need in requirements.skills)
    return met / (CREDIT_UNIT * requirements.skill_weight)


def alternative_route_met(requirements: RoleRequirements, profile: Profile) -> bool:
    """An experience step marked as standing in for a degree (e.g. a large family business)."""
    return any(step.alternative and profile.months_in(step.area) >= step.months for step in requirements.steps)


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


def degree_level_met(requirements: RoleRequirements, profile: Profile) -> bool:
    """The person holds a degree at a level the role asks (any field), or took its experience route."""
    return (
        not requirements.asks_for_degree
        or alternative_route_met(requirements, profile)
        or any(profile.degree_rank >= option.rank for option in requirements.degrees)
    )


def experience_missing(requirements: RoleRequirements, profile: Profile) -> dict[str, int]:
    needs = requirements.experience_needs(profile.sector)
    return {area: months - profile.months_in(area) for area, months in needs.items() if profile.months_in(area) < months}


def experience_value(requirements: RoleRequirements, profile: Profile) -> float | None:
    needs = requirements.experience_needs(profile.sector)
    if not needs:
        return None
    # Added in the order of area names, as `totals` adds its columns: the same floats, to the last bit.
    return sum(min(profile.months_in(area) / months, 1.0) for area, months in sorted(needs.items())) / len(needs)


def part_values(
    requirements: RoleRequirements, profile: Profile, skills: float | None = None
) -> list[tuple[str, float, float]]:
    """(part, share of the total, value) for the parts the role asks for; `skills` may come from `totals`."""
    values = [
        ("skills", SKILLS_WEIGHT, skills if skills is not None else skills_value(requirements, profile)),
        ("degree", DEGREE_WEIGHT, degree_value(requirements, profile)),
        ("experience", EXPERIENCE_WEIGHT, experience_value(requirements, profile)),
    ]
    asked = [(name, weight, value) for name, weight, value in values if value is not None]
    total_weight = sum(weight for _, weight, _ in asked)
    return [(name, weight / total_weight, value) for name, weight, value in asked]


def total_from(values: list[tuple[str, float, float]]) -> int:
    if not values:
        return 100  # a role that asks for nothing
    # A hair of tolerance so that meeting everything is exactly 100 despite float sums.
    return min(100, int(sum(100 * weight * value for _, weight, value in values) + 1e-9))


def score_parts(requirements: RoleRequirements, profile: Profile) -> tuple[Part, ...]:
    return tuple(Part(*values) for values in part_values(requirements, profile))


def total_of(parts: tuple[Part, ...]) -> int:
    return total_from([(part.name, part.weight, part.value) for part in parts])


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
        experience_missing=experience_missing(requirements, profile),
    )


def skill_index(roles: Mapping[int, RoleRequirements]) -> dict[int, list[tuple[int, SkillNeed]]]:
    """Which roles need each skill: lets `totals` touch only the skills a person rated."""
    users: dict[int, list[tuple[int, SkillNeed]]] = defaultdict(list)
    for role_id, requirements in roles.items():
        for need in requirements.skills:
            users[need.skill_id].append((role_id, need))
    return users


NOT_ASKED = np.inf  # in the arrays below: no degree, or no experience route, of that kind


@dataclass(frozen=True)
class RoleArrays:
    """Every role's requirements as arrays, one row per role, so that `totals` scores a whole catalogue
    (ESCO's 3,000 occupations) in a few vector operations rather than a loop of function calls."""

    role_ids: tuple[int, ...]
    areas: tuple[str, ...]  # every experience area asked for, in name order: the columns below
    needs: Mapping[str, np.ndarray]  # sector -> months per area each role asks for on its usual route
    route_months: np.ndarray  # months per area of the role's shortest experience route instead of a degree
    skill_weights: np.ndarray  # 0: the role asks for no skill
    asks_for_degree: np.ndarray
    has_degrees: np.ndarray
    lowest_rank: np.ndarray  # the lowest degree rank the role accepts
    lowest_rank_in: Mapping[str, np.ndarray]  # field -> the lowest rank the role accepts in that field

    @classmethod
    def of(cls, roles: Mapping[int, RoleRequirements]) -> "RoleArrays":
        areas = tuple(sorted({step.area for requirements in roles.values() for step in requirements.steps}))
        fields = {option.field for requirements in roles.values() for option in requirements.degrees}

        def table(value, dtype=np.float64) -> np.ndarray:
            return np.array([[value(requirements, area) for area in areas] for requirements in roles.values()],
                            dtype=dtype).reshape(len(roles), len(areas))

        def column(value, dtype=np.float64) -> np.ndarray:
            return np.array([value(requirements) for requirements in roles.values()], dtype=dtype)

        return cls(
            role_ids=tuple(roles),
            areas=areas,
            needs={sector: table(lambda r, area, s=sector: r.experience_needs(s).get(area, 0), np.int64) for sector in SECTORS},
            route_months=table(lambda r, area: min((step.months for step in r.steps if step.alternative and step.area == area),
                                                   default=NOT_ASKED)),
            skill_weights=column(lambda r: r.skill_weight, np.int64),
            asks_for_degree=column(lambda r: r.asks_for_degree, bool),
            has_degrees=column(lambda r: bool(r.degrees), bool),
            lowest_rank=column(lambda r: min((option.rank for option in r.degrees), default=NOT_ASKED)),
            lowest_rank_in={name: column(lambda r, name=name: min((o.rank for o in r.degrees if o.field == name),
                                                                  default=NOT_ASKED)) for name in fields},
        )

    @cached_property
    def rows(self) -> dict[int, int]:
        """Each role's row."""
        return {role_id: row for row, role_id in enumerate(self.role_ids)}

    def months_of(self, profile: Profile) -> np.ndarray:
        """The person's months in each of the areas, in column order."""
        return np.array([profile.months_in(area) for area in self.areas], dtype=np.int64)


def totals(
    arrays: RoleArrays, index: Mapping[int, list[tuple[int, SkillNeed]]], profile: Profile
) -> dict[int, int | None]:
    """Every role's readiness total at once, the same numbers `readiness` gives one by one.

    The arithmetic is `part_values` and `total_from`, operation for operation, on whole columns:
    tests/pathways/test_scoring.py checks the two agree. Unrated skills count as 0, so a role's
    skills part only gathers credit from the skills the person rated.
    """
    if profile.is_empty:
        return dict.fromkeys(arrays.role_ids)
    count = len(arrays.role_ids)
    met = np.zeros(count, dtype=np.int64)
    for skill_id, rating in profile.ratings.items():
        for role_id, need in index.get(skill_id, ()):
            met[arrays.rows[role_id]] += skill_credit(need, rating)
    asks_skills = arrays.skill_weights > 0
    skills = np.divide(met, CREDIT_UNIT * arrays.skill_weights, out=np.zeros(count), where=asks_skills)

    own = arrays.months_of(profile)
    rank = profile.degree_rank
    in_field = arrays.lowest_rank_in.get(profile.degree_field, np.full(count, NOT_ASKED))
    degree = np.select(
        [(own >= arrays.route_months).any(axis=1), in_field <= rank, arrays.lowest_rank <= rank,
         arrays.has_degrees & (rank > 0)],
        [1.0, 1.0, OTHER_FIELD_CREDIT, LOWER_DEGREE_CREDIT], default=0.0)

    needs = arrays.needs[profile.sector]
    experience = np.zeros(count)
    for column in range(len(arrays.areas)):  # area by area, in name order, as `experience_value` adds them
        share = np.divide(own[column], needs[:, column], out=np.zeros(count), where=needs[:, column] > 0)
        experience = experience + np.minimum(share, 1.0)
    areas_asked = (needs > 0).sum(axis=1)
    asks_experience = areas_asked > 0
    experience = np.divide(experience, areas_asked, out=np.zeros(count), where=asks_experience)

    parts = [(asks_skills, SKILLS_WEIGHT, skills), (arrays.asks_for_degree, DEGREE_WEIGHT, degree),
             (asks_experience, EXPERIENCE_WEIGHT, experience)]
    total_weight = np.zeros(count)
    for asked, weight, _value in parts:
        total_weight = total_weight + np.where(asked, weight, 0.0)
    points = np.zeros(count)
    with np.errstate(divide="ignore", invalid="ignore"):  # a role that asks for nothing: no weights at all
        for asked, weight, value in parts:
            points = points + np.where(asked, 100 * (weight / total_weight) * value, 0.0)
    scores = np.where(total_weight > 0, np.minimum(100, np.floor(points + 1e-9)), 100).astype(np.int64)
    return dict(zip(arrays.role_ids, scores.tolist(), strict=True))
