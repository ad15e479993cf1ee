"""The bridge from a person's job, any ESCO occupation, into the team's ladder.

Three of the team's roles stand for an ESCO occupation (`Role.esco_occupation`: their twins). From another occupation,
a bridge enters the ladder at such a role: straight to its twin when the move is viable (Nesta's grading, with the
thresholds `compute_neighbours` calibrated), or through the viable neighbour of the person's job that is closest to
the twin. The route finder weighs every bridge like any other move (`Catalogue.with_bridges`): it adds the experience
still missing, passes by a role below the level the person's experience supports, and keeps the quickest.

A bridge step's months are an estimate the person is told with its basis (`step_basis`): ESCO gives no durations. The
destination's essential skills the person's job does not use are learnt side by side on the job, as the route finder
raises skills (`Estimates.skill_level_months` per level); a highly viable move asks one to two such periods, a viable one
two to four (a wider gap: fewer skills carry over), a move with nothing to learn none to one. They depend on the two
occupations only, never on a person's answers: a bridge keeps every property of the guidance.
"""

from dataclasses import dataclass

from careerpath.cache import per_content_version
from roles.models import Importance, Neighbour, Origin, Role, Skill, Viability
from roles.neighbours import compare

# The months of a bridge step, in periods of the editors' time to gain a skill level, by how viable the move is.
STEP_PERIODS = {Viability.HIGHLY_VIABLE: (1, 2), Viability.VIABLE: (2, 4)}
NOTHING_TO_GAIN_PERIODS = (0, 1)


@dataclass(frozen=True)
class BridgeStep:
    """One move between ESCO occupations: the destination's essential skills the origin has, and those to gain."""

    origin_id: int
    destination_id: int
    similarity: float
    viability: str
    carried: tuple[int, ...]  # skill pks
    to_gain: tuple[int, ...]

    @classmethod
    def of(cls, compared: Neighbour) -> "BridgeStep":
        return cls(
            compared.origin_id,
            compared.destination_id,
            round(compared.similarity, 3),
            str(compared.viability),
            tuple(compared.shared_essential),
            tuple(compared.to_gain),
        )

    def months(self, skill_level_months: int) -> tuple[int, int]:
        low, high = STEP_PERIODS[Viability(self.viability)] if self.to_gain else NOTHING_TO_GAIN_PERIODS
        return low * skill_level_months, high * skill_level_months


@dataclass(frozen=True)
class Bridge:
    """From the person's occupation into a team role, in one step (to its twin) or two (through a neighbour)."""

    role_id: int  # the team role entered
    steps: tuple[BridgeStep, ...]

    def months(self, skill_level_months: int) -> tuple[int, int]:
        spans = [step.months(skill_level_months) for step in self.steps]
        return sum(low for low, _high in spans), sum(high for _low, high in spans)

    @property
    def occupation_ids(self) -> tuple[int, ...]:
        return (self.steps[0].origin_id, *(step.destination_id for step in self.steps))

    @property
    def skill_ids(self) -> set[int]:
        return {skill for step in self.steps for skill in (*step.carried, *step.to_gain)}


def is_viable(compared: Neighbour | None) -> bool:
    return compared is not None and compared.viability != Viability.LESS_VIABLE


@per_content_version
def ladder_twins() -> dict[int, int]:
    """{ESCO occupation pk: the published team role standing for it}, for the twins imported."""
    twins = Role.objects.published().filter(origin=Origin.WRITTEN, esco_occupation__isnull=False)
    return {twin: role for role, twin in twins.values_list("pk", "esco_occupation__pk") if twin is not None}


def ladder_role_of(role_id: int | None) -> int | None:
    """The team role a person holding this ESCO occupation holds in the ladder's terms: its twin's. None otherwise."""
    return ladder_twins().get(role_id) if role_id is not None else None


@per_content_version
def bridges_from(occupation_id: int) -> tuple[Bridge, ...]:
    """One bridge per team role with a twin that the occupation reaches by viable moves: straight, or through the
    viable neighbour that is closest to the twin (the one whose weaker move is strongest). None from a twin itself
    (the person is in the ladder already) or from an occupation nothing viable links to the ladder."""
    twins = ladder_twins()
    if not twins or occupation_id in twins:
        return ()
    neighbours = [
        neighbour
        for neighbour in Neighbour.objects.filter(origin_id=occupation_id).order_by("rank")
        if is_viable(neighbour) and neighbour.destination_id not in twins
    ]
    compared = compare([occupation_id, *(neighbour.destination_id for neighbour in neighbours)], twins)
    bridges = []
    for twin, role_id in twins.items():
        direct = compared.get((occupation_id, twin))
        if is_viable(direct):
            bridges.append(Bridge(role_id, (BridgeStep.of(direct),)))
            continue
        through = [
            (min(neighbour.similarity, onward.similarity), -neighbour.rank, neighbour, onward)
            for neighbour in neighbours
            if is_viable(onward := compared.get((neighbour.destination_id, twin)))
        ]
        if through:
            *_order, first, onward = max(through, key=lambda option: option[:2])
            bridges.append(Bridge(role_id, (BridgeStep.of(first), BridgeStep.of(onward))))
    return tuple(bridges)


# The level offered for a skill the person's job asks: ESCO calls it essential to doing the job, which the skills'
# third level describes (practised day to day, on one's own: "Encadre une équipe au quotidien").
ESSENTIAL_IN_JOB_LEVEL = 3


def skills_the_job_uses(occupation: Role, target: Role) -> dict[int, list[str]]:
    """The target's skills (with a level to rate) that the occupation's ESCO profile covers with an essential skill:
    skill id → the names of those ESCO skills. `target` fetched with `Role.objects.with_skills()`."""
    essential = {
        skill.esco_uri: skill.name
        for skill in Skill.objects.filter(
            role_skills__role=occupation, role_skills__importance=Importance.ESSENTIAL, esco_uri__isnull=False
        ).only("esco_uri", "name_fr", "name_en")
    }
    used = {}
    for role_skill in target.role_skills.all():
        names = [essential[uri] for uri in role_skill.skill.esco_skills if uri in essential]
        if role_skill.required_level and names:
            used[role_skill.skill_id] = names
    return used
