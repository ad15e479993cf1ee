import io

import pytest
from django.apps import apps
from django.core.management import call_command

from roles.models import Role, RoleSkill, Skill

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_app_config("roles").get_models()}


def load() -> str:
    out = io.StringIO()
    call_command("load_content", stdout=out)
    return out.getvalue()


def test_loading_twice_leaves_the_same_rows():
    first_report = load()
    after_first = row_counts()
    second_report = load()
    assert row_counts() == after_first
    assert "created 8 roles.Role" in first_report
    assert "nothing to create" in second_report


def test_loaded_content_meets_the_profile_floor():
    load()
    published = Role.objects.published()
    assert published.count() >= 6
    for role in published.with_profile():
        assert role.missions.all(), role.slug
        assert len(role.role_skills.all()) >= 6, role.slug
        assert len(role.steps.all()) >= 3, role.slug
        assert role.role_degrees.all(), role.slug
        assert role.traits.all(), role.slug
        assert role.sources.all(), role.slug
        assert role.title_fr and role.title_en and role.summary_en and role.description_en, role.slug
        for role_skill in role.role_skills.all():
            assert len(role_skill.skill.levels.all()) == 5


def test_stepping_stone_roles_say_which_passages_support_them():
    load()
    for role in Role.objects.exclude(slug__in=["chief-operating-officer", "executive-director-of-operations"]):
        assert "«" in role.evidence_fr and '"' in role.evidence_en, role.slug


def test_an_editors_role_and_edits_survive_a_reload():
    load()
    editor_role = Role.objects.create(
        slug="plant-manager", title_fr="Directeur d’usine", summary_fr="s", description_fr="d", level=Role.Level.DIRECTOR
    )
    coo = Role.objects.get(slug="chief-operating-officer")
    coo.summary_fr = "Résumé revu par une éditrice."
    coo.save()
    RoleSkill.objects.filter(role=coo, skill__slug="sustainable-operations").delete()

    load()

    assert Role.objects.filter(pk=editor_role.pk).exists()
    coo.refresh_from_db()
    assert coo.summary_fr == "Résumé revu par une éditrice."
    assert not RoleSkill.objects.filter(role=coo, skill__slug="sustainable-operations").exists()
    assert Skill.objects.filter(slug="sustainable-operations").exists()
