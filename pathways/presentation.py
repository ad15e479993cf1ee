"""Turn an evaluation into what the result page shows, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from roles.models import Degree, ExperienceArea, ExperienceStep, Role, Skill, SkillLevel, format_months_range

from . import charts
from .evaluation import Evaluation
from .models import Transition
from .routes import Route
from .scoring import Profile, SkillGap

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
    area_label: str
    months: int
    steps: list[ExperienceStep]  # the role's own steps in that area: what to do

    @property
    def duration(self) -> str:
        return format_months_range(self.months, self.months)


@dataclass
class RouteStep:
    kind: str  # "degree" or "role"
    title: str
    months_label: str
    why: str
    role: Role | None = None
    conditions: str = ""
    experience: list[ExperienceAction] = field(default_factory=list)
    skills: list[SkillAction] = field(default_factory=list)


@dataclass
class RouteView:
    anchor: str  # unique id on the page, for headings and charts
    steps: list[RouteStep]
    duration: str
    label: str
    tags: list[str]
    timeline: charts.Timeline


@dataclass
class ResultView:
    target: Role
    total: int | None
    parts: list[dict]
    gaps: list[SkillAction]
    degree_missing: bool
    experience_missing: list[ExperienceAction]
    radar: charts.Radar | None
    radar_rows: list[tuple[str, int, int, int]]  # skill, your level, level asked, shortfall
    ready: bool
    best: RouteView | None
    alternatives: list[RouteView]
    closest: list[tuple[Role, int]]
    described: bool = True  # False: the target has no levels or route content yet


def months_label(low: int, high: int) -> str:
    return format_months_range(low, high) if high else str(_("tout de suite"))


def build_result(evaluation: Evaluation, profile: Profile, target: Role) -> ResultView:
    """`target` must come from `Role.objects.with_profile()`; the rest is fetched here."""
    plan = evaluation.plan
    routes = [r for r in [plan.best, *plan.alternatives] if r is not None]
    role_ids = {rid for route in routes for rid in route.role_ids} | {role_id for role_id, _ in evaluation.closest}
    roles = Role.objects.in_bulk(role_ids)
    steps_by_role: dict[int, list[ExperienceStep]] = {}
    for step in ExperienceStep.objects.filter(role_id__in=role_ids | {target.pk}).order_by("position"):
        steps_by_role.setdefault(step.role_id, []).append(step)
    transitions = Transition.objects.in_bulk({leg.transition.transition_id for r in routes for leg in r.legs if leg.transition})
    degrees = Degree.objects.in_bulk({leg.degree.degree_id for r in routes for leg in r.legs if leg.degree})
    skill_ids = {gap.need.skill_id for r in routes for leg in r.legs for gap in leg.skill_gaps}
    skills = Skill.objects.prefetch_related(Prefetch("levels", queryset=SkillLevel.objects.order_by("level"))).in_bulk(
        skill_ids | {rs.skill_id for rs in target.role_skills.all()}
    )
    area_labels = dict(ExperienceArea.choices)

    def skill_action(gap: SkillGap) -> SkillAction:
        skill = skills[gap.need.skill_id]
        next_level = next((lv for lv in skill.levels.all() if lv.level == gap.rating + 1), None)
        return SkillAction(skill, gap.rating, gap.need.required, gap.gain, next_level)

    def experience_actions(role_id: int, missing: dict[str, int]) -> list[ExperienceAction]:
        return [
            ExperienceAction(area_labels.get(area, area), months,
                             [s for s in steps_by_role.get(role_id, []) if s.area == area and not s.is_alternative])
            for area, months in missing.items()
        ]

    def route_view(route: Route, best: Route | None, anchor: str) -> RouteView:
        steps, segments = [], []
        for leg in route.legs:
            role = roles[leg.to_role_id]
            if leg.degree:
                degree = degrees[leg.degree.degree_id]
                steps.append(RouteStep("degree", degree.name, months_label(leg.degree_months, leg.degree_months),
                                       _("%(role)s demande ce niveau de diplôme.") % {"role": role.display_title}))
                segments.append((degree.name, "degree", leg.degree_months))
            transition = transitions.get(leg.transition.transition_id) if leg.transition else None
            why = transition.rationale if transition else _("Vous remplissez déjà tout ce que demande ce poste : postulez.")
            steps.append(RouteStep(
                "role", role.display_title, months_label(leg.min_months, leg.max_months), why, role=role,
                conditions=transition.conditions if transition else "",
                experience=experience_actions(leg.to_role_id, dict(leg.experience_missing)),
                skills=[skill_action(gap) for gap in sorted(leg.skill_gaps, key=lambda g: -g.shortfall)[:SKILLS_PER_STEP]],
            ))
            segments.append((role.display_title, "role", leg.min_months))
        tags = []
        if route.uses_degree:
            tags.append(str(_("voie du diplôme")))
        if route.uses_experience_route:
            tags.append(str(_("voie de l’expérience")))
        tags += [str(_("services") if sector == "services" else _("production")) for sector in sorted(route.sectors)]
        distinct = [roles[rid].display_title for rid in route.role_ids[:-1]
                    if best is None or rid not in best.intermediate_role_ids]
        label = (_("Par : %(roles)s") % {"roles": ", ".join(distinct)}) if distinct else _("Accès direct")
        return RouteView(anchor, steps, format_months_range(route.min_months, route.max_months), str(label), tags,
                         charts.timeline(segments))

    target_readiness = evaluation.target
    required = {rs.skill_id: rs for rs in target.role_skills.all() if rs.required_level}
    radar_rows = [(rs.skill.name, profile.rating(rs.skill_id), rs.required_level,
                   max(0, rs.required_level - profile.rating(rs.skill_id))) for rs in required.values()]
    return ResultView(
        target=target,
        total=target_readiness.total,
        parts=[{"label": PART_LABELS[p.name], "weight": round(100 * p.weight), "value": round(100 * p.value),
                "points": round(p.points)} for p in target_readiness.parts],
        gaps=[skill_action(gap) for gap in target_readiness.gaps[:TOP_GAPS]],
        degree_missing=not target_readiness.degree_met,
        experience_missing=experience_actions(target.pk, dict(target_readiness.experience_missing)),
        radar=charts.radar([row[:3] for row in radar_rows]),
        radar_rows=radar_rows,
        ready=plan.ready,
        best=route_view(plan.best, None, "route-best") if plan.best else None,
        alternatives=[route_view(route, plan.best, f"route-alt-{i}") for i, route in enumerate(plan.alternatives, 1)],
        closest=[(roles[role_id], total) for role_id, total in evaluation.closest],
        described=evaluation.described,
    )
