"""The stateless route planner over JSON: a profile in, the scores and routes out, nothing stored."""

from enum import Enum
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Schema
from pydantic import BeforeValidator, ConfigDict, Field, create_model
from pydantic_core import PydanticCustomError

from careerpath.api_document import described
from careerpath.api_errors import ApiError, ErrorCode
from careerpath.ratelimits import AddressThrottle
from roles.api import Slug, unknown_role
from roles.models import MAX_LEVEL, DegreeField, DegreeLevel, ExperienceArea, Role, Scale, Sector, Skill, Stage, Viability

from .assessments import degree_part_missing
from .catalogue import evaluate_for, profile_from
from .evaluation import Band, Direction
from .models import MAX_EXPERIENCE_MONTHS, Circumstance, Transition
from .presentation import CAP_LABELS, RouteView, present, reserved_move_text, reserved_moves
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


def choice_of(choices: type[Enum]):
    """One of an enumeration's values, declared as a reference to the enumeration's own schema (so that a generated
    client names the type after it). A strict schema takes only members: the exact value sent (3.0 read as 3,
    `whole`) becomes its member here, and anything else ("3" for 3, true for 1, a word not in the list) is refused
    as not one of the choices."""
    members = {member.value: member for member in choices}
    expected = ", ".join(repr(value) for value in members)

    def member(value):
        value = whole(value)
        if type(value) in (str, int) and value in members:
            return members[value]
        raise PydanticCustomError("enum", "not one of {expected}", {"expected": expected})

    return Annotated[choices, BeforeValidator(member)]


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
    area: ExperienceArea = Field(
        description=gettext_noop("le code du domaine, tel que les réponses le nomment (experience_missing)")
    )
    field: str = Field(description=gettext_noop("son nom dans l’experience_months de POST /route"))
    label: str = Field(description=gettext_noop("le domaine en toutes lettres"))


@router.get(
    "/experience-areas",
    response=list[ExperienceAreaOut],
    summary=gettext_noop("Les sortes d’expérience qu’un profil compte en mois"),
    tags=["catalogue"],
)
def list_experience_areas(request):
    return [{"area": area, "field": name, "label": str(ExperienceArea(area).label)} for name, area in AREA_OF_FIELD.items()]


class RouteRequest(StrictSchema):
    target: Slug = Field(description=gettext_noop("slug du poste visé"))
    current_role: Slug | None = Field(
        None,
        description=gettext_noop(
            "slug du poste occupé, s’il y en a un : l’un des postes de l’équipe ou n’importe quel métier d’ESCO (le "
            "parcours commence alors par la passerelle qui en mène aux postes de l’équipe)"
        ),
    )
    degree_level: choice_of(DegreeLevel) | None = None  # type: ignore[valid-type]
    degree_field: choice_of(DegreeField) | None = None  # type: ignore[valid-type]
    experience_months: ExperienceMonths = Field(
        default_factory=ExperienceMonths,
        description=gettext_noop("les mois d’expérience dans chaque domaine (les stages comptent)"),
    )
    preferred_sector: choice_of(Sector) = Sector.BOTH  # type: ignore[valid-type]
    preferred_scale: choice_of(Scale) | None = None  # type: ignore[valid-type]
    ratings: dict[Slug, whole_number(MAX_LEVEL)] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description=described(
            gettext_noop(
                "slug de compétence → note que la personne se donne, de 0 à %(most)s ; une compétence omise est laissée "
                "en blanc : elle compte 0, et `highest` dit ce que serait le score si chaque blanc était rempli à son niveau"
            ),
            most=MAX_LEVEL,
        ),
        json_schema_extra=rating_map,
    )
    circumstances: list[choice_of(Circumstance)] = Field(  # type: ignore[valid-type]
        default_factory=list, description=gettext_noop("ce qui est vrai de la personne et lui ouvre des passages réservés")
    )
    months_in_role: whole_number(MAX_EXPERIENCE_MONTHS) | None = Field(  # type: ignore[valid-type]
        None,
        description=gettext_noop(
            "les mois pendant lesquels la personne occupe current_role (ou l’a occupé, si elle l’a quitté) ; seulement "
            "avec current_role ; null : non donné, compté comme aucun"
        ),
    )
    months_since_left: whole_number(MAX_EXPERIENCE_MONTHS) | None = Field(  # type: ignore[valid-type]
        None,
        description=gettext_noop(
            "les mois depuis que la personne a quitté current_role (une pause, une recherche d’emploi, un retour au "
            "travail) ; seulement avec current_role ; null : elle l’occupe toujours"
        ),
    )


class SkillRef(Schema):
    skill: str = Field(description=gettext_noop("le slug de la compétence"))
    name: str = Field(description=gettext_noop("le nom de la compétence, dans la langue de la réponse"))


def skill_ref(skill) -> dict:
    return {"skill": skill.slug, "name": skill.name}


class Part(Schema):
    name: str
    weight: int = Field(description=gettext_noop("part du total, en pourcentage"))
    value: int = Field(description=gettext_noop("la part remplie de cette partie, en pourcentage"))
    points: int = Field(description=gettext_noop("ce que la partie ajoute au total"))


class Gap(Schema):
    skill: str = Field(description=gettext_noop("le slug de la compétence"))
    name: str = Field(description=gettext_noop("le nom de la compétence"))
    rating: int
    required: int
    gain: int = Field(description=gettext_noop("les points que gagnerait le total avec un niveau de plus"))
    stage: Stage = Field(
        description=gettext_noop(
            "entry : nécessaire pour entrer dans le poste visé (décide de `ready`) ; growth : se développe dans le poste"
        )
    )


class StepSkill(SkillRef):
    level: int = Field(description=gettext_noop("le niveau à atteindre dans cette étape avant de passer à la suivante"))


class Step(Schema):
    kind: Literal["start", "degree", "role", "target"]
    title: str = Field(description=gettext_noop("l’étape en toutes lettres, comme la titre la page de résultat"))
    role: str | None = Field(description=gettext_noop("slug du poste occupé dans cette étape"))
    role_title: str | None = Field(description=gettext_noop("l’intitulé du poste"))
    degree: str | None = Field(description=gettext_noop("slug du diplôme obtenu dans cette étape"))
    degree_name: str | None = Field(description=gettext_noop("le nom du diplôme"))
    min_months: int = Field(description=gettext_noop("le temps passé dans cette étape, au plus court"))
    max_months: int = Field(description=gettext_noop("le temps passé dans cette étape, au plus long"))
    estimate: bool = Field(
        True,
        description=gettext_noop(
            "toujours true : les mois de l’étape sont une estimation de l’équipe, qu’aucune source ne chiffre (`basis` "
            "et `estimates` disent sur quoi elle repose)"
        ),
    )
    basis: str | None = Field(description=gettext_noop("ce sur quoi reposent les mois de l’étape ; null pour le poste visé"))
    experience_missing: dict[str, int] = Field(
        description=gettext_noop("domaine → mois à acquérir dans cette étape avant de passer à la suivante")
    )
    skills: list[StepSkill] = Field(
        description=gettext_noop(
            "les compétences à faire progresser dans cette étape avant de passer à la suivante, avec le niveau"
        )
    )
    closeness: str | None = Field(
        None,
        description=gettext_noop(
            "en quittant un métier d’ESCO par une passerelle : si le passage au métier "
            "suivant est envisageable, en toutes lettres"
        ),
    )
    viability: Viability | None = Field(
        None,
        description=gettext_noop("la tranche de closeness, sous forme de code ; null quand l’étape n’est pas une passerelle"),
    )
    similarity: float | None = Field(
        None, ge=0, le=1, description=gettext_noop("la similarité des compétences de closeness, de 0 à 1")
    )
    carried: list[SkillRef] = Field(
        default_factory=list,
        description=gettext_noop("les compétences essentielles ESCO du métier suivant que ce métier utilise déjà"),
    )
    to_gain: list[SkillRef] = Field(
        default_factory=list, description=gettext_noop("les compétences essentielles ESCO du métier suivant à acquérir")
    )


class RouteOut(Schema):
    min_months: int
    max_months: int
    estimate: bool = Field(
        True,
        description=gettext_noop(
            "toujours true : les mois du parcours sont une estimation de l’équipe, qu’aucune source ne chiffre (`basis` "
            "et `estimates` disent sur quoi elle repose)"
        ),
    )
    steps: list[Step]


class MonthsToReady(Schema):
    min_months: int = Field(
        description=gettext_noop("le plus tôt où la personne pourrait être prête, par l’un des parcours montrés")
    )
    max_months: int = Field(
        description=gettext_noop(
            "le plus tard, par le parcours le plus rapide (celui dont la durée la plus longue est la plus courte)"
        )
    )
    estimate: bool = Field(
        True,
        description=gettext_noop(
            "toujours true : ces mois sont une estimation de l’équipe, qu’aucune source ne chiffre (`basis` et "
            "`estimates` disent sur quoi elle repose)"
        ),
    )


class EstimateOut(Schema):
    key: str
    label: str
    months: int
    justification: str = Field(description=gettext_noop("ce sur quoi repose le chiffre"))


class Closest(Schema):
    role: str = Field(description=gettext_noop("le slug du poste"))
    title: str = Field(description=gettext_noop("l’intitulé du poste"))
    total: int
    direction: str | None = Field(
        description=gettext_noop("depuis le poste occupé : plus haut, au même niveau ou plus bas, en toutes lettres")
    )
    direction_code: Direction | None = Field(
        description=gettext_noop("la même chose sous forme de code ; null sans poste occupé")
    )
    leads_to_target: bool
    shared_skills: list[SkillRef] = Field(description=gettext_noop("les compétences qu’il partage avec le poste visé"))


class Cap(Schema):
    code: CapCode = Field(description=gettext_noop("l’exigence d’entrée la plus éloignée, qui plafonne le score"))
    reason: str = Field(description=gettext_noop("la même chose, en toutes lettres"))
    points: int = Field(
        description=gettext_noop("retiré de la somme des parties tant qu’une exigence essentielle est loin d’être remplie")
    )


class ReservedMove(Schema):
    text: str = Field(description=gettext_noop("le passage, avec ce qu’il demande, en toutes lettres"))
    from_role: str | None = Field(
        description=gettext_noop("slug du poste que le passage quitte ; null : l’entrée depuis les études ou un autre domaine")
    )
    from_role_title: str | None = Field(description=gettext_noop("l’intitulé de ce poste"))
    circumstance: Circumstance | None = Field(
        description=gettext_noop(
            "la situation à laquelle le passage est réservé, telle que la nomme circumstances dans la demande ; null : aucune"
        )
    )
    min_scale: Scale | None = Field(
        description=gettext_noop(
            "la plus petite taille d’organisation où le passage est ouvert, telle que la nomme "
            "preferred_scale ; null : toutes les tailles"
        )
    )
    max_scale: Scale | None = Field(description=gettext_noop("la plus grande ; null : toutes les tailles"))


def reserved_move_out(move: Transition) -> dict:
    sized = move.is_reserved_to_sizes()
    return {
        "text": reserved_move_text(move),
        "from_role": move.from_role.slug if move.from_role else None,
        "from_role_title": move.from_role.display_title if move.from_role else None,
        "circumstance": move.circumstance or None,
        "min_scale": move.min_scale if sized else None,
        "max_scale": move.max_scale if sized else None,
    }


class RouteResponse(Schema):
    target: str = Field(description=gettext_noop("le slug du poste visé"))
    target_title: str = Field(description=gettext_noop("l’intitulé du poste visé"))
    described: bool = Field(
        description=gettext_noop("false quand le poste visé n’a encore ni niveaux, ni diplômes, ni étapes auxquels se mesurer")
    )
    total: int | None = Field(
        description=gettext_noop("le degré de préparation, de 0 à 100 ; null sans réponses ou pour un poste visé non décrit")
    )
    band: Band | None = Field(description=gettext_noop("le score en toutes lettres"))
    time_to_ready: str | None = Field(
        description=gettext_noop("la durée du parcours le plus rapide, en toutes lettres (une estimation) ; null sans parcours")
    )
    months_to_ready: MonthsToReady | None = Field(description=gettext_noop("time_to_ready en mois ; null sans parcours"))
    parts: list[Part]
    cap: Cap | None
    gaps: list[Gap]
    not_assessed: list[SkillRef] = Field(
        description=gettext_noop("les compétences que demande le poste visé et que le profil laisse en blanc : chacune compte 0")
    )
    highest: int | None = Field(
        description=gettext_noop("le total si chaque compétence laissée en blanc était notée au niveau demandé")
    )
    entry_answers_missing: bool = Field(
        description=gettext_noop(
            "une compétence nécessaire pour entrer dans le poste visé est en blanc : la "
            "tranche n’est alors ni ready ni nearly-there"
        )
    )
    recency_percent: int | None = Field(
        description=gettext_noop(
            "ce que compte encore l’expérience de la personne, en pourcentage, quand elle a quitté son poste depuis "
            "longtemps ; null : en entier"
        )
    )
    depends_on_scale: bool = Field(
        description=gettext_noop("ce que demande le poste visé change avec la taille de l’organisation")
    )
    current_role_out_of_scale: bool
    holds_target: bool = Field(
        description=gettext_noop(
            "la personne occupe déjà le poste visé : pas de parcours, les écarts sont ce qui reste à y développer"
        )
    )
    reserved_to: list[ReservedMove] = Field(
        description=gettext_noop(
            "quand chaque passage vers le poste visé est réservé à une situation ou à une taille d’organisation que la "
            "personne n’a pas donnée : chaque passage, avec ce qu’il demande ; vide sinon"
        )
    )
    degree_missing: bool
    experience_missing: dict[str, int]
    ready: bool
    best: RouteOut | None
    alternatives: list[RouteOut]
    closest: list[Closest]
    estimates: list[EstimateOut] = Field(
        description=gettext_noop("les chiffres de l’équipe dont sont faites les durées, avec ce sur quoi ils reposent")
    )


@router.post(
    "/route",
    response=RouteResponse,
    summary=gettext_noop("Évaluer un profil et tracer ses parcours"),
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
        "reserved_to": [reserved_move_out(move) for move in reserved_moves(target)] if result.reserved_to else [],
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
