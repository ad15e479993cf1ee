"""What a plan's pages show, whoever reads them (`plans.access` says who may do what), on screen or in a PDF."""

from dataclasses import dataclass, field
from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from careerpath.labels import band_label, months_label, signed
from pathways import charts
from pathways.assessments import Answers
from pathways.forms import level_descriptions
from pathways.presentation import ResultView, RouteStep, RouteView, unpin
from pathways.results import saved_result
from roles.models import Role, Source

from .models import Comment, Plan, Progress, Reading, Share, StepNote
from .progress import (
    ExperienceGapItem,
    SkillGapItem,
    Step,
    answers_now,
    chosen_route,
    experience_gained,
    gaps_of,
    measured_on,
    rating_key,
    ratings_after,
    steps_of,
    unpin_route,
)

PLAN_PAGES = "plan"  # what the owner's plan page is kept under (careerpath.cache.keep_variant; plans/apps.py forgets it)


def get_plan(pk) -> Plan:
    return get_object_or_404(Plan.objects.with_everything(), pk=pk)


@dataclass
class StepState:
    step: Step
    done: Progress | None
    note: StepNote | None
    comments: list[Comment]

    @property
    def number(self) -> int:
        return self.step.number

    @property
    def row(self):
        return self.step.row


@dataclass
class GapState:
    gap: SkillGapItem | ExperienceGapItem
    done: Progress | None
    rating_now: int | None = None  # a skill's level as last rated
    months_gained: int = 0  # experience in the gap's area that the plan's steps done have added

    @property
    def closed(self) -> bool:
        """Ticked, re-rated up to the level asked, or its experience gained through the steps done."""
        if self.done:
            return True
        if isinstance(self.gap, SkillGapItem):
            return self.rating_now is not None and self.rating_now >= self.gap.action.required
        return self.months_gained >= self.gap.action.months

    @property
    def is_skill(self) -> bool:
        return isinstance(self.gap, SkillGapItem)


def ahead(rows: list[RouteStep]) -> list[RouteStep]:
    """The steps between where the person is and the target."""
    return [row for row in rows if row.kind not in ("start", "target")]


def what_it_opens(row: RouteStep) -> tuple:
    """A step by what it is, whatever the language and the time it takes."""
    return (row.kind, row.role.slug if row.role else None, row.degree.slug if row.degree else None)


def step_titles(rows: list[RouteStep]) -> str:
    return ", ".join(row.title for row in ahead(rows)) or str(_("aucune étape"))


@dataclass(frozen=True)
class RouteChange:
    """The chosen route's steps not yet done beside the quickest route from the plan's answers now (`Plan.route_now`):
    the steps each goes through before the target, and the time each still takes, as a person reads it."""

    left: list[RouteStep]  # the chosen route's steps not yet ticked
    now: RouteView

    @property
    def time_left(self) -> str:
        """The time the chosen route's steps not yet ticked take, as the saved result estimated each."""
        return months_label(sum(row.min_months for row in self.left), sum(row.max_months for row in self.left))

    @property
    def time_now(self) -> str:
        return months_label(self.now.min_months, self.now.max_months)

    @property
    def steps_changed(self) -> bool:
        return [what_it_opens(row) for row in ahead(self.left)] != [what_it_opens(row) for row in ahead(self.now.rows)]

    @property
    def time_changed(self) -> bool:
        return self.time_left != self.time_now

    @property
    def changed(self) -> bool:
        return self.steps_changed or self.time_changed

    @property
    def what_changed(self) -> list[str]:
        """What changed, in words, one clause a change."""
        said = []
        if self.steps_changed:
            said.append(
                _("les étapes avant le poste visé sont maintenant : %(now)s (au lieu de : %(before)s)")
                % {"now": step_titles(self.now.rows), "before": step_titles(self.left)}
            )
        if self.time_changed and not any(row.max_months for row in self.left):
            said.append(
                _("le temps estimé est maintenant de %(now)s, quand les étapes du parcours choisi sont toutes cochées")
                % {"now": self.time_now}
            )
        elif self.time_changed:
            said.append(
                _("le temps estimé est maintenant de %(now)s (au lieu de %(before)s pour les étapes pas encore cochées)")
                % {"now": self.time_now, "before": self.time_left}
            )
        return said

    @property
    def summary(self) -> str:
        return _("Votre parcours a changé depuis le début du plan : %(changes)s.") % {
            "changes": pgettext("between the items of a list", " ; ").join(self.what_changed)
        }


@dataclass
class PlanPage:
    plan: Plan
    result: ResultView  # the saved result, in the page's language
    route: RouteView
    steps: list[StepState]
    gaps: list[GapState]
    saved_answers: Answers  # as the person gave them: every change of the plan is applied to these again
    answers: Answers  # the saved answers with the plan's progress applied
    history: charts.ScoreHistory | None
    skills: list[tuple[str, str, int | None]] = field(default_factory=list)  # slug, name, level now
    sources: list[Source] = field(default_factory=list)  # what the target and the route's roles rest on
    route_now: RouteView | None = None  # the quickest route from the plan's answers at its latest measure

    @property
    def route_change(self) -> RouteChange | None:
        """The chosen route beside the quickest one now, when they differ in their steps or their time."""
        if self.route_now is None:
            return None
        change = RouteChange([state.row for state in self.steps if not state.done], self.route_now)
        return change if change.changed else None

    @property
    def skill_choices(self) -> list[tuple[str, str]]:
        return [(slug, name) for slug, name, _level in self.skills]

    def levels_in_words(self) -> dict[str, dict[int, str]]:
        """Skill slug → level → what a person at that level does, for each skill of the target (one query)."""
        ids = {rs.skill.slug: rs.skill_id for rs in self.saved_answers.target.role_skills.all()}
        described = level_descriptions(ids.values())
        return {slug: described[skill_id] for slug, skill_id in ids.items()}

    @property
    def route_steps(self) -> list[Step]:
        return [state.step for state in self.steps]

    @property
    def score_delta_label(self) -> str:
        if self.plan.total is None or self.result.total is None:
            return ""
        return signed(self.plan.total - self.result.total)

    @property
    def steps_done(self) -> int:
        return sum(1 for state in self.steps if state.done)

    @property
    def open_gaps(self) -> list[GapState]:
        return [state for state in self.gaps if not state.closed]

    def step(self, number: int) -> StepState | None:
        return next((state for state in self.steps if state.number == number), None)

    def item(self, key: str) -> Step | SkillGapItem | ExperienceGapItem | None:
        return next((thing for thing in (*(s.step for s in self.steps), *(g.gap for g in self.gaps)) if thing.key == key), None)


def plan_page(plan: Plan) -> PlanPage | None:
    """The plan as its pages show it, in the active language; None when its route is no longer in the
    saved result (it cannot happen unless a saved result had to be computed again)."""
    assessment = plan.assessment
    target = Role.objects.with_skills().get(pk=assessment.target_role_id)
    answers = Answers.of(assessment, target)
    result = saved_result(assessment, answers)
    route = chosen_route(result, plan.route) if result else None
    if route is None:
        return None
    progress = list(plan.progress.all())
    done = {entry.item: entry for entry in progress}
    now = answers_now(answers, progress, timezone.localdate(plan.created_at), measured_on(plan))
    notes = {note.step: note for note in plan.notes.all()}
    comments: dict[int, list[Comment]] = {}
    for comment in plan.comments.all():
        comments.setdefault(comment.step, []).append(comment)
    steps = [
        StepState(step, done.get(step.key), notes.get(step.number), comments.get(step.number, [])) for step in steps_of(route)
    ]
    gaps = gap_states(result, progress, now.ratings)
    skills = [
        (rs.skill.slug, rs.skill.name, now.ratings.get(rs.skill_id)) for rs in target.role_skills.all() if rs.required_level
    ]
    role_pks = {row.role.pk for row in route.rows if row.role} | {target.pk}
    sources = list(Source.objects.filter(roles__pk__in=role_pks).distinct().order_by("title"))
    history = score_history(plan, result, steps, gaps, skills)
    route_now = unpin_route(plan.route_now, get_language())
    return PlanPage(plan, result, route, steps, gaps, answers, now, history, skills, sources, route_now)


def gap_states(result: ResultView, progress: list[Progress], ratings: dict[int, int]) -> list[GapState]:
    """Each gap of the saved result with where the plan has brought it; `ratings`: the levels now."""
    done = {entry.item: entry for entry in progress}
    gained = experience_gained(progress)
    return [
        GapState(gap, done.get(gap.key), ratings.get(gap.action.skill.pk))
        if isinstance(gap, SkillGapItem)
        else GapState(gap, done.get(gap.key), months_gained=gained.get(gap.action.area, 0))
        for gap in gaps_of(result)
    ]


@dataclass
class PlanSummary:
    """A plan as a counsellor's list shows it: made from what `Plan.objects.with_everything()` fetched, no query more."""

    share: Share
    plan: Plan
    result: ResultView
    open_gaps: list[GapState]

    @property
    def last_progress(self) -> date | None:
        return max((entry.done_on for entry in self.plan.progress.all()), default=None)


def plan_summary(share: Share, plan: Plan) -> PlanSummary | None:
    result = unpin(plan.assessment.pinned_result, get_language())
    if result is None:
        return None
    progress = list(plan.progress.all())
    states = gap_states(result, progress, ratings_after(plan.assessment.skill_levels(), progress))
    return PlanSummary(share, plan, result, [state for state in states if not state.closed])


def reading_label(reading: Reading, names: dict[str, str]) -> str:
    """What changed before a measure, in words: "Fait : étape 2, …", "« Gestion des personnes » noté 4"."""
    if reading.change == Reading.Change.START:
        return str(Reading.Change.START.label)
    name = names.get(reading.item, reading.item)
    if reading.change == Reading.Change.DONE and reading.level is not None:
        return _("« %(skill)s » noté %(level)s") % {"skill": name, "level": reading.level}
    return f"{reading.get_change_display()}{pgettext('before what follows', ' : ')}{name}"


def score_history(
    plan: Plan, result: ResultView, steps: list[StepState], gaps: list[GapState], skills: list[tuple[str, str, int | None]]
) -> charts.ScoreHistory | None:
    """The saved result's score, then the score after each change of the plan, with what changed."""
    names = {
        state.step.key: _("étape %(number)s, %(title)s") % {"number": state.number, "title": state.row.title} for state in steps
    }
    names |= {
        state.gap.key: state.gap.action.skill.name if state.is_skill else str(state.gap.action.area_label) for state in gaps
    }
    names |= {rating_key(slug): name for slug, name, _level in skills}
    points = [
        (timezone.localdate(plan.assessment.created_at), result.total, result.band or "", result.band_label, _("Auto-évaluation"))
    ]
    points += [
        (
            timezone.localdate(reading.recorded_at),
            reading.total,
            reading.band,
            band_label(reading.band),
            reading_label(reading, names),
        )
        for reading in plan.readings.all()
    ]
    points = [point for point in points if point[1] is not None]
    return charts.score_history(points) if points else None
