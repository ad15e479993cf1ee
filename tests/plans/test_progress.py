"""plans.progress, called directly: what can be ticked, what each tick changes in the answers, and the
readiness and time left measured after each change."""

from dataclasses import replace
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from pathways.assessments import Answers
from pathways.catalogue import current_catalogue
from pathways.evaluation import evaluate
from pathways.models import MAX_EXPERIENCE_MONTHS
from pathways.results import get_assessment, saved_result
from plans import progress
from plans.models import Comment, Plan, Progress, Reading, StepNote
from plans.progress import ProgressError
from roles.models import Degree, Role
from tests.assessments import skill_fields, submit

pytestmark = pytest.mark.django_db


def read_back(client, **answers) -> SimpleNamespace:
    """A result saved through the form, read back as the plan pages read it: the answers as given, the result
    as kept, its quickest route and that route's steps."""
    pk = submit(client, **answers)["Location"].split("/")[-2]
    assessment = get_assessment(pk)
    answers = Answers.of(assessment, Role.objects.with_skills().get(pk=assessment.target_role_id))
    result = saved_result(assessment, answers)
    return SimpleNamespace(
        assessment=assessment, answers=answers, result=result, route=result.best, steps=progress.steps_of(result.best)
    )


@pytest.fixture
def saved(client, content):
    return read_back(client)


@pytest.fixture
def plan(saved):
    return progress.start_plan(saved.answers, saved.assessment, saved.route)


def numbered(steps, kind: str) -> progress.Step:
    return next(step for step in steps if step.row.kind == kind)


IN_ROLE = {"position": "operations-manager", "role_years": "1", "still_in_role": "yes"}


def engine(answers: Answers):
    """What the result page's engine says of these answers."""
    return evaluate(current_catalogue(), answers.profile(), answers.target.pk)


def measured(plan) -> tuple:
    plan.refresh_from_db()
    return plan.total, plan.band, plan.min_months, plan.max_months


def begun_months_ago(plan, months: int) -> None:
    Plan.objects.filter(pk=plan.pk).update(created_at=timezone.now() - timedelta(days=round(months * 30.5) + 1))
    plan.refresh_from_db()


def test_a_routes_steps_are_numbered_as_its_list_and_its_gaps_put_skills_first(saved):
    assert [step.number for step in saved.steps] == list(range(1, len(saved.route.rows) + 1))
    assert [step.key for step in saved.steps][:2] == ["step-1", "step-2"]
    gaps = progress.gaps_of(saved.result)
    kinds = [isinstance(gap, progress.SkillGapItem) for gap in gaps]
    assert kinds == sorted(kinds, reverse=True) and any(kinds) and not all(kinds)
    assert progress.routes_of(saved.result)[0] == saved.route
    assert progress.chosen_route(saved.result, saved.route.anchor) == saved.route
    assert progress.chosen_route(saved.result, "route-alt-99") is None


def test_starting_a_plan_measures_it_once_and_its_time_left_is_the_routes(saved, plan):
    assert plan.route == saved.route.anchor
    assert (plan.min_months, plan.max_months) == (
        sum(row.min_months for row in saved.route.rows),
        sum(row.max_months for row in saved.route.rows),
    )
    evaluation = engine(saved.answers)
    assert (plan.total, plan.band) == (evaluation.target.total, evaluation.band)
    assert (plan.min_months, plan.max_months) == evaluation.months_to_ready
    assert progress.unpin_route(plan.route_now, "fr") == saved.route  # nothing done yet: the route chosen is the quickest
    assert list(Reading.objects.values_list("change", flat=True)) == [Reading.Change.START]
    assert progress.start_plan(saved.answers, saved.assessment, saved.route) == plan
    assert Reading.objects.count() == 1


def test_each_kind_of_step_gives_what_it_leads_to(client, content):
    skilled = {name: 5 for name in skill_fields(client)}  # without a degree, the route goes through one
    saved = read_back(client, degree_level="", degree_field="", **skilled)
    role_step = numbered(saved.steps, "role")
    assert progress.step_effect(role_step, saved.answers.target.pk)["role"] == role_step.row.role.pk
    assert progress.step_effect(numbered(saved.steps, "target"), saved.answers.target.pk)["role"] == saved.answers.target.pk
    degree_step = numbered(saved.steps, "degree")
    degree = Degree.objects.get(pk=degree_step.row.degree.pk)
    assert progress.step_effect(degree_step, saved.answers.target.pk)["degree"] == [degree.level, degree.field]
    for step in saved.steps:
        effect = progress.step_effect(step, saved.answers.target.pk)
        assert effect.get("experience", {}) == {action.area: action.months for action in step.row.experience}
        assert "ratings" not in effect  # skills are re-rated by the person, never assumed
    gone = replace(degree_step, row=replace(degree_step.row, degree=replace(degree_step.row.degree, pk=0)))
    with pytest.raises(ProgressError):  # a degree no longer in the content
        progress.step_effect(gone, saved.answers.target.pk)


def test_a_gap_closed_gives_the_level_or_the_months_it_asked_and_a_rating_stays_within_the_scale(saved):
    gaps = progress.gaps_of(saved.result)
    skill = next(gap for gap in gaps if isinstance(gap, progress.SkillGapItem))
    experience = next(gap for gap in gaps if isinstance(gap, progress.ExperienceGapItem))
    assert progress.gap_effect(skill) == {"ratings": {str(skill.action.skill.pk): skill.action.required}}
    assert progress.gap_effect(experience) == {"experience": {experience.action.area: experience.action.months}}
    assert skill.key == f"skill-{skill.action.skill.slug}" and experience.key == f"experience-{experience.action.area}"
    assert progress.rating_effect(7, 5) == {"ratings": {"7": 5}}
    for level in (-1, 6):
        with pytest.raises(ProgressError):
            progress.rating_effect(7, level)


def test_the_answers_now_are_the_saved_ones_with_every_change_applied_in_order(saved):
    answers = saved.answers
    role = Role.objects.exclude(pk=answers.target.pk).first()
    today = timezone.localdate()
    changes = [
        Progress(item="step-2", done_on=today - timedelta(days=100), effect={"experience": {"operations": 12}, "role": role.pk}),
        Progress(item="skill-a", done_on=today, effect={"ratings": {"5": 3}}),
        Progress(item="rating-a", done_on=today, effect={"ratings": {"5": 4}}),  # recorded later: it wins
        Progress(
            item="step-3", done_on=today, effect={"experience": {"operations": MAX_EXPERIENCE_MONTHS}, "degree": ["master", "x"]}
        ),
    ]
    assert progress.ratings_after(answers.ratings, changes)[5] == 4
    assert progress.experience_gained(changes) == {"operations": 12 + MAX_EXPERIENCE_MONTHS}
    now = progress.answers_now(answers, changes)
    assert now.experience_months["operations"] == MAX_EXPERIENCE_MONTHS  # at most a working life
    assert (now.degree_level, now.degree_field) == ("master", "x")
    assert now.current_role == role and now.situation == "role"
    assert (now.months_in_role, now.months_since_left) == (3, None)  # held since the step was done, 100 days ago
    assert now.ratings[5] == 4
    assert progress.answers_now(answers, []) == answers
    assert answers.current_role is None and answers.situation == "student"  # the saved answers never change


@pytest.mark.parametrize(
    ("since", "until", "months"),
    [
        (date(2026, 1, 15), date(2026, 3, 14), 1),
        (date(2026, 1, 15), date(2026, 3, 15), 2),
        (date(2025, 11, 30), date(2026, 2, 28), 2),
        (date(2026, 3, 1), date(2026, 2, 1), 0),  # never negative
    ],
)
def test_whole_months_count_only_months_complete(since, until, months):
    assert progress.whole_months(since, until) == months


def test_the_time_since_the_plan_began_counts_as_time_served_in_the_role_held(client, content):
    saved = read_back(client, **IN_ROLE)
    answers = saved.answers
    assert (answers.current_role.slug, answers.months_in_role, answers.months_since_left) == ("operations-manager", 12, None)
    began, on = date(2025, 1, 10), date(2026, 7, 10)  # 18 months
    held = progress.answers_now(answers, [], began, on)
    assert (held.months_in_role, held.months_since_left) == (12 + 18, None)
    left = progress.answers_now(replace(answers, months_since_left=6), [], began, on)
    assert (left.months_in_role, left.months_since_left) == (12, 6 + 18)  # not held: its time since leaving grows
    student = read_back(client).answers
    assert progress.answers_now(student, [], began, on) == student  # no role: nothing to serve
    # A role a ticked step led to: held since that step was done, whatever the saved answers said of the one before.
    role = Role.objects.exclude(pk__in=[answers.target.pk, answers.current_role.pk]).first()
    moved = Progress(item="step-1", done_on=date(2026, 2, 1), effect={"role": role.pk})
    for before in (answers, replace(answers, months_since_left=30)):
        now = progress.answers_now(before, [moved], began, on)
        assert (now.current_role, now.months_in_role, now.months_since_left) == (role, 5, None)


def test_a_plan_begun_18_months_ago_in_the_same_role_counts_18_more_months_and_re_plans(client, content):
    saved = read_back(client, **IN_ROLE)
    plan = progress.start_plan(saved.answers, saved.assessment, saved.route)
    start = measured(plan)
    begun_months_ago(plan, 18)
    reading = progress.mark_done(plan, saved.answers, "step-1", {}, timezone.localdate())  # ticked: nothing else changes
    served = replace(saved.answers, months_in_role=12 + 18)
    evaluation = engine(served)
    assert measured(plan) == (evaluation.target.total, evaluation.band, *evaluation.months_to_ready)
    assert (reading.total, reading.band, reading.min_months, reading.max_months) == measured(plan)
    assert plan.max_months < start[3] and plan.min_months < start[2]  # the time served is behind the person
    assert progress.unpin_route(plan.route_now, "en").max_months == plan.max_months


def test_ticking_steps_and_closing_gaps_shortens_the_time_left_as_the_engine_reads_the_answers_now(saved, plan):
    before = measured(plan)
    assert before[3] == saved.route.max_months  # "3 to 8 years" and more: the route chosen
    long_ago = timezone.localdate() - timedelta(days=400)
    role_step = numbered(saved.steps, "role")
    reading = progress.mark_done(
        plan, saved.answers, role_step.key, progress.step_effect(role_step, saved.answers.target.pk), long_ago
    )
    assert (reading.change, reading.item, reading.level) == (Reading.Change.DONE, role_step.key, None)
    after_step = measured(plan)
    assert after_step[3] < before[3]  # a step done: its time is behind the person
    for gap in progress.gaps_of(saved.result):
        progress.mark_done(plan, saved.answers, gap.key, progress.gap_effect(gap), timezone.localdate())
        assert measured(plan)[3] <= after_step[3]  # each gap closed: never longer
    now = progress.answers_now(saved.answers, list(Progress.objects.filter(plan=plan)))
    evaluation = engine(now)
    assert measured(plan) == (evaluation.target.total, evaluation.band, *evaluation.months_to_ready)
    assert plan.total > before[0] and plan.max_months < after_step[3]
    assert Reading.objects.last().max_months == plan.max_months
    # Unticking every change measures the saved answers again.
    for entry in Progress.objects.all():
        progress.undo(plan, saved.answers, entry.item)
    assert measured(plan) == before
    assert progress.undo(plan, saved.answers, role_step.key) is None  # nothing left to undo


def test_a_re_rating_keeps_its_level_and_replaces_the_one_before(saved, plan):
    gap = next(gap for gap in progress.gaps_of(saved.result) if isinstance(gap, progress.SkillGapItem))
    key = progress.rating_key(gap.action.skill.slug)
    for level in (gap.action.rating + 1, gap.action.required):
        reading = progress.mark_done(
            plan, saved.answers, key, progress.rating_effect(gap.action.skill.pk, level), timezone.localdate()
        )
        assert reading.level == level
    assert Progress.objects.get().effect == {"ratings": {str(gap.action.skill.pk): gap.action.required}}


def test_a_day_in_the_future_is_refused_and_changes_nothing(saved, plan):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ProgressError):
        progress.mark_done(plan, saved.answers, "step-1", {}, tomorrow)
    assert not Progress.objects.exists() and Reading.objects.count() == 1
    progress.check_done_on(timezone.localdate() - timedelta(days=3650))  # any past day is the person's record


def test_choosing_another_route_keeps_the_gaps_and_drops_the_old_routes_steps(saved, plan):
    alternatives = progress.routes_of(saved.result)[1:]
    if not alternatives:
        pytest.skip("this profile has a single route")
    gap = progress.gaps_of(saved.result)[0]
    progress.mark_done(plan, saved.answers, gap.key, progress.gap_effect(gap), timezone.localdate())
    progress.mark_done(plan, saved.answers, "step-1", {}, timezone.localdate())
    StepNote.objects.create(plan=plan, step=1, text="note")
    progress.start_plan(saved.answers, saved.assessment, alternatives[0])
    plan.refresh_from_db()
    assert plan.route == alternatives[0].anchor
    assert list(Progress.objects.values_list("item", flat=True)) == [gap.key]
    assert not StepNote.objects.exists() and not Comment.objects.exists()
    assert Reading.objects.last().change == Reading.Change.START
