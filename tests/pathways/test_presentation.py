import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways.catalogue import read_catalogue
from pathways.evaluation import evaluate
from pathways.presentation import present
from pathways.scoring import Profile
from roles.models import Role

pytestmark = pytest.mark.django_db

EDO = "executive-director-of-operations"


def presented(profile: Profile, slug: str = EDO):
    target = Role.objects.with_skills().get(slug=slug)
    evaluation = evaluate(read_catalogue(), profile, target.pk)
    return evaluation, present(evaluation, profile, target)


def test_each_leg_shows_the_role_its_stay_and_the_degree_to_get_first(content):
    student = Profile(experience={"operations": 6})
    evaluation, view = presented(student)
    plan_legs, shown = evaluation.plan.best.legs, view.best.legs
    assert [leg.role.pk for leg in shown] == [leg.to_role_id for leg in plan_legs]
    assert [(leg.min_months, leg.max_months, leg.degree_months) for leg in shown] == [
        (leg.min_months, leg.max_months, leg.degree_months) for leg in plan_legs]
    assert [leg.degree.pk if leg.degree else None for leg in shown] == [
        leg.degree.degree_id if leg.degree else None for leg in plan_legs]
    assert (view.best.min_months, view.best.max_months) == (evaluation.plan.best.min_months, evaluation.plan.best.max_months)


def test_the_timeline_has_a_bar_for_each_degree_and_each_role(content):
    _evaluation, view = presented(Profile(experience={"operations": 6}))
    route = view.best
    bars = [(bar.label, bar.kind) for bar in route.timeline.bars]
    expected = []
    for leg in route.legs:
        if leg.degree:
            expected.append((leg.degree.name, "degree"))
        expected.append((leg.role.display_title, "role"))
    assert bars == expected


def test_alternatives_are_named_by_the_roles_the_quickest_route_skips(content):
    graduate = Profile(degree_rank=3, degree_field="business-management", experience={"operations": 24})
    _evaluation, view = presented(graduate)
    assert view.alternatives
    best_roles = {leg.role.display_title for leg in view.best.legs}
    for alternative in view.alternatives:
        assert alternative.label.startswith("Par : ")
        named = alternative.label.removeprefix("Par : ").split(", ")
        assert named and not set(named) & best_roles


def test_gaps_come_biggest_gain_first_with_the_next_concrete_level(content):
    _evaluation, view = presented(Profile(ratings={}, experience={"operations": 12}))
    gains = [gap.gain for gap in view.gaps]
    assert gains == sorted(gains, reverse=True)
    assert len(view.top_gaps) <= 5
    for gap in view.gaps:
        assert gap.next_level is not None and gap.next_level.level == gap.rating + 1


def test_presenting_costs_the_same_queries_for_a_short_and_a_long_route(content):
    def queries(profile):
        target = Role.objects.with_skills().get(slug=EDO)
        evaluation = evaluate(read_catalogue(), profile, target.pk)
        with CaptureQueriesContext(connection) as captured:
            present(evaluation, profile, target)
        return len(captured)

    ops = Role.objects.get(slug="operations-manager")
    assert queries(Profile(experience={"operations": 6})) == queries(
        Profile(experience={"operations": 120, "people": 60}, current_role_id=ops.pk))
