"""The stateless route planner over JSON: a profile in, the scores and routes out, nothing stored."""

from typing import Literal

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from roles.api import Error, Slug
from roles.models import Degree, DegreeField, DegreeLevel, ExperienceArea, Role, Scale, Sector, Skill

from .catalogue import current_catalogue, profile_from
from .evaluation import evaluate
from .models import MAX_RATING, MAX_YEARS
from .routes import Route

router = Router(tags=["route planner"])

Years = Field(0, ge=0, le=MAX_YEARS)


class Experience(Schema):
    operations: int = Years
    people: int = Years
    customer_service: int = Years
    facilities: int = Years
    business: int = Years


class RouteRequest(Schema):
    target: Slug = Field(description="slug of the role wanted")
    current_role: Slug | None = Field(None, description="slug of the role held now, if any")
    degree_level: Literal[tuple(DegreeLevel.values)] | None = None  # type: ignore[valid-type]
    degree_field: Literal[tuple(DegreeField.values)] | None = None  # type: ignore[valid-type]
    years: Experience = Field(default_factory=Experience, description="years of experience in each area")
    preferred_sector: Literal[tuple(Sector.values)] = Sector.BOTH  # type: ignore[valid-type]
    preferred_scale: Literal[tuple(Scale.values)] | None = None  # type: ignore[valid-type]
    ratings: dict[Slug, int] = Field(
        default_factory=dict, description=f"skill slug → self-rating from 0 to {MAX_RATING}",
        json_schema_extra={"additionalProperties": False},  # keys that are not slugs are refused
    )


class Part(Schema):
    name: str
    weight: float
    value: float


class Gap(Schema):
    skill: str
    rating: int
    required: int
    gain: int = Field(description="points the total would gain with one more level")


class Step(Schema):
    role: str
    degree: str | None = Field(description="slug of a degree to obtain before this move")
    degree_months: int
    min_months: int
    max_months: int
    experience_missing: dict[str, int] = Field(description="area → months still to gain before the move")


class RouteOut(Schema):
    min_months: int
    max_months: int
    steps: list[Step]


class Closest(Schema):
    role: str
    total: int


class RouteResponse(Schema):
    target: str
    described: bool = Field(description="false when the target has no levels, degrees or steps to measure against yet")
    total: int | None = Field(description="readiness from 0 to 100; null without answers or for an undescribed target")
    parts: list[Part]
    gaps: list[Gap]
    degree_missing: bool
    experience_missing: dict[str, int]
    ready: bool
    best: RouteOut | None
    alternatives: list[RouteOut]
    closest: list[Closest]


@router.post("/route", response={200: RouteResponse, 400: Error, 404: Error, 422: Error},
             summary="Score a profile and plan its routes")
def route(request, body: RouteRequest):
    roles = {role.slug: role for role in Role.objects.published().filter(slug__in=[body.target, body.current_role])}
    if body.target not in roles:
        raise HttpError(404, f"No published role “{body.target}”.")
    if body.current_role and body.current_role not in roles:
        raise HttpError(404, f"No published role “{body.current_role}”.")
    if bool(body.degree_level) != bool(body.degree_field):
        raise HttpError(422, "Give both degree_level and degree_field, or neither.")
    skills = dict(Skill.objects.filter(slug__in=list(body.ratings)[:500]).values_list("slug", "id"))
    for slug, level in body.ratings.items():
        if slug not in skills:
            raise HttpError(422, f"No skill “{slug[:80]}”.")
        if not 0 <= level <= MAX_RATING:
            raise HttpError(422, f"The rating of “{slug}” must be from 0 to {MAX_RATING}.")
    current = roles.get(body.current_role) if body.current_role else None
    profile = profile_from(
        ratings={skills[slug]: level for slug, level in body.ratings.items()},
        degree_level=body.degree_level or "", degree_field=body.degree_field or "",
        experience={area: getattr(body.years, area.replace("-", "_")) * 12 for area in ExperienceArea.values},
        sector=body.preferred_sector, scale=body.preferred_scale, current_role_id=current.pk if current else None,
    )
    target = roles[body.target]
    evaluation = evaluate(current_catalogue(), profile, target.pk)
    plan = evaluation.plan
    routes = [r for r in (plan.best, *plan.alternatives) if r]
    slugs = dict(Role.objects.filter(pk__in={rid for r in routes for rid in r.role_ids} | {rid for rid, _ in evaluation.closest})
                 .values_list("pk", "slug"))
    skill_slugs = dict(Skill.objects.filter(pk__in=[g.need.skill_id for g in evaluation.target.gaps]).values_list("pk", "slug"))
    degree_slugs = dict(Degree.objects.filter(pk__in={leg.degree.degree_id for r in routes for leg in r.legs if leg.degree})
                        .values_list("pk", "slug"))

    def route_out(route: Route) -> dict:
        return {"min_months": route.min_months, "max_months": route.max_months, "steps": [
            {"role": slugs[leg.to_role_id], "degree": degree_slugs[leg.degree.degree_id] if leg.degree else None,
             "degree_months": leg.degree_months, "min_months": leg.min_months, "max_months": leg.max_months,
             "experience_missing": dict(leg.experience_missing)}
            for leg in route.legs
        ]}

    readiness = evaluation.target
    return {
        "target": target.slug, "described": evaluation.described, "total": readiness.total,
        "parts": [{"name": p.name, "weight": p.weight, "value": p.value} for p in readiness.parts],
        "gaps": [{"skill": skill_slugs[g.need.skill_id], "rating": g.rating, "required": g.need.required, "gain": g.gain}
                 for g in readiness.gaps],
        "degree_missing": not readiness.degree_met, "experience_missing": dict(readiness.experience_missing),
        "ready": plan.ready, "best": route_out(plan.best) if plan.best else None,
        "alternatives": [route_out(r) for r in plan.alternatives],
        "closest": [{"role": slugs[rid], "total": total} for rid, total in evaluation.closest],
    }
