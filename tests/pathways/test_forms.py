import pytest

from pathways.forms import AssessmentForm, experience_field_names, rating_field_name
from pathways.models import MAX_EXPERIENCE_MONTHS
from roles.models import MAX_LEVEL, ExperienceArea, Role

pytestmark = pytest.mark.django_db

EDO = "executive-director-of-operations"


def target():
    return Role.objects.with_skills().get(slug=EDO)


def filled(role, **overrides) -> dict:
    data = {
        "position": "student",
        "preferred_sector": "both",
        "consent": "on",
        **{rating_field_name(rs.skill_id): 2 for rs in role.role_skills.all()},
    }
    data.update(overrides)
    return data


def test_every_experience_area_is_asked_in_years_and_months(content):
    form = AssessmentForm(target=target())
    for area in ExperienceArea:
        years, months = experience_field_names(area)
        assert str(area.label) in str(form.fields[years].label) and str(area.label) in str(form.fields[months].label)


def test_years_and_months_add_up_and_empty_areas_are_left_out(content):
    role = target()
    form = AssessmentForm(
        filled(role, years_operations="1", months_operations="6", **{"months_customer-service": "3"}), target=role
    )
    assert form.is_valid(), form.errors
    assert form.experience_months == {"operations": 18, "customer-service": 3}


def test_an_internship_of_a_few_months_counts(content):
    role = target()
    form = AssessmentForm(filled(role, months_operations="4"), target=role)
    assert form.is_valid() and form.experience_months == {"operations": 4}


def test_more_than_a_working_life_in_one_area_is_refused(content):
    role = target()
    years = MAX_EXPERIENCE_MONTHS // 12
    form = AssessmentForm(filled(role, years_people=str(years), months_people="11"), target=role)
    assert not form.is_valid()
    assert "au plus 50 ans" in " ".join(form.errors["years_people"])


def test_each_skill_is_rated_from_0_to_the_top_level_and_levels_are_described_before_showing(content):
    role = target()
    form = AssessmentForm(target=role)
    name = rating_field_name(role.role_skills.all()[0].skill_id)
    assert [value for value, _label in form.fields[name].choices] == list(range(MAX_LEVEL + 1))
    form.describe_levels()
    labels = [str(label) for _value, label in form.fields[name].choices]
    assert "Jamais pratiqué" in labels[0]
    assert all(label.startswith(f"<strong>{level}</strong> — ") and len(label) > 25 for level, label in enumerate(labels))


def test_a_rating_outside_the_scale_is_refused(content):
    role = target()
    name = rating_field_name(role.role_skills.all()[0].skill_id)
    form = AssessmentForm(filled(role, **{name: str(MAX_LEVEL + 1)}), target=role)
    assert not form.is_valid() and name in form.errors


def test_a_degree_needs_its_field_and_a_field_its_degree(content):
    role = target()
    assert "degree_field" in AssessmentForm(filled(role, degree_level="master"), target=role).errors
    assert "degree_level" in AssessmentForm(filled(role, degree_field="operations"), target=role).errors


def test_the_current_role_is_read_from_the_position(content):
    role = target()
    form = AssessmentForm(filled(role, position="operations-manager", role_years="2", still_in_role="yes"), target=role)
    assert form.is_valid(), form.errors
    assert (form.situation, form.current_role.slug) == ("role", "operations-manager")
