"""Turn an evaluation into what a person sees: the result page and the route API both show this.

`present` fetches, in a fixed number of queries, every role, degree, skill, experience step and transition
the evaluation names, then builds the view from them, part by part. The view is plain data (no
model instances), so a saved result can keep it as it was: `pin` writes it in every language the
site speaks, `unpin` reads it back.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from pydantic import TypeAdapter, ValidationError

from careerpath.cache import per_content_version
from careerpath.labels import band_label, format_duration, months_label, signed
from roles.models import Degree, ExperienceArea, ExperienceStep, Role, Skill, SkillLevel, Stage, Viability

from . import charts
from . import evaluation as bands
from .bridges import Bridge, BridgeStep
from .catalogue import current_catalogue
from .evaluation import Band, Direction, Evaluation
from .models import DegreeWay, Estimate, Transition
from .routes import Leg, Route, SkillToRaise
from .scoring import Part, Profile, SkillGap

PART_LABELS = {"skills": _("Compétences"), "degree": _("Diplôme"), "experience": _("Expérience")}
CAP_LABELS = {
    "skills": _("Plafond : les compétences demandées pour entrer sont encore loin du niveau demandé"),
    "degree": _("Plafond : le poste demande un diplôme que vous n’avez pas encore"),
    "experience": _("Plafond : l’expérience demandée est encore loin"),
}
DIRECTION_LABELS = {
    Direction.UP: _("plus haut dans la hiérarchie"),
    Direction.LATERAL: _("au même niveau"),
    Direction.DOWN: _("plus bas dans la hiérarchie"),
}
TOP_GAPS = 5
BEST_ROUTE_ANCHOR = "route-best"
SKILLS_PER_STEP = 3  # the essential skills furthest below the next role's level


@dataclass(frozen=True)
class RoleRef:
    """A role as a result names it: its title as it was when the result was computed."""

    pk: int
    slug: str
    display_title: str

    @classmethod
    def of(cls, role: Role) -> "RoleRef":
        return cls(role.pk, role.slug, role.display_title)

    def get_absolute_url(self) -> str:
        return reverse("roles:detail", kwargs={"slug": self.slug})


@dataclass(frozen=True)
class NamedRef:
    """A skill or a degree as a result names it."""

    pk: int
    slug: str
    name: str

    @classmethod
    def of(cls, thing: Skill | Degree) -> "NamedRef":
        return cls(thing.pk, thing.slug, thing.name)


@dataclass(frozen=True)
class LevelRef:
    level: int
    description: str


@dataclass
class SkillAction:
    skill: NamedRef
    rating: int  # the person's level (on a route: the level they carry into that step)
    required: int
    gain: int  # points the score would gain with one more level (0 on a route)
    next_level: LevelRef | None  # what a person one level up concretely does
    stage: str = Stage.ENTRY  # needed to enter the role, or grows in it


@dataclass
class ExperienceAction:
    area: str
    months: int
    steps: list[str]  # the titles of the role's own experience steps in that area: what to do

    @property
    def area_label(self) -> str:
        return ExperienceArea(self.area).label

    @property
    def duration(self) -> str:
        return format_duration(self.months, self.months)


@dataclass
class PartView:
    name: str
    label: str
    weight: int  # % of the total
    value: int  # % of the part met
    points: int

    @property
    def signed_points(self) -> str:
        """The points with their sign, as the cap shows what it takes off: "−6", never "-6"."""
        return signed(self.points)


@dataclass
class RouteStep:
    """One step of a route, with the time spent in it: where the person is now, a degree to obtain, a role
    to hold, and last the target. What a plan ticks. (A route's list is `RouteView.rows`: saved results
    keep that name.)"""

    kind: str  # "start", "degree", "role" or "target"
    title: str
    min_months: int = 0
    max_months: int = 0
    role: RoleRef | None = None
    degree: NamedRef | None = None
    why: str = ""  # how one gets into this step
    conditions: str = ""
    experience: list[ExperienceAction] = field(default_factory=list)  # to gain while in this step
    skills: list[SkillAction] = field(default_factory=list)  # to raise while in this step
    basis: str = ""  # what the duration rests on: every duration here is an estimate
    lengthened: bool = False  # longer than the move's usual time: to gain the experience and skills missing
    returning: bool = False  # a start in a role the person has left: the route begins by getting back to such a post
    # Leaving an ESCO occupation by a bridge: how close the next job is, and its essential skills (ESCO's) that this
    # one already uses and those still to gain.
    closeness: str = ""
    viability: str = ""  # the closeness's band, as a code (Viability)
    similarity: float | None = None  # the closeness's measure, 0..1
    carried: list[NamedRef] = field(default_factory=list)
    to_gain: list[NamedRef] = field(default_factory=list)

    @property
    def duration(self) -> str:
        if self.kind == "degree" and not self.max_months:  # a way taken while working: its length is in the title
            return str(_("pas de temps en plus"))
        return months_label(self.min_months, self.max_months)


@dataclass
class RouteView:
    anchor: str  # unique id on the page, for headings and charts
    rows: list[RouteStep]
    min_months: int
    max_months: int
    label: str
    tags: list[str]

    @property
    def duration(self) -> str:
        return format_duration(self.min_months, self.max_months)

    @property
    def name(self) -> str:
        """The quickest route by what it is; another by the roles it passes through that the quickest does not."""
        return str(_("Le chemin le plus court")) if self.anchor == BEST_ROUTE_ANCHOR else self.label

    @property
    def chart_steps(self) -> list[charts.Step]:
        """Each step that takes time, numbered as the route's list of steps numbers it."""
        return [
            (number, row.title, row.duration, "degree" if row.kind == "degree" else "role", row.min_months, row.max_months)
            for number, row in enumerate(self.rows, 1)
            if row.kind != "target"
        ]

    @property
    def signature(self) -> tuple:
        """What the route says, whatever the language: its steps, what each opens and how long each takes."""
        return tuple(
            (
                row.kind,
                row.role.slug if row.role else None,
                row.degree.slug if row.degree else None,
                row.min_months,
                row.max_months,
            )
            for row in self.rows
        )


@dataclass
class ClosestView:
    role: RoleRef
    total: int
    direction: str  # step up, lateral, step down, in words
    leads_to_target: bool
    shared_skills: list[NamedRef]
    direction_code: Direction | None = None  # the same as a code, for programs (the API)


@dataclass(frozen=True)
class EstimateView:
    key: str
    label: str
    months: int
    justification: str


@dataclass
class ResultView:
    target: RoleRef
    total: int | None
    band: Band | None
    band_label: str
    time_to_ready: str  # "" when no route leads there
    parts: list[PartView]
    cap: PartView | None  # points taken off while an essential requirement is far off
    gaps: list[SkillAction]  # biggest effect on the total first
    not_assessed: list[NamedRef]
    degree_missing: bool
    experience_missing: list[ExperienceAction]
    radar_rows: list[tuple[str, int, int, int]]  # skill, your level, level asked, shortfall
    ready: bool  # every essential requirement met: apply now
    holds_target: bool  # already in the role: the gaps are what to grow in it
    best: RouteView | None
    alternatives: list[RouteView]
    closest: list[ClosestView]
    estimates: list[EstimateView]
    current_role_out_of_scale: bool = False
    described: bool = True  # False: the target has no levels or route content yet
    reserved_to: list[str] = field(default_factory=list)  # the moves into a target closed to the person: what they ask
    entry_closeness: int | None = None  # how close to entering, 0..100: what the band reads (`scoring.entry_ceiling`)

    @property
    def shows_esco_data(self) -> bool:
        """A route crosses ESCO's occupations (a bridge): its credit is due on the page."""
        return any(row.closeness for route in (self.best, *self.alternatives) if route for row in route.rows)

    @property
    def band_rule(self) -> str:
        """How the band's words are chosen, with the thresholds the rule uses (`evaluation.band_of`)."""
        return _(
            "Les mots ne lisent que les exigences pour entrer (celles qui grandissent dans le poste n’empêchent jamais "
            "d’être prêt·e) : prêt·e quand toutes sont remplies ; sinon, selon leur proximité (100 moins 5 par niveau "
            "qui manque aux compétences pour entrer, moins encore sans le diplôme ou l’expérience pour entrer ; "
            "vous : %(closeness)s) et le temps, presque prêt·e (%(nearly_points)s ou plus et au plus %(nearly_time)s "
            "de chemin), en chemin (%(on_the_way_points)s ou plus et au plus %(on_the_way_time)s), loin au-delà. Le "
            "mot retenu est le plus prudent des deux."
        ) % {
            "closeness": self.entry_closeness,
            "nearly_points": bands.NEARLY_THERE_POINTS,
            "nearly_time": format_duration(bands.NEARLY_THERE_MONTHS, bands.NEARLY_THERE_MONTHS),
            "on_the_way_points": bands.ON_THE_WAY_POINTS,
            "on_the_way_time": format_duration(bands.ON_THE_WAY_MONTHS, bands.ON_THE_WAY_MONTHS),
        }

    highest: int | None = None  # the total if every blank skill were answered at its level
    entry_answers_missing: bool = False  # an entry skill is blank: neither ready nor nearly there
    recency_percent: int | None = None  # what experience long ago still counts for, when less than in full
    months_to_ready: tuple[int, int] | None = None  # time_to_ready in months, an estimate; None without a route
    depends_on_scale: bool = False  # what the target asks changes with the size of organisation

    @property
    def top_gaps(self) -> list[SkillAction]:
        return self.gaps[:TOP_GAPS]

    @property
    def radar(self) -> charts.Radar | None:
        return charts.radar([row[:3] for row in self.radar_rows])

    @property
    def gauge(self) -> charts.Gauge | None:
        return charts.gauge(self.total) if self.total is not None else None

    @property
    def route_chart(self) -> charts.RouteChart | None:
        """Every route on one axis of years, the quickest first."""
        if self.best is None:
            return None
        return charts.route_chart(
            [
                (
                    route.anchor,
                    str(_("%(name)s — environ %(duration)s") % {"name": route.name, "duration": route.duration}),
                    route.chart_steps,
                )
                for route in (self.best, *self.alternatives)
            ]
        )

    @property
    def guidance(self) -> tuple:
        """What the result tells a person to do, whatever the language: two results with the same guidance
        differ at most in wording."""
        return (
            self.total,
            self.band,
            self.ready,
            self.holds_target,
            self.degree_missing,
            tuple((gap.skill.slug, gap.rating, gap.required) for gap in self.gaps),
            tuple((action.area, action.months) for action in self.experience_missing),
            self.best.signature if self.best else None,
            tuple(route.signature for route in self.alternatives),
        )


@dataclass(frozen=True)
class RouteChange:
    """A route whose steps differ between two results: the steps only one of them has, by title."""

    name: str
    added: list[str]
    removed: list[str]
    durations_changed: bool  # the same steps, taking another time


def step_key(row: RouteStep) -> tuple:
    return row.kind, row.role.slug if row.role else None, row.degree.slug if row.degree else None


def route_change(before: RouteView | None, after: RouteView | None) -> RouteChange | None:
    if before is not None and after is not None and before.signature == after.signature:
        return None
    before_rows = {step_key(row): row.title for row in before.rows} if before else {}
    after_rows = {step_key(row): row.title for row in after.rows} if after else {}
    return RouteChange(
        (after or before).name,
        [title for key, title in after_rows.items() if key not in before_rows],
        [title for key, title in before_rows.items() if key not in after_rows],
        before_rows.keys() == after_rows.keys(),
    )


@dataclass(frozen=True)
class ResultChange:
    """Two results of the same person side by side: the saved one and another (other answers, or today's content)."""

    before: ResultView
    after: ResultView

    @property
    def changed(self) -> bool:
        return self.before.guidance != self.after.guidance

    @property
    def score_delta(self) -> int | None:
        if self.before.total is None or self.after.total is None:
            return None
        return self.after.total - self.before.total

    @property
    def score_delta_label(self) -> str:
        return signed(self.score_delta)

    @property
    def score_changed(self) -> bool:
        return (self.before.total, self.before.band) != (self.after.total, self.after.band)

    @property
    def time_changed(self) -> bool:
        return (self.before.time_to_ready, self.before.ready) != (self.after.time_to_ready, self.after.ready)

    @property
    def moved_nothing(self) -> bool:
        """The same score, band and time to ready: the page says why (`pathways.why`)."""
        return not (self.score_changed or self.time_changed)

    @property
    def route_changed(self) -> bool:
        def signature(view: ResultView):
            return view.best.signature if view.best else None

        return signature(self.before) != signature(self.after)

    @property
    def gaps_added(self) -> list[SkillAction]:
        """Skills below their level in the second result and not in the first, or asked at another level."""
        before = {gap.skill.slug: gap.required for gap in self.before.gaps}
        return [gap for gap in self.after.gaps if before.get(gap.skill.slug) != gap.required]

    @property
    def gaps_removed(self) -> list[SkillAction]:
        after = {gap.skill.slug for gap in self.after.gaps}
        return [gap for gap in self.before.gaps if gap.skill.slug not in after]

    @property
    def experience_added(self) -> list[ExperienceAction]:
        before = {(action.area, action.months) for action in self.before.experience_missing}
        return [action for action in self.after.experience_missing if (action.area, action.months) not in before]

    @property
    def experience_removed(self) -> list[ExperienceAction]:
        after = {action.area for action in self.after.experience_missing}
        return [action for action in self.before.experience_missing if action.area not in after]

    @property
    def gaps_changed(self) -> bool:
        return bool(
            self.gaps_added
            or self.gaps_removed
            or self.experience_added
            or self.experience_removed
            or self.before.degree_missing != self.after.degree_missing
        )

    @property
    def routes_changed(self) -> list[RouteChange]:
        """Each route, matched by its place in the result, whose steps or their times differ."""
        before = {route.anchor: route for route in (self.before.best, *self.before.alternatives) if route}
        after = {route.anchor: route for route in (self.after.best, *self.after.alternatives) if route}
        anchors = [*before, *(anchor for anchor in after if anchor not in before)]
        changes = (route_change(before.get(anchor), after.get(anchor)) for anchor in anchors)
        return [change for change in changes if change is not None]


@dataclass
class Lookups:
    """The rows an evaluation names, fetched once."""

    roles: dict[int, Role]
    experience_steps: dict[int, list[ExperienceStep]]
    transitions: dict[int, Transition]
    degrees: dict[int, Degree]
    ways: dict[int, DegreeWay]
    skills: dict[int, Skill]
    estimates: list[Estimate]
    bridge_skills: dict[int, Skill] = field(default_factory=dict)  # ESCO's, named by bridges

    @property
    def skill_level_months(self) -> int:
        return next(estimate.months for estimate in self.estimates if estimate.key == Estimate.Key.SKILL_LEVEL_MONTHS)


def skills_with_levels(ids) -> dict[int, Skill]:
    return Skill.objects.prefetch_related(Prefetch("levels", queryset=SkillLevel.objects.order_by("level"))).in_bulk(ids)


def steps_by_role(role_ids) -> dict[int, list[ExperienceStep]]:
    """Each role's experience steps in their order, an empty list for a role without any."""
    steps: dict[int, list[ExperienceStep]] = {role_id: [] for role_id in role_ids}
    for step in ExperienceStep.objects.filter(role_id__in=role_ids).order_by("position"):
        steps[step.role_id].append(step)
    return steps


@per_content_version
def catalogue_rows() -> Lookups:
    """The rows a result can name for every role the catalogue describes, read once per process and content
    version: a result then costs no query for them. Only read from, never changed: every request shares it."""
    catalogue = current_catalogue()
    return Lookups(
        roles=Role.objects.in_bulk(catalogue.roles),
        experience_steps=steps_by_role(catalogue.roles),
        transitions=Transition.objects.in_bulk([move.transition_id for move in catalogue.transitions]),
        degrees=Degree.objects.in_bulk(),
        ways=DegreeWay.objects.in_bulk(),
        skills=skills_with_levels({need.skill_id for role in catalogue.roles.values() for need in role.skills}),
        estimates=list(Estimate.objects.all()),
    )


def kept_or_fetched(kept: dict, ids: set, fetch) -> dict:
    """The rows of `ids`: those kept, and those not kept (a role outside the catalogue) fetched with `fetch`."""
    rows = {pk: kept[pk] for pk in ids if pk in kept}
    missing = ids - rows.keys()
    return rows | fetch(missing) if missing else rows


def fetch_lookups(evaluation: Evaluation, target: Role, profile: Profile) -> Lookups:
    found = evaluation.routes
    routes = [route for route in (found.best, *found.alternatives) if route is not None]
    legs = [leg for route in routes for leg in route.legs]
    bridges = [leg.transition.bridge for leg in legs if leg.transition and leg.transition.bridge]
    role_ids = {leg.to_role_id for leg in legs} | {leg.from_role_id for leg in legs if leg.from_role_id}
    role_ids |= {occupation for bridge in bridges for occupation in bridge.occupation_ids}
    if profile.current_role_id:
        role_ids.add(profile.current_role_id)  # an ESCO occupation names the start of the routes
    role_ids |= {closest.role_id for closest in evaluation.closest}
    skill_ids = {skill.skill_id for leg in legs for skill in leg.skills_to_raise}
    skill_ids |= {role_skill.skill_id for role_skill in target.role_skills.all()}  # the target's gaps and shared skills
    kept = catalogue_rows()
    return Lookups(
        roles=kept_or_fetched(kept.roles, role_ids, Role.objects.in_bulk),
        experience_steps=kept_or_fetched(kept.experience_steps, role_ids | {target.pk}, steps_by_role),
        transitions=kept_or_fetched(
            kept.transitions,
            {leg.transition.transition_id for leg in legs if leg.transition and not leg.transition.bridge},
            Transition.objects.in_bulk,
        ),
        degrees=kept_or_fetched(kept.degrees, {leg.degree.degree_id for leg in legs if leg.degree}, Degree.objects.in_bulk),
        ways=kept_or_fetched(kept.ways, {leg.degree_way_id for leg in legs if leg.degree_way_id}, DegreeWay.objects.in_bulk),
        skills=kept_or_fetched(kept.skills, skill_ids, skills_with_levels),
        estimates=kept.estimates,
        bridge_skills=Skill.objects.only("slug", "name_fr", "name_en").in_bulk(
            {skill for bridge in bridges for skill in bridge.skill_ids}
        )
        if bridges
        else {},
    )


def skill_action(skill_id: int, rating: int, required: int, gain: int, lookups: Lookups, stage: str = Stage.ENTRY) -> SkillAction:
    skill = lookups.skills[skill_id]
    next_level = next(
        (LevelRef(level.level, level.description) for level in skill.levels.all() if level.level == rating + 1), None
    )
    return SkillAction(NamedRef.of(skill), rating, required, gain, next_level, stage)


def gap_action(gap: SkillGap, lookups: Lookups) -> SkillAction:
    stage = Stage.ENTRY if gap.need.entry else Stage.GROWTH
    return skill_action(gap.need.skill_id, gap.rating, gap.need.required, gap.gain, lookups, stage)


def raise_action(skill: SkillToRaise, lookups: Lookups) -> SkillAction:
    """A skill a route raises before a move: always one the next role asks to enter it."""
    return skill_action(skill.skill_id, skill.carried, skill.required, 0, lookups)


def experience_actions(role_id: int, missing: dict[str, int], lookups: Lookups) -> list[ExperienceAction]:
    return [
        ExperienceAction(
            area,
            months,
            [
                step.title
                for step in lookups.experience_steps.get(role_id, [])
                if step.area == area and not step.is_alternative and step.is_entry
            ],
        )
        for area, months in missing.items()
    ]


def part_view(part: Part) -> PartView:
    return PartView(part.name, str(PART_LABELS[part.name]), round(100 * part.weight), round(100 * part.value), part.points)


def duration_basis(leg: Leg, lookups: Lookups) -> str:
    """What a stay's months rest on: the move's usual time, or, applying with no move, the time to raise skills."""
    if leg.transition:
        return lookups.transitions[leg.transition.transition_id].duration_basis
    if not leg.max_months:
        return ""
    per_level = next((e for e in lookups.estimates if e.key == Estimate.Key.SKILL_LEVEL_MONTHS), None)
    return per_level.justification if per_level else ""


def degree_basis(degree: Degree, months: int, lookups: Lookups) -> str:
    """What a degree row's months rest on: the degree's own basis, and the first degree's when the row counts
    one before it (a master's for someone without a bachelor's), so that the months and the basis agree."""
    first = next((e for e in lookups.estimates if e.key == Estimate.Key.FIRST_DEGREE_MONTHS), None)
    if months <= degree.typical_months or first is None:
        return degree.duration_basis
    return _("%(months)s : d’abord un premier diplôme, %(first)s Puis ce diplôme, %(degree)s") % {
        "months": format_duration(months, months),
        "first": lowered_first(first.justification),
        "degree": lowered_first(degree.duration_basis),
    }


def lowered_first(text: str) -> str:
    """A name set inside a sentence: its first letter lowered, unless it starts an acronym ("RNCP", "MBA")."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def degree_row(leg: Leg, role: Role, lookups: Lookups) -> RouteStep:
    """The degree a move needs, and the way to obtain it. Its months are those it adds to the route: none for a way
    that runs while working, whose own length, spent alongside the stay before, is said in its title."""
    degree, way = lookups.degrees[leg.degree.degree_id], lookups.ways.get(leg.degree_way_id)
    low, high = leg.degree_span
    basis = degree_basis(degree, low if not way or way.min_factor is not None else degree.typical_months, lookups)
    title = degree.name
    if way:
        title = _("%(degree)s, %(way)s") % {"degree": degree.name, "way": lowered_first(way.name)}
    if way and way.while_working:
        title = _("%(title)s (%(duration)s, en même temps que l’étape d’avant)") % {
            "title": title,
            "duration": format_duration(low, high),
        }
    return RouteStep(
        "degree",
        title,
        leg.degree_months,
        leg.degree_max_months,
        degree=NamedRef.of(degree),
        why=_("%(role)s demande ce niveau de diplôme.") % {"role": role.display_title},
        basis=f"{basis} {way.duration_basis}" if way else basis,
        conditions=way.conditions if way else "",
    )


def route_rows(route: Route, lookups: Lookups, *, returning: bool = False, occupation_id: int | None = None) -> list[RouteStep]:
    """The route read step by step, each step with the time spent in it: a leg's stay is spent in the
    position it leaves, so it shows on that position's row; its degree, on a row of its own before the
    role it opens; a bridge's occupations, each on its own row. `returning`: the person has left the role they
    start from. `occupation_id`: the person's job when it is none of the team's roles (an ESCO occupation)."""
    first = route.legs[0]
    starting_role = lookups.roles.get(first.from_role_id or occupation_id)
    rows = [
        RouteStep(
            "start",
            starting_role.display_title if starting_role else str(_("Vos études, ou votre poste actuel hors de ces métiers")),
            role=RoleRef.of(starting_role) if starting_role else None,
            returning=returning and bool(starting_role),
        )
    ]
    for leg in route.legs:
        bridge = leg.transition.bridge if leg.transition else None
        spent = bridge_rows(rows, leg, bridge, lookups) if bridge else (0, 0)
        staying = rows[-1]
        staying.min_months, staying.max_months = leg.min_months - spent[0], leg.max_months - spent[1]
        staying.basis = step_basis(bridge.steps[-1], lookups) if bridge else duration_basis(leg, lookups)
        usual = (leg.transition.min_months, leg.transition.max_months) if leg.transition else (0, 0)
        staying.lengthened = (leg.min_months, leg.max_months) != usual
        staying.experience = experience_actions(leg.to_role_id, dict(leg.experience_missing), lookups)
        furthest_first = sorted(leg.skills_to_raise, key=lambda skill: -skill.shortfall)[:SKILLS_PER_STEP]
        staying.skills = [raise_action(skill, lookups) for skill in furthest_first]
        role = lookups.roles[leg.to_role_id]
        if leg.degree:
            rows.append(degree_row(leg, role, lookups))
        transition = lookups.transitions[leg.transition.transition_id] if leg.transition and not bridge else None
        if transition:
            why = transition.rationale
        else:
            why = bridge_why(bridge.steps[-1], lookups, entering=role) if bridge else applying_why(leg)
        rows.append(
            RouteStep(
                "role",
                role.display_title,
                role=RoleRef.of(role),
                why=why,
                conditions=transition.conditions if transition else "",
            )
        )
    rows[-1].kind = "target"
    if not (rows[0].max_months or rows[0].experience or rows[0].skills or rows[0].returning or rows[0].to_gain):
        rows.pop(0)  # nothing to do where the person is before the first move
    return rows


def bridge_rows(rows: list[RouteStep], leg: Leg, bridge: Bridge, lookups: Lookups) -> tuple[int, int]:
    """A bridge's steps on the rows: each occupation left says how close the next is, the skills that carry over and
    those to gain; each occupation passed through gets a row, with its step's months. Returns the months spent
    before the last occupation left (the rest of the leg's stay is spent there)."""
    spent_low = spent_high = 0
    slack = leg.max_months - leg.min_months  # what the leg's span leaves to share between its steps
    for step in bridge.steps:
        leaving = rows[-1]
        leaving.closeness = closeness(step)
        leaving.viability, leaving.similarity = step.viability, step.similarity
        leaving.carried = [NamedRef.of(lookups.bridge_skills[pk]) for pk in step.carried if pk in lookups.bridge_skills]
        leaving.to_gain = [NamedRef.of(lookups.bridge_skills[pk]) for pk in step.to_gain if pk in lookups.bridge_skills]
        if step is bridge.steps[-1]:
            break
        low, high = step.months(lookups.skill_level_months)
        high = min(high, low + slack)  # a leg the experience missing lengthens to a single figure stays one
        slack -= high - low
        leaving.min_months, leaving.max_months, leaving.basis = low, high, step_basis(step, lookups)
        spent_low, spent_high = spent_low + low, spent_high + high
        occupation = lookups.roles[step.destination_id]
        rows.append(RouteStep("role", occupation.display_title, role=RoleRef.of(occupation), why=bridge_why(step, lookups)))
    return spent_low, spent_high


def closeness(step: BridgeStep) -> str:
    return str(
        _(
            "Passage %(viability)s : les compétences des deux métiers dans ESCO se ressemblent à %(score)s sur 1 "
            "(la mesure de Nesta, seuils recalculés sur ESCO)"
        )
        % {"viability": str(Viability(step.viability).label).lower(), "score": number_format(round(step.similarity, 2), 2)}
    )


def bridge_why(step: BridgeStep, lookups: Lookups, *, entering: Role | None = None) -> str:
    """Why a bridge's move is open: the share of the next job's essential skills that the one left already uses.
    `entering`: the team role the move enters, which stands for the ESCO occupation measured."""
    needed = len(step.carried) + len(step.to_gain)
    if entering:
        sentence = ngettext(
            "Ce poste correspond au métier ESCO « %(destination)s » : d’après ESCO, %(carried)s de sa %(needed)s "
            "compétence essentielle sert déjà dans « %(origin)s ».",
            "Ce poste correspond au métier ESCO « %(destination)s » : d’après ESCO, %(carried)s de ses %(needed)s "
            "compétences essentielles servent déjà dans « %(origin)s ».",
            needed,
        )
    else:
        sentence = ngettext(
            "D’après ESCO, %(carried)s de la %(needed)s compétence essentielle de « %(destination)s » sert déjà dans "
            "« %(origin)s ».",
            "D’après ESCO, %(carried)s des %(needed)s compétences essentielles de « %(destination)s » servent déjà dans "
            "« %(origin)s ».",
            needed,
        )
    return sentence % {
        "carried": len(step.carried),
        "needed": needed,
        "destination": lookups.roles[step.destination_id].display_title,
        "origin": lookups.roles[step.origin_id].display_title,
    }


def step_basis(step: BridgeStep, lookups: Lookups) -> str:
    """What a bridge step's months rest on: ESCO gives none; the skills to gain, learnt side by side."""
    low, high = step.months(lookups.skill_level_months)
    if not step.to_gain:
        return str(
            _(
                "Estimation de l’équipe : ESCO ne donne pas de durée. Aucune compétence essentielle à acquérir : "
                "%(duration)s, le temps d’un niveau de compétence au plus (%(per_level)s mois, une convention de "
                "l’équipe)."
            )
            % {"duration": format_duration(low, high), "per_level": lookups.skill_level_months}
        )
    return ngettext(
        "Estimation de l’équipe : ESCO ne donne pas de durée. La compétence essentielle à acquérir s’apprend en poste ; "
        "un passage %(viability)s demande %(duration)s, %(low)s à %(high)s fois le temps d’un niveau de compétence "
        "(%(per_level)s mois, une convention de l’équipe).",
        "Estimation de l’équipe : ESCO ne donne pas de durée. Les %(count)s compétences essentielles à acquérir "
        "s’apprennent côte à côte, en poste ; un passage %(viability)s demande %(duration)s, %(low)s à %(high)s fois "
        "le temps d’un niveau de compétence (%(per_level)s mois, une convention de l’équipe).",
        len(step.to_gain),
    ) % {
        "count": len(step.to_gain),
        "viability": str(Viability(step.viability).label).lower(),
        "duration": format_duration(low, high),
        "low": low // lookups.skill_level_months,
        "high": high // lookups.skill_level_months,
        "per_level": lookups.skill_level_months,
    }


def applying_why(leg: Leg) -> str:
    """Why the person may apply to a role with no move into it from where they are: what they hold of it."""
    if leg.degree:
        return str(
            _(
                "Avec ce diplôme et l’expérience pour entrer, que vous avez, ce poste vous est ouvert : une fois les "
                "compétences au niveau, postulez."
            )
        )
    if leg.experience_route:
        return str(
            _(
                "Vous avez l’expérience pour entrer dans ce poste, et celle qui tient lieu du diplôme qu’il demande "
                "d’habitude : une fois les compétences au niveau, postulez."
            )
        )
    return str(_("Vous avez le diplôme et l’expérience que demande ce poste : une fois les compétences au niveau, postulez."))


def route_tags(route: Route) -> list[str]:
    tags = []
    if route.uses_degree:
        tags.append(str(_("voie du diplôme")))
    if route.uses_experience_route:
        tags.append(str(_("voie de l’expérience")))
    tags += [str(_("services") if sector == "services" else _("production")) for sector in sorted(route.sectors)]
    return tags


def route_label(route: Route, best: Route | None, lookups: Lookups) -> str:
    """An alternative is named by the roles it passes through that the quickest route does not, a bridge's
    occupations with them."""
    bridged = [
        occupation
        for leg in route.legs
        if leg.transition and leg.transition.bridge
        for occupation in leg.transition.bridge.occupation_ids[1:-1]
    ]
    distinct = [
        lookups.roles[role_id].display_title
        for role_id in [*bridged, *route.role_ids[:-1]]
        if best is None or role_id not in best.intermediate_role_ids
    ]
    if distinct:
        return str(_("Par : %(roles)s") % {"roles": ", ".join(distinct)})
    if bridged or (route.legs[0].transition and route.legs[0].transition.bridge):
        return str(_("Par un passage depuis votre métier"))
    return str(_("Accès direct"))


def route_view(
    route: Route, best: Route | None, anchor: str, lookups: Lookups, *, returning: bool = False, occupation_id: int | None
) -> RouteView:
    return RouteView(
        anchor,
        route_rows(route, lookups, returning=returning, occupation_id=occupation_id),
        route.min_months,
        route.max_months,
        route_label(route, best, lookups),
        route_tags(route),
    )


def radar_rows(target: Role, profile: Profile) -> list[tuple[str, int, int, int]]:
    """(skill, your level, level asked, shortfall) for each skill of the target the person assessed."""
    return [
        (rs.skill.name, profile.ratings[rs.skill_id], rs.required_level, max(0, rs.required_level - profile.ratings[rs.skill_id]))
        for rs in target.role_skills.all()
        if rs.required_level and rs.skill_id in profile.ratings
    ]


def closest_view(closest, lookups: Lookups) -> ClosestView:
    return ClosestView(
        RoleRef.of(lookups.roles[closest.role_id]),
        closest.total,
        str(DIRECTION_LABELS[closest.direction]) if closest.direction else "",
        closest.leads_to_target,
        [NamedRef.of(lookups.skills[skill_id]) for skill_id in closest.shared_skill_ids],
        closest.direction or None,
    )


def present(evaluation: Evaluation, profile: Profile, target: Role) -> ResultView:
    """The view in the active language. `target` must come from `Role.objects.with_skills()`; the rest is
    fetched here."""
    return build_view(evaluation, profile, target, fetch_lookups(evaluation, target, profile))


def build_view(evaluation: Evaluation, profile: Profile, target: Role, lookups: Lookups) -> ResultView:
    readiness, routes = evaluation.target, evaluation.routes
    rows = radar_rows(target, profile)
    returning = profile.months_since_left is not None
    occupation_id = profile.current_role_id  # named at the start of a route that leaves from outside the ladder
    cap = readiness.cap
    return ResultView(
        target=RoleRef.of(target),
        total=readiness.total,
        band=evaluation.band,
        band_label=band_label(evaluation.band),
        time_to_ready=months_label(*evaluation.months_to_ready) if evaluation.months_to_ready else "",
        months_to_ready=evaluation.months_to_ready,
        parts=[part_view(part) for part in readiness.parts],
        # The cap's name is its reason's code (CAP_LABELS' keys): the entry requirement furthest off.
        cap=PartView(cap.reason, str(CAP_LABELS[cap.reason]), 0, 0, cap.points) if cap else None,
        gaps=[gap_action(gap, lookups) for gap in readiness.gaps],
        not_assessed=[NamedRef.of(lookups.skills[need.skill_id]) for need in readiness.not_assessed],
        highest=readiness.highest,
        entry_answers_missing=readiness.entry_answers_missing,
        recency_percent=round(100 * profile.recency) if profile.recency < 1 else None,
        depends_on_scale=readiness.depends_on_scale,
        degree_missing=not readiness.degree_met,
        experience_missing=experience_actions(target.pk, dict(readiness.experience_missing), lookups),
        radar_rows=rows,
        ready=evaluation.ready,
        holds_target=evaluation.holds_target,
        best=route_view(routes.best, None, BEST_ROUTE_ANCHOR, lookups, returning=returning, occupation_id=occupation_id)
        if routes.best
        else None,
        alternatives=[
            route_view(route, routes.best, f"route-alt-{number}", lookups, returning=returning, occupation_id=occupation_id)
            for number, route in enumerate(routes.alternatives, 1)
        ],
        closest=[closest_view(closest, lookups) for closest in evaluation.closest],
        estimates=[
            EstimateView(estimate.key, estimate.get_key_display(), estimate.months, estimate.justification)
            for estimate in lookups.estimates
        ],
        current_role_out_of_scale=evaluation.current_role_out_of_scale,
        described=evaluation.described,
        reserved_to=reserved_to(target) if evaluation.reserved else [],
        entry_closeness=readiness.entry_ceiling,
    )


def reserved_moves(target: Role) -> list[Transition]:
    """The moves into a target that are reserved to a situation or a size of organisation, in a stable order."""
    moves = Transition.objects.between_published().filter(to_role=target).select_related("from_role", "to_role")
    return [move for move in moves.order_by("pk") if move.reserved_to()]


def reserved_move_text(move: Transition) -> str:
    """The move with what it asks of the person, in words."""
    return f"{move}{pgettext('before what follows', ' : ')}{', '.join(move.reserved_to())}"


def reserved_to(target: Role) -> list[str]:
    """Each move into a target that is closed to the person, with what it asks of them, in words."""
    return [reserved_move_text(move) for move in reserved_moves(target)]


# A saved result keeps its view in this shape; a change to the view's dataclasses changes it, so a result
# pinned in an older shape is read as not pinned rather than shown wrong.
PIN_FORMAT = 2
VIEW_ADAPTER = TypeAdapter(ResultView)


def pin(evaluation: Evaluation, profile: Profile, target: Role) -> dict:
    """The result as it is now, in every language of the site, for keeping with the answers."""
    lookups = fetch_lookups(evaluation, target, profile)
    views = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            views[language] = VIEW_ADAPTER.dump_python(build_view(evaluation, profile, target, lookups), mode="json")
    return {"format": PIN_FORMAT, "views": views}


def unpin(pinned: dict | None, language: str) -> ResultView | None:
    """The view kept by `pin` in `language`; None when nothing was kept, or in a shape this code no longer reads."""
    if not pinned or pinned.get("format") != PIN_FORMAT or language not in pinned.get("views", {}):
        return None
    try:
        return VIEW_ADAPTER.validate_python(pinned["views"][language])
    except ValidationError:
        return None
