"""plans.pages, called directly: what a plan's pages show, made from the plan in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from plans import progress
from plans.models import Comment, Plan, Progress, Reading, Share, StepNote
from plans.pages import GapState, get_plan, plan_page, plan_summary, reading_label
from tests.factories import make_plan, plan_url
from tests.html import page_of, text_of

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
        f"« {gap.action.skill.name} » noté 4",
        f"Fait : étape 1, {page.steps[0].row.title}",
    ]
    assert page.history.first.total == page.result.total and page.history.last.total == plan.total
    unknown = Reading(change=Reading.Change.UNDONE, item="step-42")
    assert reading_label(unknown, {}) == "Décoché : step-42"


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


IN_ROLE = {"position": "operations-manager", "role_years": "1", "still_in_role": "yes"}


def begun_months_ago(plan: Plan, months: int) -> None:
    Plan.objects.filter(pk=plan.pk).update(created_at=timezone.now() - timedelta(days=round(months * 30.5) + 1))
    plan.refresh_from_db()


@pytest.mark.parametrize("lang", ["", "/en"])
def test_the_route_now_is_not_shown_while_it_is_the_route_chosen(client, content, lang):
    plan = make_plan(client, **IN_ROLE)
    page = plan_page(get_plan(plan.pk))
    assert page.route_now == page.route and page.route_change is None
    html = page_of(client.get(plan_url(plan, lang)))
    assert not html.select(".plan-route-change")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "",
            "Votre parcours a changé depuis le début du plan : le temps estimé est maintenant de {now} "
            "(au lieu de {before} pour les étapes pas encore cochées).",
        ),
        (
            "/en",
            "Your route has changed since the plan began: the estimated time is now {now} "
            "(instead of {before} for the steps not ticked yet).",
        ),
    ],
)
def test_time_served_since_the_plan_began_shortens_the_route_shown_beside_the_chosen_one(client, content, lang, said):
    plan = make_plan(client, **IN_ROLE)
    begun_months_ago(plan, 18)
    skill = next(state.gap.action for state in plan_page(get_plan(plan.pk)).gaps if state.is_skill)
    tick(plan, progress.rating_key(skill.skill.slug), progress.rating_effect(skill.skill.pk, skill.rating))  # the same level
    plan.refresh_from_db()
    with translation.override(lang.strip("/") or "fr"):
        change = plan_page(get_plan(plan.pk)).route_change
        time_to_ready = plan.time_to_ready
    assert change.time_changed and not change.steps_changed  # the same steps, 18 months further on
    html = page_of(client.get(plan_url(plan, lang)))
    assert text_of(html.select_one(".route-change-summary")) == said.format(now=change.time_now, before=change.time_left)
    assert f"{time_to_ready}," in text_of(html.select_one(".time-to-ready"))
    assert len(html.select(".route-now > ol > li")) == len(change.now.rows)
    assert len(html.select(".route-left li")) == len(change.left)
    # Every step ticked: the time the engine finds still left is said as such.
    for state in plan_page(get_plan(plan.pk)).steps:
        tick(plan, state.step.key, {})
    with translation.override(lang.strip("/") or "fr"):
        ticked = plan_page(get_plan(plan.pk)).route_change
    assert ticked.left == [] and ticked.time_now in ticked.summary
    assert "tout de suite" not in ticked.summary and "right away" not in ticked.summary


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("", "les étapes avant le poste visé sont maintenant : "),
        ("/en", "the steps before the role you aim at are now: "),
    ],
)
def test_a_route_through_other_steps_is_shown_beside_the_chosen_one_saying_which(client, content, lang, said):
    plan = make_plan(client)
    page = plan_page(get_plan(plan.pk))
    role_step = next(state.step for state in page.steps if state.row.kind == "role")
    long_ago = timezone.localdate() - timedelta(days=400)
    progress.mark_done(plan, page.saved_answers, role_step.key, progress.step_effect(role_step, page.result.target.pk), long_ago)
    for state in page.gaps:
        if not state.is_skill:  # the experience the target asks: the steps between are no longer needed
            tick(plan, state.gap.key, progress.gap_effect(state.gap))
    with translation.override(lang.strip("/") or "fr"):
        change = plan_page(get_plan(plan.pk)).route_change
    assert change.steps_changed
    summary = text_of(page_of(client.get(plan_url(plan, lang))).select_one(".route-change-summary"))
    assert said in summary
    for row in change.left:
        if row.kind not in ("start", "target"):
            assert row.title in summary
