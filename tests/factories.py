from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from plans.models import COUNSELLOR_GROUP, Counsellor, Plan, Share
from roles.models import (
    Degree,
    DegreeField,
    DegreeLevel,
    ExperienceArea,
    ExperienceStep,
    Mission,
    Passage,
    Role,
    RoleDegree,
    RoleSkill,
    Skill,
    SkillCategory,
    SkillLevel,
    Source,
)
from tests.assessments import submit


class SkillCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillCategory

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_fr = factory.Sequence(lambda n: f"Catégorie {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"skill-{n}")
    name_fr = factory.Sequence(lambda n: f"Compétence {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")
    category = factory.SubFactory(SkillCategoryFactory)

    @factory.post_generation
    def levels(skill, create, extracted, **kwargs):
        if create:
            for level in range(1, 6):
                SkillLevel.objects.create(
                    skill=skill,
                    level=level,
                    description_fr=f"Niveau {level} de {skill.slug}",
                    description_en=f"Level {level} of {skill.slug}",
                )


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    file_name = factory.Sequence(lambda n: f"{n:03d}_article.txt")
    slug = factory.Sequence(lambda n: f"article-{n}")
    title_fr = factory.Sequence(lambda n: f"Article {n}")


class PassageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Passage

    source = factory.SubFactory(SourceFactory)
    anchor = factory.Sequence(lambda n: f"passage-{n}")
    quotation = factory.Sequence(lambda n: f"Une phrase de l’article, numéro {n}.")
    translation_en = factory.Sequence(lambda n: f"A sentence of the article, number {n}.")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    slug = factory.Sequence(lambda n: f"role-{n}")
    title_fr = factory.Sequence(lambda n: f"Poste {n}")
    title_en = factory.Sequence(lambda n: f"Role {n}")
    summary_fr = "Un poste pour les tests."
    summary_en = "A role for tests."
    description_fr = "Description du poste."
    description_en = "Role description."
    level = Role.Level.MANAGER
    status = Role.Status.PUBLISHED


class RoleSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleSkill

    role = factory.SubFactory(RoleFactory)
    skill = factory.SubFactory(SkillFactory)
    required_level = 3


class DegreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Degree

    slug = factory.Sequence(lambda n: f"degree-{n}")
    name_fr = factory.Sequence(lambda n: f"Diplôme {n}")
    level = DegreeLevel.BACHELOR
    field = DegreeField.BUSINESS_MANAGEMENT
    typical_months = 36


class RoleDegreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleDegree

    role = factory.SubFactory(RoleFactory)
    degree = factory.SubFactory(DegreeFactory)


class ExperienceStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExperienceStep

    role = factory.SubFactory(RoleFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = ExperienceStep.Kind.OPERATIONS
    area = ExperienceArea.OPERATIONS
    title_fr = factory.Sequence(lambda n: f"Étape {n}")
    min_months = 12
    max_months = 24


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    role = factory.SubFactory(RoleFactory)
    position = factory.Sequence(lambda n: n + 1)
    title_fr = factory.Sequence(lambda n: f"Mission {n}")


def build_role_with_skills(count: int, **role_fields) -> Role:
    """A published role with `count` skills, each with its levels, plus a step, a degree and a mission."""
    role = RoleFactory(**role_fields)
    for _ in range(count):
        RoleSkillFactory(role=role)
    ExperienceStepFactory(role=role)
    RoleDegreeFactory(role=role)
    MissionFactory(role=role)
    role.sources.add(SourceFactory())
    return role


# Plans, made as a person makes them: a result saved through the form, a route chosen, shares through the plan page.

COUNSELLOR_PASSWORD = "a-long-counsellor-password"


def counsellors_group() -> Group:
    """The counsellors' group, which a migration creates: a test run in a transaction (the browser journeys, the
    outage) empties the tables after it, migrations' rows included, so the group is made again when gone."""
    return Group.objects.get_or_create(name=COUNSELLOR_GROUP)[0]


def plan_url(plan: Plan, lang: str = "", tail: str = "") -> str:
    return f"{lang}/assessment/{plan.pk}/plan/{tail}"


def make_plan(client, route="route-best", **answers) -> Plan:
    pk = submit(client, **answers)["Location"].split("/")[-2]
    response = client.post(f"/assessment/{pk}/plan/", {"route": route})
    assert response.status_code == 303
    return Plan.objects.get(pk=pk)


def share_with(client, plan, counsellor: Counsellor | None, days: int = 30) -> Share:
    response = client.post(plan_url(plan, tail="shares/"), {"code": counsellor.code if counsellor else "", "days": days})
    assert response.status_code == 303
    return Share.objects.filter(plan=plan, counsellor=counsellor).latest("created_at")


def expire(share: Share) -> None:
    Share.objects.filter(pk=share.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
