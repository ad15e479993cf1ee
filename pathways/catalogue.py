"""Turn the database into the plain data the scoring and the route finder work on."""

from django.db.models import Exists, OuterRef, Prefetch

from careerpath.cache import per_content_version
from roles.models import DEGREE_RANK, DegreeLevel, ExperienceStep, Role, RoleDegree, RoleSkill, implied_circumstances

from .bridges import bridges_from, ladder_role_of, ladder_twins
from .degree_ways import ways_from
from .evaluation import Evaluation, evaluate
from .models import DegreeWay, Estimate, Transition
from .routes import Catalogue, Estimates, RolePlace, TransitionEdge
from .scoring import DegreeOption, ExperienceStepNeed, Profile, RoleRequirements, SkillNeed


def requirements_of(role: Role) -> RoleRequirements:
    """Needs `role` fetched with `published_roles_with_requirements()`."""
    return RoleRequirements(
        role_id=role.pk,
        skills=tuple(
            SkillNeed(skill_id=rs.skill_id, required=rs.required_level, essential=rs.is_essential, entry=rs.is_entry)
            for rs in role.role_skills.all()
        ),
        degrees=tuple(
            DegreeOption(
                degree_id=rd.degree_id,
                rank=rd.degree.rank,
                field=rd.degree.field,
                months=rd.degree.typical_months,
                typical=rd.kind == RoleDegree.Kind.TYPICAL,
                suited_from_scale=rd.suited_from_scale,
            )
            for rd in role.role_degrees.all()
        ),
        steps=tuple(
            ExperienceStepNeed(
                area=step.area,
                months=step.min_months,
                sector=step.sector,
                alternative=step.is_alternative,
                min_scale=step.min_scale,
                max_scale=step.max_scale,
                entry=step.is_entry,
                circumstance=step.circumstance,
            )
            for step in role.steps.all()
        ),
    )


def published_roles_with_requirements():
    """Published roles with something to measure a person against: a skill level, a degree or a step.

    Imported occupations an editor has not described yet are left out, so nobody scores 100 against an empty role.
    """
    leveled = RoleSkill.objects.filter(role=OuterRef("pk"), required_level__isnull=False)
    degrees = RoleDegree.objects.filter(role=OuterRef("pk"))
    steps = ExperienceStep.objects.filter(role=OuterRef("pk"))
    described = Exists(leveled) | Exists(degrees) | Exists(steps)
    return (
        Role.objects.published()
        .filter(described)
        .prefetch_related(
            # A skill without a level set (imported roles) has nothing to score against yet.
            Prefetch(
                "role_skills",
                queryset=RoleSkill.objects.filter(required_level__isnull=False).only(
                    "role_id", "skill_id", "required_level", "importance", "stage"
                ),
            ),
            Prefetch("role_degrees", queryset=RoleDegree.objects.select_related("degree")),
            Prefetch("steps", queryset=ExperienceStep.objects.order_by("position")),
        )
    )


@per_content_version
def current_catalogue() -> Catalogue:
    """The catalogue of the current content version, built once per process and version.

    Its indexes (skills to roles, moves from each role) are built on first use and kept with it.
    """
    return read_catalogue()


def catalogue_for(profile: Profile) -> Catalogue:
    """The catalogue a person's routes are searched in: from an ESCO occupation, with its bridges into the ladder."""
    catalogue = current_catalogue()
    if profile.current_role_id is None or profile.current_role_id in catalogue.roles:
        return catalogue
    return catalogue.with_bridges(bridges_from(profile.current_role_id), frozenset(ladder_twins().values()))


@per_content_version(key=lambda profile, target_id: (profile.key, target_id))
def evaluate_for(profile: Profile, target_id: int) -> Evaluation:
    """The person's whole result toward the target, with today's content: kept in this process for the same answers
    until the content changes (a what-if tried again, a result saved from answers just tried). Only read from."""
    return evaluate(catalogue_for(profile), profile, target_id)


def read_catalogue() -> Catalogue:
    """Every published role's requirements and place, every move between them, the editors' estimates and the
    ways to obtain a degree: six queries."""
    published = list(published_roles_with_requirements())
    transitions = tuple(
        TransitionEdge(
            transition_id=t.pk,
            from_role_id=t.from_role_id,
            to_role_id=t.to_role_id,
            min_months=t.min_months,
            max_months=t.max_months,
            sector=t.sector,
            min_scale=t.min_scale,
            max_scale=t.max_scale,
            circumstance=t.circumstance,
        )
        # One order on every database (PostgreSQL sorts a missing level last, SQLite first): between routes as quick,
        # the search then finds the same one first.
        for t in Transition.objects.between_published()
        .order_by("pk")
        .only(
            "id",
            "from_role_id",
            "to_role_id",
            "min_months",
            "max_months",
            "sector",
            "min_scale",
            "max_scale",
            "circumstance",
        )
    )
    estimates = dict(Estimate.objects.values_list("key", "months"))
    return Catalogue(
        roles={role.pk: requirements_of(role) for role in published},
        transitions=transitions,
        estimates=Estimates(
            skill_level_months=estimates[Estimate.Key.SKILL_LEVEL_MONTHS],
            first_degree_months=estimates[Estimate.Key.FIRST_DEGREE_MONTHS],
        ),
        places={role.pk: RolePlace(role.level, role.min_scale, role.max_scale) for role in published},
        ways=ways_from(DegreeWay.objects.all()),
    )


def profile_from(
    *,
    ratings: dict[int, int],
    degree_level: str,
    degree_field: str,
    experience: dict[str, int],
    sector: str,
    scale: int | None,
    current_role_id: int | None,
    circumstances=(),
    months_in_role: int = 0,
    months_since_left: int | None = None,
) -> Profile:
    """The scoring's view of a person, from their answers or the API's stateless request. A person whose job is the
    ESCO occupation one of the team's roles stands for holds that role, in the ladder's terms."""
    return Profile(
        ratings=ratings,
        degree_rank=DEGREE_RANK[DegreeLevel(degree_level)] if degree_level else 0,
        degree_field=degree_field,
        experience=experience,
        sector=sector,
        scale=scale,
        current_role_id=ladder_role_of(current_role_id) or current_role_id,
        circumstances=implied_circumstances(circumstances),
        months_in_role=months_in_role,
        months_since_left=months_since_left,
    )
