"""plans.pages, called directly: what a plan's pages show, made from the plan in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plans import progress
from plans.models import Comment, Plan, Progress, Reading, Share, StepNote
from plans.pages import GapState, get_plan, plan_page, plan_summary, reading_label
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(client, content) -> Plan:
    return make_plan(client)


def tick(plan: Plan, key: str, effect: dict) -> None:
    page = plan_page(get_plan(plan.pk))
    progress.mark_done(plan, page.saved_answers, key, effect, timezone.localdate())


def test_a_plans_page_holds_its_route_steps_gaps_and_sources(plan):
    page = plan_page(get_plan(plan.pk))
    assert page.route.anchor == plan.route and [state.number for state in page.steps] == list(range(1, len(page.route.rows) + 1))
    assert [state.gap.key for state in page.gaps] == [gap.key for gap in progress.gaps_of(page.result)]
    assert page.steps_done == 0 and page.open_gaps == page.gaps
    assert page.step(1) == page.steps[0] and page.step(99) is None
    assert page.item("step-1") == page.steps[0].step and page.item(page.gaps[0].gap.key) == page.gaps[0].gap
    assert page.item("step-99") is None
    assert page.skill_choices == [(slug, name) for slug, name, _level in page.skills] and page.skills
    assert page.route_steps == [state.step for state in page.steps]
    assert page.sources and page.answers == page.saved_answers


def test_a_step_shows_its_tick_note_and_comments(plan, make_counsellor_account):
    tick(plan, "step-1", {})
    StepNote.objects.create(plan=plan, step=1, text="appeler Marie")
    claire = make_counsellor_account("claire")
    Comment.objects.create(plan=plan, step=1, author=claire, text="Bien")
    first = plan_page(get_plan(plan.pk)).step(1)
    assert first.done.item == "step-1" and first.note.text == "appeler Marie"
    assert [comment.text for comment in first.comments] == ["Bien"]
    assert plan_page(get_plan(plan.pk)).steps_done == 1


def test_a_gap_is_closed_ticked_re_rated_to_its_level_or_filled_by_the_steps_done(plan):
    page = plan_page(get_plan(plan.pk))
    skill = next(state.gap for state in page.gaps if state.is_skill)
    experience = next(state.gap for state in page.gaps if not state.is_skill)
    required, months = skill.action.required, experience.action.months
    assert GapState(skill, None, rating_now=required).closed
    assert not GapState(skill, None, rating_now=required - 1).closed and not GapState(skill, None).closed
    assert GapState(experience, None, months_gained=months).closed
    assert not GapState(experience, None, months_gained=months - 1).closed
    assert GapState(experience, Progress(item=experience.key, effect={})).closed
    tick(plan, progress.rating_key(skill.action.skill.slug), progress.rating_effect(skill.action.skill.pk, required))
    page = plan_page(get_plan(plan.pk))
    state = next(state for state in page.gaps if state.gap.key == skill.key)
    assert state.closed and state.rating_now == required and state not in page.open_gaps


def test_the_score_moved_reads_plus_or_minus_and_nothing_when_unchanged(plan):
    page = plan_page(get_plan(plan.pk))
    assert page.score_delta_label == ""
    for moved, label in ((3, "+3"), (-2, "−2")):
        page.plan.total = page.result.total + moved
        assert page.score_delta_label == label


def test_the_history_starts_with_the_saved_result_then_each_measure_says_what_changed(plan):
    page = plan_page(get_plan(plan.pk))
    gap = next(state.gap for state in page.gaps if state.is_skill)
    tick(plan, progress.rating_key(gap.action.skill.slug), progress.rating_effect(gap.action.skill.pk, 4))
    tick(plan, "step-1", {})
    page = plan_page(get_plan(plan.pk))
    assert [point.what for point in page.history.points] == [
        "Auto-évaluation",
        "Plan commencé",
        f"« {gap.action.skill.name} » noté 4",
        f"Fait : étape 1, {page.steps[0].row.title}",
    ]
    assert page.history.first.total == page.result.total and page.history.last.total == plan.total
    unknown = Reading(change=Reading.Change.UNDONE, item="step-42")
    assert reading_label(unknown, {}) == "Décoché : step-42"


def test_a_counsellors_list_shows_where_each_plan_stands_with_no_query_more(plan, make_counsellor_account):
    claire = make_counsellor_account("claire")
    share = Share.objects.create(plan=plan, counsellor=claire, expires_at=timezone.now() + timedelta(days=1))
    gap = plan_page(get_plan(plan.pk)).gaps[0]
    tick(plan, gap.gap.key, progress.gap_effect(gap.gap))
    fetched = Plan.objects.with_everything().get(pk=plan.pk)
    with CaptureQueriesContext(connection) as queries:
        summary = plan_summary(share, fetched)
        last = summary.last_progress
    assert len(queries) == 0
    assert last == timezone.localdate()
    assert gap.gap.key not in {state.gap.key for state in summary.open_gaps}
    assert summary.result.total is not None
    fetched.assessment.pinned_result = None
    assert plan_summary(share, fetched) is None  # a result never kept: nothing to show
