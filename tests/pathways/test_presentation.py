from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways.catalogue import read_catalogue
from pathways.evaluation import evaluate
from pathways.presentation import ResultChange, present
from pathways.scoring import Profile
from roles.models import Role

pytestmark = pytest.mark.django_db

EDO = "executive-director-of-operations"


def presented(profile: Profile, slug: str = EDO):
    target = Role.objects.with_skills().get(slug=slug)
    evaluation = evaluate(read_catalogue(), profile, target.pk)
    return evaluation, present(evaluation, profile, target)


def test_each_row_shows_the_time_spent_in_that_step(content):
    """A leg's stay is spent in the position it leaves: it shows on that position's row, the degree on its own row."""
    student = Profile(experience={"operations": 6})
    evaluation, view = presented(student)
    legs, rows = evaluation.routes.best.legs, view.best.rows
    expected, position = [], None
    for leg in legs:
        expected.append((position, leg.min_months, leg.max_months))
        if leg.degree:
            expected.append((("degree", leg.degree.degree_id), leg.degree_months, leg.degree_max_months))
        position = ("role", leg.to_role_id)
    if not (legs[0].max_months or legs[0].experience_missing or legs[0].skills_to_raise):
        expected.pop(0)  # nothing to do before the first move: no row for where the person is
    shown = [
        (
            ("degree", row.degree.pk) if row.kind == "degree" else ("role", row.role.pk) if row.role else None,
            row.min_months,
            row.max_months,
        )
        for row in rows
        if row.kind != "target"
    ]
    assert shown == expected
    assert rows[-1].kind == "target" and rows[-1].role.pk == legs[-1].to_role_id
    assert (view.best.min_months, view.best.max_months) == (evaluation.routes.best.min_months, evaluation.routes.best.max_months)
    assert sum(row.min_months for row in rows) == view.best.min_months


def test_the_route_chart_has_a_lane_per_route_and_a_segment_for_each_step_that_takes_time(content):
    graduate = Profile(degree_rank=3, degree_field="business-management", experience={"operations": 24}, scale=3)
    _evaluation, view = presented(graduate)
    routes = [view.best, *view.alternatives]
    assert len(routes) > 1
    chart = view.route_chart
    assert [lane.key for lane in chart.lanes] == [route.anchor for route in routes]
    for lane, route in zip(chart.lanes, routes, strict=True):
        segments = [(s.number, s.label, s.kind, s.min_months, s.max_months) for s in lane.segments]
        assert segments == [
            (number, row.title, "degree" if row.kind == "degree" else "role", row.min_months, row.max_months)
            for number, row in enumerate(route.rows, 1)
            if row.kind != "target"
        ]
        assert (lane.min_months, lane.max_months) == (route.min_months, route.max_months)
    assert chart.lanes[0].title.startswith("Le chemin le plus court — environ ")


def test_alternatives_are_named_by_the_roles_the_quickest_route_skips(content):
    graduate = Profile(degree_rank=3, degree_field="business-management", experience={"operations": 24}, scale=3)
    _evaluation, view = presented(graduate)
    assert view.alternatives
    best_roles = {row.title for row in view.best.rows}
    for alternative in view.alternatives:
        assert alternative.label.startswith("Par : ")
        named = alternative.label.removeprefix("Par : ").split(", ")
        assert named and not set(named) & best_roles


def test_gaps_come_biggest_gain_first_with_the_next_concrete_level(content):
    _evaluation, view = presented(Profile(ratings={}, experience={"operations": 12}))
    gains = [gap.gain for gap in view.gaps]
    assert gains == sorted(gains, reverse=True)
    assert len(view.top_gaps) <= 5
    for gap in view.gaps:
        assert gap.next_level is not None and gap.next_level.level == gap.rating + 1


def test_presenting_reads_the_content_once_then_costs_no_query_however_long_the_route(content):
    """The rows a result names (roles, their steps, moves, degrees, ways, skills and their levels, estimates) are
    read once per content version; every result after that is made without a query, whatever its routes hold."""

    def queries(profile):
        target = Role.objects.with_skills().get(slug=EDO)
        evaluation = evaluate(read_catalogue(), profile, target.pk)
        with CaptureQueriesContext(connection) as captured:
            present(evaluation, profile, target)
        return len(captured)

    ops = Role.objects.get(slug="operations-manager")
    assert queries(Profile(experience={"operations": 6})) > 0  # the first result of this content version
    assert queries(Profile(experience={"operations": 6})) == 0
    assert queries(Profile(experience={"operations": 120, "people": 60}, current_role_id=ops.pk)) == 0


def test_a_result_names_the_content_as_an_editor_left_it(content):
    """What is kept for the next results is left behind when an editor changes the content."""
    _evaluation, before = presented(Profile(experience={"operations": 6}))
    step = Role.objects.get(pk=before.best.rows[-2].role.pk)
    step.title_fr = "Intitulé revu par un éditeur"
    step.save()
    _evaluation, after = presented(Profile(experience={"operations": 6}))
    assert after.best.rows[-2].role.display_title.startswith("Intitulé revu par un éditeur")
    assert not before.best.rows[-2].role.display_title.startswith("Intitulé revu")


def test_two_results_compare_their_gaps_and_their_routes_steps(content):
    """What has changed since: a gap only the second result has is new, one only the first has is closed; a route
    that gains or loses a step, or whose steps take another time, is named with what changed."""
    skills = Role.objects.get(slug=EDO).role_skills.values_list("skill_id", flat=True)
    _evaluation, view = presented(Profile(ratings=dict.fromkeys(skills, 1), experience={"operations": 6}))
    first, *others = view.gaps
    raised = replace(first, required=first.required + 1)
    after = replace(view, gaps=[raised, *others[1:]], best=replace(view.best, rows=view.best.rows[1:]))
    change = ResultChange(view, after)
    assert change.changed and change.gaps_changed
    assert change.gaps_added == [raised]  # asked at another level: a gap of its own
    assert change.gaps_removed == others[:1]
    [route] = change.routes_changed
    assert route.name == view.best.name and route.removed == [view.best.rows[0].title] and route.added == []
    longer = replace(view.best.rows[0], max_months=view.best.rows[0].max_months + 12)
    [route] = ResultChange(view, replace(view, best=replace(view.best, rows=[longer, *view.best.rows[1:]]))).routes_changed
    assert route.durations_changed and not route.added and not route.removed
    assert ResultChange(view, view).routes_changed == [] and not ResultChange(view, view).gaps_changed


def test_applying_says_what_opens_the_post_the_degree_or_the_experience_that_stands_in_for_it(content):
    """Years of running operations without a degree open the executive director's post by the experience route:
    the route says so, and never that the person holds the degree."""
    target = Role.objects.get(slug=EDO)
    practitioner = Profile(
        ratings={rs.skill_id: max(0, rs.required_level - 1) for rs in target.role_skills.all()},
        experience={"operations": 120, "people": 60, "facilities": 12},
    )
    evaluation, view = presented(practitioner)
    assert evaluation.routes.best.uses_experience_route and not evaluation.routes.best.uses_degree
    why = view.best.rows[-1].why
    assert "tient lieu du diplôme" in why and "Vous avez le diplôme" not in why


def test_a_returners_route_begins_by_getting_back_to_a_post(content):
    """She left her post as operations manager five years ago: the route's first row is a return to such a post,
    said in words; still in it, the row is where she is."""
    manager = Role.objects.get(slug="operations-manager")
    back = Profile(
        ratings={rs.skill_id: max(0, rs.required_level - 1) for rs in Role.objects.get(slug=EDO).role_skills.all()},
        degree_rank=3,
        degree_field="business-management",
        experience={"operations": 108, "people": 108},
        current_role_id=manager.pk,
        months_in_role=72,
        months_since_left=60,
    )
    _evaluation, view = presented(back)
    first = view.best.rows[0]
    assert first.kind == "start" and first.role.slug == "operations-manager" and first.returning
    _evaluation, staying = presented(replace(back, months_since_left=None))
    assert not any(row.returning for row in staying.best.rows)
