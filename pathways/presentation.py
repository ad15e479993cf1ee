"""Turn an evaluation into what a person sees: the result page and the planner API both show this.

`present` fetches, in a fixed number of queries, every role, degree, skill, step and transition
the evaluation names, then builds the view from them, part by part.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from roles.models import Degree, ExperienceArea, ExperienceStep, Role, Skill, SkillLevel, format_months_range

from . import charts
from .evaluation import Evaluation
from .models import Transition
from .routes import Leg, Route
from .scoring import Part, Profile, SkillGap

PART_LABELS = {"skills": _("Compétences"), "degree": _("Diplôme"), "experience": _("Expérience")}
TOP_GAPS = 5
SKILLS_PER_STEP = 3  # the essential skills furthest below the next role's level


@dataclass
class SkillAction:
    skill: Skill
    rating: int
    required: int
    gain: int
    next_level: SkillLevel | None  # what a person one level up concretely does


@dataclass
class ExperienceAction:
    area: str
    months: int
    steps: list[ExperienceStep]  # the role's own steps in that area: what to do

    @property
    def area_label(self) -> str:
        return ExperienceArea(self.area).label

    @property
    def duration(self) -> str:
        return format_months_range(self.months, self.months)


@dataclass
class PartView:
    name: str
    label: str
    weight: int  # % of the total
    value: int  # % of the part met
    points: int


@dataclass
class LegView:
    """One move of a route: a degree to obtain first, if any, then the time in the current position."""

    role: Role
    min_months: int
    max_months: int
    why: str
    conditions: str = ""
    degree: Degree | None = None
    degree_months: int = 0
    experience: list[ExperienceAction] = field(default_factory=list)
    skills: list[SkillAction] = field(default_factory=list)

    @property
    def months_label(self) -> str:
        return months_label(self.min_months, self.max_months)

    @property
    def degree_label(self) -> str:
        return months_label(self.degree_months, self.degree_months)


@dataclass
class RouteView:
    anchor: str  # unique id on the page, for headings and charts
    legs: list[LegView]
    min_months: int
    max_months: int
    label: str
    tags: list[str]
    timeline: charts.Timeline

    @property
    def duration(self) -> str:
        return format_months_range(self.min_months, self.max_months)


@dataclass
class ResultView:
    target: Role
    total: int | None
    parts: list[PartView]
    gaps: list[SkillAction]  # biggest effect on the total first
    degree_missing: bool
    experience_missing: list[ExperienceAction]
    radar: charts.Radar | None
    radar_rows: list[tuple[str, int, int, int]]  # skill, your level, level asked, shortfall
    ready: bool
    best: RouteView | None
    alternatives: list[RouteView]
    closest: list[tuple[Role, int]]
    described: bool = True  # False: the target has no levels or route content yet

    @property
    def top_gaps(self) -> list[SkillAction]:
        return self.gaps[:TOP_GAPS]


def months_label(low: int, high: int) -> str:
    return format_months_range(low, high) if high else str(_("tout de suite"))


@dataclass
class Lookups:
    """The rows an evaluation names, fetched once."""

    roles: dict[int, Role]
    steps_by_role: dict[int, list[ExperienceStep]]
    transitions: dict[int, Transition]
    degrees: dict[int, Degree]
    skills: dict[int, Skill]


def fetch_lookups(evaluation: Evaluation, target: Role) -> Lookups:
    plan = evaluation.plan
    routes = [route for route in (plan.best, *plan.alternatives) if route is not None]
    legs = [leg for route in routes for leg in route.legs]
    role_ids = {leg.to_role_id for leg in legs} | {role_id for role_id, _total in evaluation.closest}
    steps_by_role: dict[int, list[ExperienceStep]] = {}
    for step in ExperienceStep.objects.filter(role_id__in=role_ids | {target.pk}).order_by("position"):
        steps_by_role.setdefault(step.role_id, []).append(step)
    skill_ids = {gap.need.skill_id for leg in legs for gap in leg.skill_gaps}
    skill_ids |= {role_skill.skill_id for role_skill in target.role_skills.all()}  # the target's gaps
    return Lookups(
        roles=Role.objects.in_bulk(role_ids),
        steps_by_role=steps_by_role,
        transitions=Transition.objects.in_bulk({leg.transition.transition_id for leg in legs if leg.transition}),
        degrees=Degree.objects.in_bulk({leg.degree.degree_id for leg in legs if leg.degree}),
        skills=Skill.objects.prefetch_related(Prefetch("levels", queryset=SkillLevel.objects.order_by("level")))
        .in_bulk(skill_ids),
    )


def skill_action(gap: SkillGap, lookups: Lookups) -> SkillAction:
    skill = lookups.skills[gap.need.skill_id]
    next_level = next((level for level in skill.levels.all() if level.level == gap.rating + 1), None)
    return SkillAction(skill, gap.rating, gap.need.required, gap.gain, next_level)


def experience_actions(role_id: int, missing: dict[str, int], lookups: Lookups) -> list[ExperienceAction]:
    return [
        ExperienceAction(area, months, [step for step in lookups.steps_by_role.get(role_id, [])
                                        if step.area == area and not step.is_alternative])
        for area, months in missing.items()
    ]


def part_view(part: Part) -> PartView:
    return PartView(part.name, str(PART_LABELS[part.name]), round(100 * part.weight), round(100 * part.value),
                    round(part.points))


def leg_view(leg: Leg, lookups: Lookups) -> LegView:
    role = lookups.roles[leg.to_role_id]
    transition = lookups.transitions[leg.transition.transition_id] if leg.transition else None
    furthest_first = sorted(leg.skill_gaps, key=lambda gap: -gap.shortfall)[:SKILLS_PER_STEP]
    return LegView(
        role=role,
        min_months=leg.min_months,
        max_months=leg.max_months,
        why=transition.rationale if transition else str(_("Vous remplissez déjà tout ce que demande ce poste : postulez.")),
        conditions=transition.conditions if transition else "",
        degree=lookups.degrees[leg.degree.degree_id] if leg.degree else None,
        degree_months=leg.degree_months,
        experience=experience_actions(leg.to_role_id, dict(leg.experience_missing), lookups),
        skills=[skill_action(gap, lookups) for gap in furthest_first],
    )


def route_tags(route: Route) -> list[str]:
    tags = []
    if route.uses_degree:
        tags.append(str(_("voie du diplôme")))
    if route.uses_experience_route:
        tags.append(str(_("voie de l’expérience")))
    tags += [str(_("services") if sector == "services" else _("production")) for sector in sorted(route.sectors)]
    return tags


def route_label(route: Route, best: Route | None, lookups: Lookups) -> str:
    """An alternative is named by the roles it passes through that the quickest route does not."""
    distinct = [lookups.roles[role_id].display_title for role_id in route.role_ids[:-1]
                if best is None or role_id not in best.intermediate_role_ids]
    return str(_("Par : %(roles)s") % {"roles": ", ".join(distinct)}) if distinct else str(_("Accès direct"))


def timeline_of(legs: list[LegView]) -> charts.Timeline:
    segments = []
    for leg in legs:
        if leg.degree:
            segments.append((leg.degree.name, "degree", leg.degree_months))
        segments.append((leg.role.display_title, "role", leg.min_months))
    return charts.timeline(segments)


def route_view(route: Route, best: Route | None, anchor: str, lookups: Lookups) -> RouteView:
    legs = [leg_view(leg, lookups) for leg in route.legs]
    return RouteView(anchor, legs, route.min_months, route.max_months, route_label(route, best, lookups),
                     route_tags(route), timeline_of(legs))


def radar_rows(target: Role, profile: Profile) -> list[tuple[str, int, int, int]]:
    """(skill, your level, level asked, shortfall) for each skill the target sets a level for."""
    return [(rs.skill.name, profile.rating(rs.skill_id), rs.required_level,
             max(0, rs.required_level - profile.rating(rs.skill_id)))
            for rs in target.role_skills.all() if rs.required_level]


def present(evaluation: Evaluation, profile: Profile, target: Role) -> ResultView:
    """`target` must come from `Role.objects.with_skills()`; the rest is fetched here."""
    lookups = fetch_lookups(evaluation, target)
    readiness, plan = evaluation.target, evaluation.plan
    rows = radar_rows(target, profile)
    return ResultView(
        target=target,
        total=readiness.total,
        parts=[part_view(part) for part in readiness.parts],
        gaps=[skill_action(gap, lookups) for gap in readiness.gaps],
        degree_missing=not readiness.degree_met,
        experience_missing=experience_actions(target.pk, dict(readiness.experience_missing), lookups),
        radar=charts.radar([row[:3] for row in rows]),
        radar_rows=rows,
        ready=plan.ready,
        best=route_view(plan.best, None, "route-best", lookups) if plan.best else None,
        alternatives=[route_view(route, plan.best, f"route-alt-{number}", lookups)
                      for number, route in enumerate(plan.alternatives, 1)],
        closest=[(lookups.roles[role_id], total) for role_id, total in evaluation.closest],
        described=evaluation.described,
    )
