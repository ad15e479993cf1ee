"""The stateless route planner over JSON: a profile in, the scores and routes out, nothing stored."""

from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import BeforeValidator, ConfigDict, Field, create_model

from careerpath.api_errors import ApiError, ErrorCode
from careerpath.ratelimits import AddressThrottle
from roles.api import Slug, unknown_role
from roles.models import MAX_LEVEL, DegreeField, DegreeLevel, ExperienceArea, Role, Scale, Sector, Skill, Stage, Viability

from .assessments import degree_part_missing
from .catalogue import evaluate_for, profile_from
from .evaluation import Band, Direction
from .models import MAX_EXPERIENCE_MONTHS, Circumstance
from .presentation import CAP_LABELS, RouteView, present
from .scoring import Profile

router = Router(tags=["route planner"])

CapCode = Literal[tuple(CAP_LABELS)]  # type: ignore[valid-type]

# JSON names of the experience areas: their codes, with "_" for "-" so that they read as identifiers.
AREA_OF_FIELD = {area.value.replace("-", "_"): area.value for area in ExperienceArea}


class StrictSchema(Schema):
    """A request body: a field it does not know is refused, not silently dropped (a typo would change the answer),
    and each value has the type the schema says ("72" is not a number, nor true a rating)."""

    model_config = ConfigDict(extra="forbid", strict=True)


def whole(value):
    """3.0 is the integer 3, as JSON Schema counts it (JSON has one kind of number; "integer" means no fractional
    part): a generated client or a JavaScript program may send it so. 3.5, "3" and true stay refused."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def whole_number(most: int):
    """An integer from 0 to `most`, 3.0 read as 3 (`whole`); the bounds declared as JSON Schema's minimum/maximum."""
    return Annotated[int, Field(ge=0, le=most), BeforeValidator(whole)]


def rating_map(schema: dict) -> None:
    """Skill slugs as property names and levels as values, in the words every generator reads (pydantic writes
    patternProperties, which some turn into an object with no properties at all)."""
    ((pattern, level),) = schema.pop("patternProperties").items()
    schema["propertyNames"] = {**schema.get("propertyNames", {}), "type": "string", "pattern": pattern}
    schema["additionalProperties"] = level


ExperienceMonths = create_model(
    "ExperienceMonths",
    __base__=StrictSchema,
    **{
        name: (whole_number(MAX_EXPERIENCE_MONTHS), Field(0, description=str(ExperienceArea(area).label)))
        for name, area in AREA_OF_FIELD.items()
    },
)


class ExperienceAreaOut(Schema):
    area: ExperienceArea = Field(description="the area's code, as answers name it (experience_missing)")
    field: str = Field(description="its name in POST /route's experience_months")
    label: str = Field(description="the area in words")


@router.get(
    "/experience-areas",
    response=list[ExperienceAreaOut],
    summary="The kinds of experience a profile counts in months",
    tags=["catalogue"],
)
def list_experience_areas(request):
    return [{"area": area, "field": name, "label": str(ExperienceArea(area).label)} for name, area in AREA_OF_FIELD.items()]


class RouteRequest(StrictSchema):
    target: Slug = Field(description="slug of the role wanted")
    current_role: Slug | None = Field(
        None,
        description="slug of the role held now, if any: one of the team's roles or any ESCO occupation (the route then "
        "begins with the bridge from it into the team's ladder)",
    )
    degree_level: Literal[tuple(DegreeLevel.values)] | None = None  # type: ignore[valid-type]
    degree_field: Literal[tuple(DegreeField.values)] | None = None  # type: ignore[valid-type]
    experience_months: ExperienceMonths = Field(
        default_factory=ExperienceMonths, description="months of experience in each area (internships count)"
    )
    preferred_sector: Literal[tuple(Sector.values)] = Sector.BOTH  # type: ignore[valid-type]
    preferred_scale: Literal[tuple(Scale.values)] | None = None  # type: ignore[valid-type]
    ratings: dict[Slug, whole_number(MAX_LEVEL)] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description=f"skill slug → self-rating from 0 to {MAX_LEVEL}; a skill left out is "
        "left blank: it counts as 0, and `highest` says what the score would be with every blank answered at its level",
        json_schema_extra=rating_map,
    )
    circumstances: list[Literal[tuple(Circumstance.values)]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="what is true of the person and opens moves to them alone"
    )
    months_in_role: whole_number(MAX_EXPERIENCE_MONTHS) | None = Field(  # type: ignore[valid-type]
        None,
        description="months the person has held current_role (or held it, if they have left it); "
        "only with current_role; null: not given, counted as none",
    )
    months_since_left: whole_number(MAX_EXPERIENCE_MONTHS) | None = Field(  # type: ignore[valid-type]
        None,
        description="months since the person left current_role (a career break, a job search, a return to work); "
        "only with current_role; null: they still hold it",
    )


class SkillRef(Schema):
    skill: str = Field(description="the skill's slug")
    name: str = Field(description="the skill's name, in the language of the answer")


def skill_ref(skill) -> dict:
    return {"skill": skill.slug, "name": skill.name}


class Part(Schema):
    name: str
    weight: int = Field(description="share of the total, in %")
    value: int = Field(description="how much of the part is met, in %")
    points: int = Field(description="what the part adds to the total")


class Gap(Schema):
    skill: str = Field(description="the skill's slug")
    name: str = Field(description="the skill's name")
    rating: int
    required: int
    gain: int = Field(description="points the total would gain with one more level")
    stage: Stage = Field(description="entry: needed to enter the target (it decides `ready`); growth: grows in the role")


ESTIMATE = "the team's estimate: no source gives the figure (`basis` and `estimates` say what it rests on)"


class StepSkill(SkillRef):
    level: int = Field(description="the level to reach in this step before moving on")


class Step(Schema):
    kind: Literal["start", "degree", "role", "target"]
    title: str = Field(description="the step in words, as the result page heads it")
    role: str | None = Field(description="slug of the role held in this step")
    role_title: str | None = Field(description="the role's title")
    degree: str | None = Field(description="slug of the degree obtained in this step")
    degree_name: str | None = Field(description="the degree's name")
    min_months: int = Field(description="time spent in this step, at the shortest")
    max_months: int = Field(description="time spent in this step, at the longest")
    estimate: bool = Field(True, description=f"always true: the step's months are {ESTIMATE}")
    basis: str | None = Field(description="what the step's months rest on; null for the target")
    experience_missing: dict[str, int] = Field(description="area → months to gain in this step before moving on")
    skills: list[StepSkill] = Field(description="the skills to raise in this step before moving on, with the level")
    closeness: str | None = Field(
        None, description="leaving an ESCO occupation by a bridge: how viable the move to the next job is, in words"
    )
    viability: Viability | None = Field(None, description="closeness's band as a code; null when the step is no bridge")
    similarity: float | None = Field(None, ge=0, le=1, description="closeness's skills similarity, 0 to 1")
    carried: list[SkillRef] = Field(
        default_factory=list, description="the next job's essential ESCO skills this occupation already uses"
    )
    to_gain: list[SkillRef] = Field(default_factory=list, description="the next job's essential ESCO skills to gain")


class RouteOut(Schema):
    min_months: int
    max_months: int
    estimate: bool = Field(True, description=f"always true: the route's months are {ESTIMATE}")
    steps: list[Step]


class MonthsToReady(Schema):
    min_months: int = Field(description="the soonest the person could be ready, by any route shown")
    max_months: int = Field(description="the latest, by the quickest route (the one whose longest time is shortest)")
    estimate: bool = Field(True, description=f"always true: these months are {ESTIMATE}")


class EstimateOut(Schema):
    key: str
    label: str
    months: int
    justification: str = Field(description="what the figure rests on")


class Closest(Schema):
    role: str = Field(description="the role's slug")
    title: str = Field(description="the role's title")
    total: int
    direction: str | None = Field(description="from the role held now: higher up, at the same level or lower down, in words")
    direction_code: Direction | None = Field(description="the same as a code; null without a role held now")
    leads_to_target: bool
    shared_skills: list[SkillRef] = Field(description="the skills it shares with the target")


class Cap(Schema):
    code: CapCode = Field(description="the entry requirement furthest off, which caps the score")
    reason: str = Field(description="the same, in words")
    points: int = Field(description="taken off the parts' sum while an essential requirement is far off")


class RouteResponse(Schema):
    target: str = Field(description="the target's slug")
    target_title: str = Field(description="the target's title")
    described: bool = Field(description="false when the target has no levels, degrees or steps to measure against yet")
    total: int | None = Field(description="readiness from 0 to 100; null without answers or for an undescribed target")
    band: Band | None = Field(description="the score in words")
    time_to_ready: str | None = Field(description="the quickest route's span, in words (an estimate); null without a route")
    months_to_ready: MonthsToReady | None = Field(description="time_to_ready in months; null without a route")
    parts: list[Part]
    cap: Cap | None
    gaps: list[Gap]
    not_assessed: list[SkillRef] = Field(description="skills the target asks that the profile leaves blank: each counts as 0")
    highest: int | None = Field(description="the total if every blank skill were rated at the level asked")
    entry_answers_missing: bool = Field(
        description="a skill needed to enter the target is blank: the band is then neither ready nor nearly-there"
    )
    recency_percent: int | None = Field(
        description="what the person's experience still counts for, in %, when they left their role long ago; null: in full"
    )
    depends_on_scale: bool = Field(description="what the target asks changes with the size of organisation")
    current_role_out_of_scale: bool
    holds_target: bool = Field(description="the person holds the target now: no route, the gaps are what to grow in it")
    reserved_to: list[str] = Field(
        description="when every move into the target is reserved to a situation or a size of organisation the person "
        "did not give: each move with what it asks, in words; empty otherwise"
    )
    degree_missing: bool
    experience_missing: dict[str, int]
    ready: bool
    best: RouteOut | None
    alternatives: list[RouteOut]
    closest: list[Closest]
    estimates: list[EstimateOut] = Field(description="the team's figures the durations are built from, with their basis")


@router.post(
    "/route",
    response=RouteResponse,
    summary="Score a profile and plan its routes",
    throttle=AddressThrottle("routes"),
)
def route(request, body: RouteRequest):
    roles = {role.slug: role for role in Role.objects.published().filter(slug__in=[body.target, body.current_role])}
    if body.target not in roles:
        raise unknown_role(body.target, ("body", "target"))
    if body.current_role and body.current_role not in roles:
        raise unknown_role(body.current_role, ("body", "current_role"))
    refuse_incomplete_parts(body)
    current = roles.get(body.current_role) if body.current_role else None
    profile = profile_of(body, current)
    target = Role.objects.with_skills().get(pk=roles[body.target].pk)
    result = present(evaluate_for(profile, target.pk), profile, target)
    return {
        "target": target.slug,
        "target_title": target.display_title,
        "described": result.described,
        "total": result.total,
        "band": result.band,
        "time_to_ready": result.time_to_ready or None,
        "months_to_ready": months_to_ready_out(result.months_to_ready),
        "parts": [{"name": p.name, "weight": p.weight, "value": p.value, "points": p.points} for p in result.parts],
        "cap": {"code": result.cap.name, "reason": result.cap.label, "points": result.cap.points} if result.cap else None,
        "gaps": [
            {**skill_ref(gap.skill), "rating": gap.rating, "required": gap.required, "gain": gap.gain, "stage": gap.stage}
            for gap in result.gaps
        ],
        "not_assessed": [skill_ref(skill) for skill in result.not_assessed],
        "highest": result.highest,
        "entry_answers_missing": result.entry_answers_missing,
        "recency_percent": result.recency_percent,
        "depends_on_scale": result.depends_on_scale,
        "current_role_out_of_scale": result.current_role_out_of_scale,
        "holds_target": result.holds_target,
        "reserved_to": result.reserved_to,
        "degree_missing": result.degree_missing,
        "experience_missing": {action.area: action.months for action in result.experience_missing},
        "ready": result.ready,
        "best": route_out(result.best) if result.best else None,
        "alternatives": [route_out(route) for route in result.alternatives],
        "closest": [
            {
                "role": c.role.slug,
                "title": c.role.display_title,
                "total": c.total,
                "direction": c.direction or None,
                "direction_code": c.direction_code,
                "leads_to_target": c.leads_to_target,
                "shared_skills": [skill_ref(skill) for skill in c.shared_skills],
            }
            for c in result.closest
        ],
        "estimates": [
            {"key": e.key, "label": e.label, "months": e.months, "justification": e.justification} for e in result.estimates
        ],
    }


def refuse_incomplete_parts(body: RouteRequest) -> None:
    """422 for an answer that needs another the request leaves out."""
    if degree_part_missing(body.degree_level, body.degree_field):
        missing = "degree_field" if body.degree_level else "degree_level"
        raise ApiError(422, ErrorCode.INCOMPLETE, _("Donnez degree_level et degree_field, ou aucun des deux."), ("body", missing))
    if not body.current_role and (body.months_in_role is not None or body.months_since_left is not None):
        raise ApiError(
            422,
            ErrorCode.INCOMPLETE,
            _("months_in_role et months_since_left décrivent current_role : donnez-le aussi, ou aucun des trois."),
            ("body", "current_role"),
        )


def months_to_ready_out(months: tuple[int, int] | None) -> dict | None:
    return {"min_months": months[0], "max_months": months[1]} if months else None


def profile_of(body: RouteRequest, current: Role | None) -> Profile:
    """The scoring's view of the person the request describes; 422 for a skill unknown (the schema bounds the ratings)."""
    skills = dict(Skill.objects.filter(slug__in=list(body.ratings)[:500]).values_list("slug", "id"))
    for slug in body.ratings:
        if slug not in skills:
            message = _("Aucune compétence « %(slug)s ».") % {"slug": slug[:80]}
            raise ApiError(422, ErrorCode.UNKNOWN_SKILL, message, ("body", "ratings", slug))
    months = body.experience_months.model_dump()
    return profile_from(
        ratings={skills[slug]: level for slug, level in body.ratings.items()},
        degree_level=body.degree_level or "",
        degree_field=body.degree_field or "",
        experience={AREA_OF_FIELD[name]: months[name] for name in AREA_OF_FIELD if months[name]},
        sector=body.preferred_sector,
        scale=body.preferred_scale,
        current_role_id=current.pk if current else None,
        circumstances=body.circumstances,
        months_in_role=body.months_in_role or 0,
        months_since_left=body.months_since_left,
    )


def route_out(route: RouteView) -> dict:
    return {
        "min_months": route.min_months,
        "max_months": route.max_months,
        "steps": [
            {
                "kind": row.kind,
                "title": row.title,
                "role": row.role.slug if row.role else None,
                "role_title": row.role.display_title if row.role else None,
                "degree": row.degree.slug if row.degree else None,
                "degree_name": row.degree.name if row.degree else None,
                "min_months": row.min_months,
                "max_months": row.max_months,
                "basis": row.basis or None,
                "experience_missing": {action.area: action.months for action in row.experience},
                "skills": [{**skill_ref(action.skill), "level": action.required} for action in row.skills],
                "closeness": row.closeness or None,
                "viability": row.viability or None,
                "similarity": row.similarity,
                "carried": [skill_ref(skill) for skill in row.carried],
                "to_gain": [skill_ref(skill) for skill in row.to_gain],
            }
            for row in route.rows
        ],
    }
