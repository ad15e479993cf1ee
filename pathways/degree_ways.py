"""The ways to obtain a degree open to a person (full-time study, apprenticeship, VAE...), and how long each takes.

Pure: data in, data out, no database. The catalogue builds `Way`s once from the `DegreeWay` rows with
`ways_from`; `ways_to_degree` then says, for one degree a route needs, which ways apply to this person and
why the others do not."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Protocol

from django.utils.translation import gettext

from roles.models import degree_rank_label

from .scoring import DegreeOption


class WayRow(Protocol):
    """What `ways_from` reads of a row: the fields of `pathways.models.DegreeWay`."""

    pk: int
    slug: str
    while_working: bool
    counts_as_experience: bool
    needs_employer: bool
    min_factor: Decimal | None
    max_factor: Decimal | None
    min_months: int | None
    max_months: int | None
    min_rank: int
    max_rank: int
    excluded_fields: list[str]
    requires_rank: int
    min_related_months: int


@dataclass(frozen=True)
class Way:
    """A way to obtain a degree, as the route finder reads it (the words stay on the row: `way_id` finds them)."""

    way_id: int
    slug: str
    while_working: bool
    counts_as_experience: bool
    needs_employer: bool
    min_rank: int
    max_rank: int
    # Either both factors (times the degree's full-time months) or both fixed lengths in months.
    min_factor: Decimal | None = None
    max_factor: Decimal | None = None
    min_months: int | None = None
    max_months: int | None = None
    excluded_fields: frozenset[str] = frozenset()
    requires_rank: int = 0  # the degree rank the person must already hold
    min_related_months: int = 0  # months of experience related to the degree it asks

    @property
    def relative(self) -> bool:
        return self.min_factor is not None

    def months(self, full_time_months: int) -> tuple[int, int]:
        """(shortest, longest) months to obtain a degree of this full-time length this way."""
        if self.min_factor is not None and self.max_factor is not None:
            return scaled(self.min_factor, full_time_months), scaled(self.max_factor, full_time_months)
        assert self.min_months is not None and self.max_months is not None, self.slug
        return self.min_months, self.max_months


def scaled(factor: Decimal, months: int) -> int:
    """Factor × months in whole months, halves rounded up, never under one month."""
    return max(1, int((Decimal(factor) * months).to_integral_value(rounding=ROUND_HALF_UP)))


class Fit(StrEnum):
    """Why a way applies to a person's degree, or why not."""

    OPEN = "open"  # nothing checked stands in the way (conditions in words remain: age, an employer...)
    EXPERIENCE = "experience"  # applies: the person has the related experience it asks
    BUILDS_ON_DEGREE = "builds-on-degree"  # applies: the person holds the degree it builds on
    OTHER_LEVEL = "other-level"  # not for degrees of this rank
    OTHER_FIELD = "other-field"  # not for degrees of this field
    NEEDS_DEGREE = "needs-degree"  # the person lacks the degree it builds on
    NEEDS_EXPERIENCE = "needs-experience"  # the person lacks the related experience it asks


APPLIES = frozenset({Fit.OPEN, Fit.EXPERIENCE, Fit.BUILDS_ON_DEGREE})


@dataclass(frozen=True)
class WayOption:
    """One way to obtain one degree, for one person."""

    way: Way
    fit: Fit
    min_months: int
    max_months: int

    @property
    def applies(self) -> bool:
        return self.fit in APPLIES

    @property
    def while_working(self) -> bool:
        return self.way.while_working

    @property
    def counts_as_experience(self) -> bool:
        return self.way.counts_as_experience


# The experience areas whose months relate to a degree of each field (for VAE and executive programmes): the
# team's reading, since a validation jury weighs experience against the degree's own content.
RELATED_AREAS = {
    "facilities": ("facilities",),
    "engineering": ("operations", "facilities"),
}
MANAGEMENT_AREAS = ("operations", "people", "business", "customer-service", "facilities")


def related_months(degree_field: str, profile) -> int:
    """Months of the person's experience related to a degree of this field (the most in any one related area, as
    it counts today): a management degree relates to any area of running operations."""
    areas = RELATED_AREAS.get(degree_field, MANAGEMENT_AREAS)
    return int(max((profile.months_in(area) for area in areas), default=0))


def ways_from(rows: Iterable[WayRow]) -> tuple[Way, ...]:
    """The route finder's ways, from the `DegreeWay` rows in their order."""
    return tuple(
        Way(
            way_id=row.pk,
            slug=row.slug,
            while_working=row.while_working,
            counts_as_experience=row.counts_as_experience,
            needs_employer=row.needs_employer,
            min_rank=row.min_rank,
            max_rank=row.max_rank,
            min_factor=row.min_factor,
            max_factor=row.max_factor,
            min_months=row.min_months,
            max_months=row.max_months,
            excluded_fields=frozenset(row.excluded_fields),
            requires_rank=row.requires_rank,
            min_related_months=row.min_related_months,
        )
        for row in rows
    )


def fit(way: Way, option: DegreeOption, held_rank: int, related_months: int) -> Fit:
    """Whether the way leads to this degree for this person: the degree first, then the person."""
    if not way.min_rank <= option.rank <= way.max_rank:
        return Fit.OTHER_LEVEL
    if option.field in way.excluded_fields:
        return Fit.OTHER_FIELD
    if held_rank < way.requires_rank:
        return Fit.NEEDS_DEGREE
    if related_months < way.min_related_months:
        return Fit.NEEDS_EXPERIENCE
    if way.min_related_months:
        return Fit.EXPERIENCE
    return Fit.BUILDS_ON_DEGREE if way.requires_rank else Fit.OPEN


def ways_to_degree(option: DegreeOption, *, held_rank: int, related_months: int, ways: tuple[Way, ...]) -> list[WayOption]:
    """Every way, with how long it takes to obtain `option` and whether it applies to a person holding a
    degree of `held_rank` (0: none) with `related_months` of experience related to the degree: those that
    apply first, each group in the data's order."""
    options = [WayOption(way, fit(way, option, held_rank, related_months), *way.months(option.months)) for way in ways]
    return [o for o in options if o.applies] + [o for o in options if not o.applies]


def why_not(option: WayOption, name: str) -> str:
    """Why a way does not apply, in words, e.g. "VAE : demande au moins 12 mois d’expérience en rapport avec le
    diplôme"; empty when it applies."""
    match option.fit:
        case Fit.OTHER_LEVEL:
            reason = gettext("ne mène pas à un diplôme de ce niveau")
        case Fit.OTHER_FIELD:
            reason = gettext("ne mène pas à un diplôme de ce domaine")
        case Fit.NEEDS_DEGREE:
            reason = gettext("demande d’avoir déjà un %(level)s") % {"level": degree_rank_label(option.way.requires_rank)}
        case Fit.NEEDS_EXPERIENCE:
            reason = gettext("demande au moins %(months)d mois d’expérience en rapport avec le diplôme") % {
                "months": option.way.min_related_months
            }
        case _:
            return ""
    return gettext("%(way)s : %(reason)s") % {"way": name, "reason": reason}
