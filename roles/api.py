"""The read-only JSON API over roles: the list, one role, a comparison."""

from typing import Annotated, Literal

from django.db.models import F
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from careerpath.api_errors import ApiError, ErrorCode
from careerpath.api_pages import LinkedPages, Url, absolute_url
from careerpath.text import SEARCH_MAX_LENGTH, UNTYPABLE_CHARACTERS

from .attribution import esco_attribution
from .comparison import MAX_COMPARED, MIN_COMPARED, degree_rows, skill_rows
from .models import (
    SLUG_PATTERN,
    Degree,
    DegreeField,
    DegreeLevel,
    ExperienceArea,
    ExperienceStep,
    Importance,
    Origin,
    Role,
    RoleDegree,
    Sector,
    Skill,
    Stage,
    Viability,
)
from .related import compared_occupation, related_jobs

router = Router(tags=["roles"])

ATTRIBUTION = Field(description="the credit ESCO's terms ask for, when the answer carries ESCO's data; null otherwise")

# Slugs as the site makes them; anything else (a NUL byte PostgreSQL would refuse, say) is a 422.
SLUG = f"^{SLUG_PATTERN}$"
Slug = Annotated[str, Field(pattern=SLUG, description="a slug, as in the site's addresses")]
# A text the content leaves empty is null in the answers, never "".
OptionalText = Annotated[str | None, BeforeValidator(lambda text: text or None)]
DegreeKind = Literal[tuple(RoleDegree.Kind.values)]  # type: ignore[valid-type]
StepKind = Literal[tuple(ExperienceStep.Kind.values)]  # type: ignore[valid-type]


class RoleSummary(Schema):
    slug: str
    title: str
    acronym: OptionalText
    summary: OptionalText
    level: int | None = Field(description="1 entry, 2 manager, 3 director, 4 executive; null when not placed yet")
    origin: Origin = Field(description="written by the team, imported from ESCO, or imported then edited")
    isco_code: OptionalText
    url: Url = Field(description="the role's profile page, in the language of the answer")
    attribution: str | None = ATTRIBUTION

    @staticmethod
    def resolve_title(role: Role) -> str:
        return role.display_title

    @staticmethod
    def resolve_attribution(role: Role) -> str | None:
        return esco_attribution() if role.is_from_esco else None

    @staticmethod
    def resolve_url(role: Role, context) -> str:
        return absolute_url(context, role.get_absolute_url())


class PassageOut(Schema):
    url: Url = Field(description="the passage on its source's page")
    source: str = Field(alias="source.slug", description="the source's slug")
    quotation: str = Field(description="word for word from the article, in its language")
    translation_en: str = Field(description="our English rendering of the quotation")

    @staticmethod
    def resolve_url(passage, context) -> str:
        return absolute_url(context, passage.get_absolute_url())


STAGE_DESCRIPTION = (
    "entry: needed to enter the role (it decides whether a person is ready); growth: learnt in the role, or "
    "preparation the sources do not make a condition"
)
STAGE_BASIS_DESCRIPTION = (
    "why the requirement is entry or growth: the article's words quoted, or the team's inference (empty for an "
    "imported occupation nobody has described yet)"
)


class SkillRequirement(Schema):
    skill: str = Field(alias="skill.slug", description="the skill's slug")
    name: str = Field(alias="skill.name")
    category: str = Field(alias="skill.category.name")
    required_level: int | None = Field(description="1–5; null until the team sets it (imported roles)")
    importance: Importance
    rationale: str = Field(description="why the role asks for the skill")
    stage: Stage = Field(description=STAGE_DESCRIPTION)
    stage_basis: OptionalText = Field(description=STAGE_BASIS_DESCRIPTION)
    passage: PassageOut | None = Field(description="the source passage the rationale rests on")


class DegreeOut(Schema):
    degree: str = Field(alias="degree.slug")
    name: str = Field(alias="degree.name")
    level: DegreeLevel = Field(alias="degree.level")
    kind: DegreeKind = Field(description="typical or alternative")
    passage: PassageOut | None = Field(description="the source passage this degree rests on")


class StepOut(Schema):
    position: int
    title: str
    kind: StepKind
    area: ExperienceArea
    min_months: int
    max_months: int
    sector: Sector
    is_alternative: bool = Field(description="the step stands in for a degree (always an entry step)")
    circumstance: OptionalText = Field(description="counts only for people who declare this situation; null: for everyone")
    stage: Stage = Field(description=STAGE_DESCRIPTION)
    stage_basis: OptionalText = Field(description=STAGE_BASIS_DESCRIPTION)
    passage: PassageOut | None = Field(description="the source passage this step rests on")


class SourceOut(Schema):
    slug: str
    title: str
    title_is_descriptive: bool = Field(description="the article has no title: this one is ours")
    language: str = Field(description="the article's language (ISO code)")
    summary: str = Field(description="what the article covers")
    url: Url = Field(description="the source's page, with the passages the site quotes")

    @staticmethod
    def resolve_url(source, context) -> str:
        return absolute_url(context, source.get_absolute_url())


class RoleDetail(RoleSummary):
    description: OptionalText
    alternative_titles: list[str]
    reports_to: str | None = Field(description="slug of the role this one reports to")
    esco_uri: OptionalText
    rome_code: OptionalText
    onet_soc_code: OptionalText
    skills: list[SkillRequirement] = Field(alias="role_skills")
    degrees: list[DegreeOut] = Field(alias="role_degrees")
    steps: list[StepOut]
    sources: list[SourceOut]

    @staticmethod
    def resolve_alternative_titles(role: Role) -> list[str]:
        return role.alternative_title_list()

    @staticmethod
    def resolve_attribution(role: Role) -> str | None:
        return esco_attribution() if role.shows_esco_data() else None  # its skills too

    @staticmethod
    def resolve_reports_to(role: Role) -> str | None:
        return role.reports_to.slug if role.reports_to and role.reports_to.is_published else None


class SkillRow(Schema):
    skill: str
    name: str
    levels: list[int | None] = Field(description="per role, in the order asked: the level required, null if not asked")
    only_role: str | None = Field(description="the one role that asks for this skill, if only one does")
    spread: int


class DegreeRowOut(Schema):
    degree: str
    name: str
    kinds: list[DegreeKind | None]


class Comparison(Schema):
    roles: list[RoleSummary]
    skills: list[SkillRow]
    degrees: list[DegreeRowOut]
    attribution: str | None = ATTRIBUTION


class ListFilters(Schema):
    q: str = Field(
        "",
        max_length=SEARCH_MAX_LENGTH,
        pattern=f"^[^{UNTYPABLE_CHARACTERS}]*$",
        description="words to find in titles, alternative titles or summaries",
    )
    isco: str = Field("", pattern=r"^\d{0,4}$", description="an ISCO-08 group code: roles in that group or below")


class CompareQuery(Schema):
    roles: list[Slug] = Field(
        min_length=MIN_COMPARED,
        max_length=MAX_COMPARED,
        json_schema_extra={"uniqueItems": True},
        description=f"{MIN_COMPARED} to {MAX_COMPARED} different role slugs, in the order to show them",
    )

    @field_validator("roles")
    @classmethod
    def different(cls, roles: list[str]) -> list[str]:
        if len(set(roles)) != len(roles):
            raise PydanticCustomError("duplicate", "each role may appear only once")
        return roles


class SkillName(Schema):
    skill: str = Field(alias="slug", description="the skill's slug")
    name: str
    esco_uri: str | None


class NeighbourOut(Schema):
    role: RoleSummary = Field(description="the related job's profile: the team's role when one stands for the occupation")
    esco_uri: str = Field(alias="occupation.esco_uri", description="the ESCO occupation compared")
    similarity: float = Field(ge=0, le=1, description="the skills similarity (see the README's method), 0 to 1")
    viability: Viability = Field(description="the band the recalibrated thresholds put the similarity in")
    shared_essential: list[SkillName] = Field(
        alias="shared", description="the related job's essential skills that the role's occupation lists too"
    )
    to_gain: list[SkillName] = Field(description="the related job's essential skills the role's occupation does not list")


class Neighbours(Schema):
    attribution: str | None = ATTRIBUTION
    role: RoleSummary
    occupation: str | None = Field(description="the ESCO occupation compared (the one a team role stands for); null if none")
    neighbours: list[NeighbourOut] = Field(description="nearest first; empty until ESCO is imported and compared")


class LevelOut(Schema):
    level: int = Field(description="1 (beginner) to 5 (expert)")
    description: str = Field(description="what a person at this level concretely does")


class SkillOut(Schema):
    skill: str = Field(alias="slug", description="the skill's slug, as POST /route's ratings name it")
    name: str
    category: str = Field(alias="category.name")
    description: OptionalText
    origin: Origin
    esco_uri: OptionalText
    levels: list[LevelOut] = Field(description="what each level means, so that a rating means something; empty if unset")

    @staticmethod
    def resolve_levels(skill: Skill) -> list:
        return list(skill.levels.all())


class SkillFilters(Schema):
    origin: Origin | None = Field(None, description="only the skills written by the team, imported from ESCO, or edited")


class DegreeCatalogueOut(Schema):
    degree: str = Field(alias="slug", description="the degree's slug")
    name: str
    level: DegreeLevel = Field(description="as POST /route's degree_level names it")
    level_label: str = Field(description="the level in words")
    field: DegreeField = Field(description="as POST /route's degree_field names it")
    field_label: str = Field(description="the field in words")
    typical_months: int = Field(description="the usual time to obtain it (the team's estimate)")
    description: OptionalText

    @staticmethod
    def resolve_level_label(degree: Degree) -> str:
        return str(degree.get_level_display())

    @staticmethod
    def resolve_field_label(degree: Degree) -> str:
        return str(degree.get_field_display())


def unknown_role(slug: str, loc: tuple[str | int, ...]) -> ApiError:
    return ApiError(404, ErrorCode.UNKNOWN_ROLE, _("Aucun rôle publié « %(slug)s ».") % {"slug": slug[:80]}, loc)


def published_role(roles, slug: str):
    """The published role by that slug among `roles`, or the API's 404 naming it."""
    try:
        return roles.get(slug=slug)
    except Role.DoesNotExist:
        raise unknown_role(slug, ("path", "slug")) from None


@router.get("/roles", response=list[RoleSummary], summary="Published roles, searchable, by pages")
@paginate(LinkedPages, page_size=30)
def list_roles(request, filters: Query[ListFilters]):
    # By level then slug: the same order, so the same pages, whatever the language (titles sort differently).
    roles = Role.objects.published().order_by(F("level").desc(nulls_last=True), "slug")
    if filters.q:
        roles = roles.search(filters.q)
    if filters.isco:
        roles = roles.filter(isco_code__startswith=filters.isco)
    return roles


@router.get("/skills", response=list[SkillOut], summary="Every skill a rating may name, by pages", tags=["catalogue"])
@paginate(LinkedPages, page_size=50)
def list_skills(request, filters: Query[SkillFilters]):
    # By slug: the same pages whatever the language (names sort differently).
    skills = Skill.objects.select_related("category").prefetch_related("levels").order_by("slug")
    return skills.filter(origin=filters.origin) if filters.origin else skills


@router.get("/degrees", response=list[DegreeCatalogueOut], summary="The degrees routes pass through", tags=["catalogue"])
def list_degrees(request):
    return Degree.objects.order_by("level", "slug")


@router.get(
    "/roles/{slug}",
    response=RoleDetail,
    summary="One role with its skills, degrees and steps",
)
def role_detail(request, slug: Annotated[str, Path(pattern=SLUG)]):
    return published_role(Role.objects.published().with_requirements(), slug)


@router.get(
    "/roles/{slug}/neighbours",
    response=Neighbours,
    summary="The jobs nearest to a role by their skills (related jobs)",
)
def role_neighbours(request, slug: Annotated[str, Path(pattern=SLUG)]):
    role = published_role(Role.objects.published().select_related("esco_occupation"), slug)
    occupation = compared_occupation(role)
    neighbours = related_jobs(role)
    return {
        "attribution": esco_attribution() if neighbours or role.is_from_esco else None,
        "role": role,
        "occupation": occupation.esco_uri if occupation else None,
        "neighbours": neighbours,
    }


@router.get("/compare", response=Comparison, summary="Two to four roles side by side")
def compare(request, query: Query[CompareQuery]):
    roles = query.roles
    by_slug = {role.slug: role for role in Role.objects.published().with_requirements().filter(slug__in=roles)}
    for index, slug in enumerate(roles):
        if slug not in by_slug:
            raise unknown_role(slug, ("query", "roles", index))
    ordered = [by_slug[slug] for slug in roles]
    return {
        "attribution": esco_attribution() if any(role.shows_esco_data() for role in ordered) else None,
        "roles": ordered,
        "skills": [
            {
                "skill": row.skill.slug,
                "name": row.skill.name,
                "levels": [cell.required_level if cell else None for cell in row.cells],
                "only_role": ordered[row.only_role_index].slug if row.only_role_index is not None else None,
                "spread": row.spread,
            }
            for row in skill_rows(ordered)
        ],
        "degrees": [
            {"degree": row.degree.slug, "name": row.degree.name, "kinds": [cell.kind if cell else None for cell in row.cells]}
            for row in degree_rows(ordered)
        ],
    }
