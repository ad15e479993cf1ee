"""The experience areas are defined once (roles.models.ExperienceArea); everything that asks or counts
experience follows that one list."""

import pytest
from django.core.exceptions import ValidationError

from pathways.api import AREA_OF_FIELD, ExperienceMonths
from pathways.forms import AssessmentForm, experience_field_names
from pathways.models import Assessment
from pathways.routes import Catalogue, TransitionEdge, find_routes
from pathways.scoring import ExperienceStepNeed, Profile, RoleRequirements
from roles.models import ExperienceArea
from tests.factories import build_role_with_skills
from tests.pathways.strategies import ESTIMATES

AREAS = set(ExperienceArea.values)


@pytest.mark.django_db
def test_the_form_asks_every_area_and_nothing_else():
    form = AssessmentForm(target=build_role_with_skills(2))
    asked = {name for name in form.fields if name.startswith(("years_", "months_"))}
    assert asked == {name for area in AREAS for name in experience_field_names(area)}


def test_the_api_takes_months_for_every_area_and_nothing_else():
    assert set(AREA_OF_FIELD.values()) == AREAS
    assert set(ExperienceMonths.model_fields) == set(AREA_OF_FIELD)


def test_a_saved_result_keeps_months_for_known_areas_only():
    Assessment(experience_months=dict.fromkeys(AREAS, 6)).clean()
    with pytest.raises(ValidationError):
        Assessment(experience_months={"astronautics": 6}).clean()


def test_the_route_finder_counts_what_is_missing_in_every_area():
    target = RoleRequirements(2, steps=tuple(ExperienceStepNeed(area, 12) for area in sorted(AREAS)))
    catalogue = Catalogue(
        roles={1: RoleRequirements(1), 2: target},
        transitions=(TransitionEdge(1, None, 1, 0, 0), TransitionEdge(2, 1, 2, 0, 0)),
        estimates=ESTIMATES,
    )
    found = find_routes(catalogue, Profile(experience={"operations": 3}), 2)
    last = found.best.legs[-1]
    assert dict(last.experience_missing) == {area: 9 if area == "operations" else 12 for area in AREAS}
