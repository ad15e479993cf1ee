"""Progress on a plan: what can be ticked, what each tick changes in the person's answers, and the readiness
those answers give.

The saved answers never change. A plan's answers are the saved ones with every tick and re-rating
applied in the order they were recorded, and the time since the plan began counted as time served
(`answers_now`). After each change the plan re-plans: the same engine as the result page measures
those answers, its score, band, time to ready and quickest route are kept (`record_readiness`), and
the plan shows the numbers as they were computed, the new route beside the one the person chose.
"""

from dataclasses import dataclass, replace
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import TypeAdapter, ValidationError

from pathways.assessments import Answers
from pathways.catalogue import evaluate_for
from pathways.models import MAX_EXPERIENCE_MONTHS, Situation
from pathways.presentation import ExperienceAction, ResultView, RouteStep, RouteView, SkillAction, pin
from pathways.why import Reason, why_answers_moved_nothing
from roles.models import MAX_LEVEL, Degree, Role

from .models import Plan, Progress, Reading


class ProgressError(ValueError):
    """A tick or a rating this plan cannot take; the message is for the person, in their language."""


@dataclass(frozen=True)
class Step:
    """A step of the chosen route, as an item of the plan to tick."""

    number: int  # as the route's list numbers it
    row: RouteStep

    @property
    def key(self) -> str:
        return f"step-{self.number}"


@dataclass(frozen=True)
class SkillGapItem:
    """A skill gap of the saved result (`scoring.SkillGap` as presented), as an item of the plan to tick."""

    action: SkillAction

    @property
    def key(self) -> str:
        return f"skill-{self.action.skill.slug}"


@dataclass(frozen=True)
class ExperienceGapItem:
    """Experience the saved result found missing in one area, as an item of the plan to tick."""

    action: ExperienceAction

    @property
    def key(self) -> str:
        return f"experience-{self.action.area}"


def rating_key(skill_slug: str) -> str:
    return f"rating-{skill_slug}"


def chosen_route(result: ResultView, anchor: str) -> RouteView | None:
    return next((route for route in routes_of(result) if route.anchor == anchor), None)


def routes_of(result: ResultView) -> list[RouteView]:
    return [route for route in (result.best, *result.alternatives) if route is not None]


def steps_of(route: RouteView) -> list[Step]:
    return [Step(number, row) for number, row in enumerate(route.rows, 1)]


def gaps_of(result: ResultView) -> list[SkillGapItem | ExperienceGapItem]:
    """The gaps of the saved result, skills first (biggest effect on the score first), then experience."""
    return [*(SkillGapItem(gap) for gap in result.gaps), *(ExperienceGapItem(action) for action in result.experience_missing)]


def experience_effect(actions: list[ExperienceAction]) -> dict[str, int]:
    return {action.area: action.months for action in actions}


def step_effect(step: Step, target_pk: int) -> dict:
    """What holding or finishing a step adds to the answers: the experience it was to give; the degree it was
    to obtain; the role it was to lead to. Skills are not assumed: the person re-rates them."""
    row = step.row
    effect: dict = {}
    if row.experience:
        effect["experience"] = experience_effect(row.experience)
    if row.kind == "degree":
        degree = Degree.objects.filter(pk=row.degree.pk).values_list("level", "field").first()
        if degree is None:
            raise ProgressError(_("Ce diplôme n’est plus dans nos contenus : notez plutôt ce que vous avez obtenu."))
        effect["degree"] = list(degree)
    elif row.kind == "role" and row.role:
        effect["role"] = row.role.pk
    elif row.kind == "target":
        effect["role"] = target_pk
    return effect


def gap_effect(gap: SkillGapItem | ExperienceGapItem) -> dict:
    if isinstance(gap, SkillGapItem):
        return {"ratings": {str(gap.action.skill.pk): gap.action.required}}
    return {"experience": {gap.action.area: gap.action.months}}


def rating_effect(skill_pk: int, level: int) -> dict:
    if not 0 <= level <= MAX_LEVEL:
        raise ProgressError(_("Choisissez un niveau entre 0 et %(most)s.") % {"most": MAX_LEVEL})
    return {"ratings": {str(skill_pk): level}}


def ratings_after(ratings: dict[int, int], progress: list[Progress]) -> dict[int, int]:
    """Skill levels after the plan's gaps closed and skills re-rated, the latest recorded last."""
    ratings = dict(ratings)
    for entry in progress:
        for skill_id, level in entry.effect.get("ratings", {}).items():
            ratings[int(skill_id)] = level
    return ratings


def experience_gained(progress: list[Progress]) -> dict[str, int]:
    """Months of experience the plan's steps and gaps done have added, by area."""
    gained: dict[str, int] = {}
    for entry in progress:
        for area, months in entry.effect.get("experience", {}).items():
            gained[area] = gained.get(area, 0) + months
    return gained


def whole_months(since: date, until: date) -> int:
    """Whole months from one day to another, none when the second is not later: 15 January to 14 March is one."""
    months = (until.year - since.year) * 12 + until.month - since.month - (until.day < since.day)
    return max(0, months)


def time_in_role(answers: Answers, role_change: Progress | None, began: date, on: date) -> tuple[int | None, int | None]:
    """The current role's time on the day `on` (months held, months since leaving it), as `Answers` keeps them.

    A role a ticked step led to has been held since the day that step was done, and is held still. Otherwise the
    role is the saved answers' one, as when the plan began, and the whole months since then count: as time
    served while the person holds it, as time since leaving it when they had left it."""
    if role_change is not None:
        return min(MAX_EXPERIENCE_MONTHS, whole_months(role_change.done_on, on)), None
    elapsed = whole_months(began, on)
    if answers.current_role is None or answers.situation != Situation.ROLE or not elapsed:
        return answers.months_in_role, answers.months_since_left
    if answers.months_since_left is not None:
        return answers.months_in_role, min(MAX_EXPERIENCE_MONTHS, answers.months_since_left + elapsed)
    return min(MAX_EXPERIENCE_MONTHS, (answers.months_in_role or 0) + elapsed), None


def answers_now(answers: Answers, progress: list[Progress], began: date | None = None, on: date | None = None) -> Answers:
    """The saved answers with every change of the plan applied, in the order they were recorded, as they stand
    on the day `on` (today unless told) of a plan begun on the day `began` (`on` unless told)."""
    on = on or timezone.localdate()
    experience = dict(answers.experience_months)
    for area, months in experience_gained(progress).items():
        experience[area] = min(MAX_EXPERIENCE_MONTHS, experience.get(area, 0) + months)
    degree = (answers.degree_level, answers.degree_field)
    role_ids = {entry.effect["role"] for entry in progress if "role" in entry.effect}
    roles = Role.objects.in_bulk(role_ids) if role_ids else {}
    current_role, situation, role_change = answers.current_role, answers.situation, None
    for entry in progress:
        effect = entry.effect
        if "degree" in effect:
            degree = tuple(effect["degree"])
        if effect.get("role") in roles:
            current_role, situation, role_change = roles[effect["role"]], Situation.ROLE.value, entry
    months_in_role, months_since_left = time_in_role(answers, role_change, began or on, on)
    return replace(
        answers,
        ratings=ratings_after(answers.ratings, progress),
        experience_months=experience,
        degree_level=degree[0],
        degree_field=degree[1],
        current_role=current_role,
        situation=situation,
        months_in_role=months_in_role,
        months_since_left=months_since_left,
    )


ROUTE_ADAPTER = TypeAdapter(RouteView)


def pinned_route(pinned_result: dict) -> dict:
    """The quickest route of a pinned result, in every language it was pinned in; {} when there is none."""
    return {language: view["best"] for language, view in pinned_result["views"].items() if view["best"] is not None}


def unpin_route(pinned: dict | None, language: str) -> RouteView | None:
    """The route `pinned_route` kept, in `language`; None when none was kept, or in a shape no longer read."""
    if not pinned or language not in pinned:
        return None
    try:
        return ROUTE_ADAPTER.validate_python(pinned[language])
    except ValidationError:
        return None


def measured_on(plan: Plan) -> date:
    """The day of the plan's latest measure: the day its answers are read on."""
    return timezone.localdate(plan.updated_at)


def record_readiness(
    plan: Plan, answers: Answers, change: str = Reading.Change.START, item: str = "", level: int | None = None
) -> Reading:
    """Re-plan: measure the saved `answers` with the plan's progress applied as they stand today, with the result
    page's engine and today's content; keep the score, band, time to ready and quickest route on the plan, and
    the numbers in its history. The route chosen stays the one the plan ticks; the new one is shown beside it."""
    now = timezone.now()
    plan.updated_at = now
    current = answers_now(answers, progress_of(plan), timezone.localdate(plan.created_at), measured_on(plan))
    profile = current.profile()
    evaluation = evaluate_for(profile, current.target.pk)
    low, high = evaluation.months_to_ready or (None, None)
    plan.total, plan.band, plan.min_months, plan.max_months = evaluation.target.total, evaluation.band or "", low, high
    plan.route_now = pinned_route(pin(evaluation, profile, current.target)) if evaluation.routes.best else {}
    plan.save(update_fields=["total", "band", "min_months", "max_months", "route_now", "updated_at"])
    return Reading.objects.create(
        plan=plan,
        recorded_at=now,
        total=plan.total,
        band=plan.band,
        min_months=low,
        max_months=high,
        change=change,
        item=item,
        level=level,
    )


def numbers_of(plan: Plan) -> tuple:
    """What a change may move: the score, the band and the time left."""
    return plan.total, plan.band, plan.min_months, plan.max_months


def why_nothing_moved(plan: Plan, answers: Answers, before: Answers, numbers_before: tuple) -> list[Reason]:
    """After a change to the plan, why its score, band and time are those `numbers_before` gave (empty when they
    moved): `before` are the plan's answers before the change, `answers` the saved ones."""
    if numbers_of(plan) != numbers_before:
        return []
    return why_answers_moved_nothing(before.ratings, answers_now(answers, progress_of(plan)))


def check_done_on(done_on: date) -> None:
    """Any day up to today: the day is the person's record of when they did it."""
    if done_on > timezone.localdate():
        raise ProgressError(_("Cette date est dans le futur : cochez une étape une fois faite."))


def progress_of(plan: Plan) -> list[Progress]:
    """Read afresh: the plan's prefetched progress is from before the change."""
    return list(Progress.objects.filter(plan=plan))


@transaction.atomic
def mark_done(plan: Plan, answers: Answers, key: str, effect: dict, done_on: date) -> Reading:
    """Tick one step or gap, or re-rate a skill (again: its date and effect are replaced), then measure."""
    check_done_on(done_on)
    Progress.objects.update_or_create(
        plan=plan, item=key, defaults={"done_on": done_on, "effect": effect, "recorded_at": timezone.now()}
    )
    level = next(iter(effect["ratings"].values())) if key.startswith("rating-") else None
    return record_readiness(plan, answers, Reading.Change.DONE, key, level)


@transaction.atomic
def undo(plan: Plan, answers: Answers, key: str) -> Reading | None:
    deleted, _per_model = Progress.objects.filter(plan=plan, item=key).delete()
    if not deleted:
        return None
    return record_readiness(plan, answers, Reading.Change.UNDONE, key)


@transaction.atomic
def start_plan(answers: Answers, assessment, route: RouteView) -> Plan:
    """Make one route of a saved result the person's plan; choosing another route later keeps the gaps
    closed and the skills re-rated, and drops the ticks on the old route's steps."""
    plan, created = Plan.objects.get_or_create(assessment=assessment, defaults={"route": route.anchor})
    if not created and plan.route != route.anchor:
        plan.route = route.anchor
        plan.save(update_fields=["route"])
        plan.progress.filter(item__startswith="step-").delete()
        plan.notes.all().delete()
        plan.comments.all().delete()
    elif not created:
        return plan
    record_readiness(plan, answers)
    return plan
