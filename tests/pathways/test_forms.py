from dataclasses import replace

import pytest
from django.utils import translation

from pathways.forms import (
    AssessmentForm,
    WhatIfForm,
    answers_query,
    answers_shown,
    experience_field_names,
    rating_field_name,
)
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
    name = rating_field_name(role.role_skills.all()[0].skill_id)
    for level in range(MAX_LEVEL + 1):
        form = AssessmentForm(filled(role, **{name: str(level)}), target=role)
        assert form.is_valid() and form.ratings[role.role_skills.all()[0].skill_id] == level
    form = AssessmentForm(target=role)
    form.describe_levels()
    choices = list(form.fields[name].widget.choices)
    assert [value for value, _label in choices] == list(range(MAX_LEVEL + 1))
    labels = [str(label) for _value, label in choices]
    assert "Jamais pratiqué" in labels[0]
    assert all(label.startswith(f"<strong>{level}</strong> — ") and len(label) > 25 for level, label in enumerate(labels))


@pytest.mark.parametrize("sent", [str(MAX_LEVEL + 1), "-1", "2.5", "deux", ""])
def test_a_rating_outside_the_scale_is_refused_with_what_to_choose(content, sent):
    role = target()
    name = rating_field_name(role.role_skills.all()[0].skill_id)
    form = AssessmentForm(filled(role, **{name: sent}), target=role)
    assert not form.is_valid() and form.errors[name] == ["Choisissez un niveau de 0 à 5 pour cette compétence."]


def test_a_degree_needs_its_field_and_a_field_its_degree(content):
    role = target()
    assert "degree_field" in AssessmentForm(filled(role, degree_level="master"), target=role).errors
    assert "degree_level" in AssessmentForm(filled(role, degree_field="operations"), target=role).errors


def test_the_current_role_is_read_from_the_position(content):
    role = target()
    form = AssessmentForm(filled(role, position="operations-manager", role_years="2", still_in_role="yes"), target=role)
    assert form.is_valid(), form.errors
    assert (form.situation, form.current_role.slug) == ("role", "operations-manager")


def in_role(role, **overrides) -> AssessmentForm:
    return AssessmentForm(filled(role, position="operations-manager", **overrides), target=role)


def answers_in_role(role, **overrides):
    form = in_role(role, **overrides)
    assert form.is_valid(), form.errors
    return form.answers


def test_a_person_in_a_role_says_how_long_they_have_held_it(content):
    answers = answers_in_role(target(), role_years="3", role_months="4", still_in_role="yes", left_years="x")
    assert (answers.months_in_role, answers.months_since_left) == (40, None)  # still in it: the time since is ignored


def test_a_person_who_left_their_role_says_since_when(content):
    answers = answers_in_role(target(), role_years="6", still_in_role="no", left_months="18")
    assert (answers.months_in_role, answers.months_since_left) == (72, 18)


def test_a_student_or_a_career_changer_is_not_asked_about_a_role(content):
    role = target()
    for situation in ("student", "career-changer"):
        form = AssessmentForm(
            filled(role, position=situation, role_years="99", still_in_role="maybe", left_months="x"), target=role
        )
        assert form.is_valid(), form.errors  # typed in a question that is not theirs: ignored, not refused
        assert (form.answers.months_in_role, form.answers.months_since_left) == (None, None)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"still_in_role": "yes"}, "role_years", "Dites depuis combien de temps vous occupez ce poste"),
        ({"role_months": "0"}, "still_in_role", "Dites si vous occupez toujours ce poste."),
        ({"role_years": "1", "still_in_role": "no"}, "left_years", "Dites depuis combien de temps vous avez quitté ce poste"),
        ({"role_years": "-1", "still_in_role": "yes"}, "role_years", "supérieure ou égale à 0"),
        ({"role_years": "50", "role_months": "1", "still_in_role": "yes"}, "role_years", "au plus 50 ans en tout"),
        ({"role_years": "1", "still_in_role": "no", "left_months": "601"}, "left_months", "au plus 600 mois"),
        ({"role_years": "1", "still_in_role": "peut-être"}, "still_in_role", "Sélectionnez un choix valide"),
    ],
)
def test_the_time_in_a_role_is_checked(content, overrides, field, message):
    form = in_role(target(), **overrides)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field]), form.errors


def test_a_time_of_zero_is_an_answer(content):
    answers = answers_in_role(target(), role_months="0", still_in_role="no", left_years="0")
    assert (answers.months_in_role, answers.months_since_left) == (0, 0)


def test_the_time_in_a_role_goes_to_form_data_and_back(content):
    role = target()
    answers = answers_in_role(role, role_years="2", role_months="5", still_in_role="no", left_years="1", left_months="1")
    data = AssessmentForm.data_of(answers)
    assert (data["role_years"], data["role_months"], data["still_in_role"], data["left_years"], data["left_months"]) == (
        2,
        5,
        "no",
        1,
        1,
    )
    again = WhatIfForm(data, target=role, rated=set(answers.ratings))
    assert again.is_valid(), again.errors
    assert again.answers == answers
    assert "role_years=2" in answers_query(answers) and "left_months=1" in answers_query(answers)


def test_the_what_if_takes_answers_saved_before_the_time_in_a_role_was_asked(content):
    role = target()
    answers = replace(answers_in_role(role, role_years="2", still_in_role="yes"), months_in_role=None)
    data = AssessmentForm.data_of(answers)
    assert (data["role_years"], data["role_months"], data["still_in_role"]) == ("", "", "yes")
    again = WhatIfForm(data, target=role, rated=set(answers.ratings))
    assert again.is_valid(), again.errors
    assert again.answers.months_in_role is None


def test_the_answers_shown_say_the_time_in_the_role_and_since_leaving_it(content):
    role = target()
    answers = answers_in_role(role, role_years="2", role_months="3", still_in_role="no", left_months="6")
    shown = dict(answers_shown(answers))
    assert shown["Votre poste"] == "Responsable des opérations"
    assert shown["Temps dans ce poste"] == "2 ans et 3 mois"
    assert shown["Temps depuis votre départ"] == "6 mois"
    still = dict(answers_shown(replace(answers, months_since_left=None)))
    assert still["Occupez-vous toujours ce poste ?"] == "Oui" and "Temps depuis votre départ" not in still
    with translation.override("en"):
        shown = dict(answers_shown(answers))
    assert shown["Time in this role"] == "2 years and 3 months" and shown["Time since you left"] == "6 months"
