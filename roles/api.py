"""The read-only JSON API over roles: the list, one role, a comparison."""

from enum import StrEnum
from typing import Annotated

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from careerpath.api_document import described
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

ATTRIBUTION = Field(
    description=gettext_noop(
        "la mention que demandent les conditions d’ESCO, quand la réponse porte des données d’ESCO ; null sinon"
    )
)

# Slugs as the site makes them; anything else (a NUL byte PostgreSQL would refuse, say) is a 422.
SLUG = f"^{SLUG_PATTERN}$"
Slug = Annotated[str, Field(pattern=SLUG, description=gettext_noop("un slug, comme dans les adresses du site"))]
# A text the content leaves empty is null in the answers, never "".
OptionalText = Annotated[str | None, BeforeValidator(lambda text: text or None)]
# The models' nested choices are all called Kind: named here, each its own schema in the document.
DegreeKind = StrEnum("DegreeKind", {kind.name: kind.value for kind in RoleDegree.Kind})
ExperienceStepKind = StrEnum("ExperienceStepKind", {kind.name: kind.value for kind in ExperienceStep.Kind})


class RoleSummary(Schema):
    slug: str
    title: str
    acronym: OptionalText
    summary: OptionalText
    level: int | None = Field(
        description=gettext_noop("1 débutant, 2 manager, 3 directeur, 4 dirigeant ; null tant que le poste n’est pas placé")
    )
    origin: Origin = Field(description=gettext_noop("rédigé par l’équipe, importé d’ESCO, ou importé puis retouché"))
    isco_code: OptionalText
    url: Url = Field(description=gettext_noop("la fiche du poste, dans la langue de la réponse"))
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
    url: Url = Field(description=gettext_noop("le passage, sur la page de sa source"))
    source: str = Field(alias="source.slug", description=gettext_noop("le slug de la source"))
    quotation: str = Field(description=gettext_noop("mot pour mot depuis l’article, dans sa langue"))
    translation_en: str = Field(description=gettext_noop("notre traduction anglaise de la citation"))

    @staticmethod
    def resolve_url(passage, context) -> str:
        return absolute_url(context, passage.get_absolute_url())


STAGE_DESCRIPTION = gettext_noop(
    "entry : nécessaire pour entrer dans le poste (décide si une personne est prête) ; growth : s’apprend dans le "
    "poste, ou préparation dont les sources ne font pas une condition"
)
STAGE_BASIS_DESCRIPTION = gettext_noop(
    "pourquoi l’exigence est entry ou growth : les mots de l’article cités, ou la déduction de l’équipe (vide pour un "
    "métier importé que personne n’a encore décrit)"
)


class SkillRequirement(Schema):
    skill: str = Field(alias="skill.slug", description=gettext_noop("le slug de la compétence"))
    name: str = Field(alias="skill.name")
    category: str = Field(alias="skill.category.name")
    required_level: int | None = Field(
        description=gettext_noop("de 1 à 5 ; null tant que l’équipe ne l’a pas fixé (postes importés)")
    )
    importance: Importance
    rationale: str = Field(description=gettext_noop("pourquoi le poste demande cette compétence"))
    stage: Stage = Field(description=STAGE_DESCRIPTION)
    stage_basis: OptionalText = Field(description=STAGE_BASIS_DESCRIPTION)
    passage: PassageOut | None = Field(description=gettext_noop("le passage de la source sur lequel repose la justification"))


class DegreeOut(Schema):
    degree: str = Field(alias="degree.slug")
    name: str = Field(alias="degree.name")
    level: DegreeLevel = Field(alias="degree.level")
    kind: DegreeKind = Field(description=gettext_noop("typical (voie habituelle) ou alternative (autre voie possible)"))
    passage: PassageOut | None = Field(description=gettext_noop("le passage de la source sur lequel repose ce diplôme"))


class StepOut(Schema):
    position: int
    title: str
    kind: ExperienceStepKind
    area: ExperienceArea
    min_months: int
    max_months: int
    sector: Sector
    is_alternative: bool = Field(description=gettext_noop("l’étape tient lieu de diplôme (c’est toujours une étape d’entrée)"))
    circumstance: OptionalText = Field(
        description=gettext_noop("ne compte que pour qui déclare cette situation ; null : pour tout le monde")
    )
    stage: Stage = Field(description=STAGE_DESCRIPTION)
    stage_basis: OptionalText = Field(description=STAGE_BASIS_DESCRIPTION)
    passage: PassageOut | None = Field(description=gettext_noop("le passage de la source sur lequel repose cette étape"))


class SourceOut(Schema):
    slug: str
    title: str
    title_is_descriptive: bool = Field(description=gettext_noop("l’article n’a pas de titre : celui-ci est le nôtre"))
    language: str = Field(description=gettext_noop("la langue de l’article (code ISO)"))
    summary: str = Field(description=gettext_noop("ce dont traite l’article"))
    url: Url = Field(description=gettext_noop("la page de la source, avec les passages que le site cite"))

    @staticmethod
    def resolve_url(source, context) -> str:
        return absolute_url(context, source.get_absolute_url())


class RoleDetail(RoleSummary):
    description: OptionalText
    alternative_titles: list[str]
    reports_to: str | None = Field(description=gettext_noop("slug du poste auquel celui-ci rend compte"))
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
    levels: list[int | None] = Field(
        description=gettext_noop("pour chaque poste, dans l’ordre demandé : le niveau exigé, null s’il ne la demande pas")
    )
    only_role: str | None = Field(description=gettext_noop("le seul poste qui demande cette compétence, si un seul la demande"))
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
        description=gettext_noop("des mots à chercher dans les intitulés, les autres intitulés ou les résumés"),
    )
    isco: str = Field(
        "",
        pattern=r"^\d{0,4}$",
        description=gettext_noop("un code de groupe de la CITP-08 (ISCO-08) : les postes de ce groupe ou en dessous"),
    )


class CompareQuery(Schema):
    roles: list[Slug] = Field(
        min_length=MIN_COMPARED,
        max_length=MAX_COMPARED,
        json_schema_extra={"uniqueItems": True},
        description=described(
            gettext_noop("%(least)s à %(most)s slugs de postes différents, dans l’ordre où les montrer"),
            least=MIN_COMPARED,
            most=MAX_COMPARED,
        ),
    )

    @field_validator("roles")
    @classmethod
    def different(cls, roles: list[str]) -> list[str]:
        if len(set(roles)) != len(roles):
            raise PydanticCustomError("duplicate", "each role may appear only once")
        return roles


class SkillName(Schema):
    skill: str = Field(alias="slug", description=gettext_noop("le slug de la compétence"))
    name: str
    esco_uri: str | None


class NeighbourOut(Schema):
    role: RoleSummary = Field(
        description=gettext_noop("la fiche du métier proche : le poste de l’équipe quand l’un d’eux représente ce métier")
    )
    esco_uri: str = Field(alias="occupation.esco_uri", description=gettext_noop("le métier d’ESCO comparé"))
    similarity: float = Field(
        ge=0, le=1, description=gettext_noop("la similarité des compétences (voir la méthode dans le README), de 0 à 1")
    )
    viability: Viability = Field(description=gettext_noop("la tranche où les seuils recalibrés placent la similarité"))
    shared_essential: list[SkillName] = Field(
        alias="shared",
        description=gettext_noop("les compétences essentielles du métier proche que le métier du poste cite aussi"),
    )
    to_gain: list[SkillName] = Field(
        description=gettext_noop("les compétences essentielles du métier proche que le métier du poste ne cite pas")
    )


class Neighbours(Schema):
    attribution: str | None = ATTRIBUTION
    role: RoleSummary
    occupation: str | None = Field(
        description=gettext_noop("le métier d’ESCO comparé (celui que représente un poste de l’équipe) ; null s’il n’y en a pas")
    )
    neighbours: list[NeighbourOut] = Field(
        description=gettext_noop("les plus proches d’abord ; vide tant qu’ESCO n’est ni importé ni comparé")
    )


class LevelOut(Schema):
    level: int = Field(description=gettext_noop("de 1 (débutant) à 5 (expert)"))
    description: str = Field(description=gettext_noop("ce que fait concrètement une personne de ce niveau"))


class SkillOut(Schema):
    skill: str = Field(
        alias="slug", description=gettext_noop("le slug de la compétence, tel que le nomment les ratings de POST /route")
    )
    name: str
    category: str = Field(alias="category.name")
    description: OptionalText
    origin: Origin
    esco_uri: OptionalText
    levels: list[LevelOut] = Field(
        description=gettext_noop("ce que signifie chaque niveau, pour qu’une note ait un sens ; vide s’ils ne sont pas définis")
    )

    @staticmethod
    def resolve_levels(skill: Skill) -> list:
        return list(skill.levels.all())


class SkillFilters(Schema):
    origin: Origin | None = Field(
        None, description=gettext_noop("seulement les compétences rédigées par l’équipe, importées d’ESCO, ou retouchées")
    )


class DegreeCatalogueOut(Schema):
    degree: str = Field(alias="slug", description=gettext_noop("le slug du diplôme"))
    name: str
    level: DegreeLevel = Field(description=gettext_noop("tel que le nomme le degree_level de POST /route"))
    level_label: str = Field(description=gettext_noop("le niveau en toutes lettres"))
    field: DegreeField = Field(description=gettext_noop("tel que le nomme le degree_field de POST /route"))
    field_label: str = Field(description=gettext_noop("le domaine en toutes lettres"))
    typical_months: int = Field(description=gettext_noop("le temps habituel pour l’obtenir (estimation de l’équipe)"))
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


@router.get("/roles", response=list[RoleSummary], summary=gettext_noop("Les postes publiés, avec recherche, par pages"))
@paginate(LinkedPages, page_size=30)
def list_roles(request, filters: Query[ListFilters]):
    # By level then slug: the same order, so the same pages, whatever the language (titles sort differently).
    roles = Role.objects.published().order_by(F("level").desc(nulls_last=True), "slug")
    if filters.q:
        roles = roles.search(filters.q)
    if filters.isco:
        roles = roles.filter(isco_code__startswith=filters.isco)
    return roles


@router.get(
    "/skills",
    response=list[SkillOut],
    summary=gettext_noop("Toutes les compétences qu’une note peut nommer, par pages"),
    tags=["catalogue"],
)
@paginate(LinkedPages, page_size=50)
def list_skills(request, filters: Query[SkillFilters]):
    # By slug: the same pages whatever the language (names sort differently).
    skills = Skill.objects.select_related("category").prefetch_related("levels").order_by("slug")
    return skills.filter(origin=filters.origin) if filters.origin else skills


@router.get(
    "/degrees",
    response=list[DegreeCatalogueOut],
    summary=gettext_noop("Les diplômes par lesquels passent les parcours"),
    tags=["catalogue"],
)
def list_degrees(request):
    return Degree.objects.order_by("level", "slug")


@router.get(
    "/roles/{slug}",
    response=RoleDetail,
    summary=gettext_noop("Un poste, avec ses compétences, ses diplômes et ses étapes"),
)
def role_detail(request, slug: Annotated[str, Path(pattern=SLUG)]):
    return published_role(Role.objects.published().with_requirements(), slug)


@router.get(
    "/roles/{slug}/neighbours",
    response=Neighbours,
    summary=gettext_noop("Les métiers les plus proches d’un poste par leurs compétences (métiers voisins)"),
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


@router.get("/compare", response=Comparison, summary=gettext_noop("Deux à quatre postes côte à côte"))
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
