"""A person's answers, and the writes that span several models: saving them with their result, removing them."""

import hashlib
from collections.abc import Collection, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from careerpath.cache import PAGE_TIMEOUT, versioned_key
from careerpath.fields import Packed, pack
from roles.models import Role

from .catalogue import evaluate_for, profile_from
from .evaluation import Evaluation
from .models import Assessment
from .presentation import ResultView, pin, present
from .scoring import Profile


def degree_part_missing(level: str | None, field: str | None) -> str | None:
    """A degree is given whole, its level with its field, or not at all: the half missing ("degree_level"
    or "degree_field"), None when the degree is whole or absent. The assessment form and the API check
    it here; the database holds it too (Assessment's `assessment_degree_has_field` constraint)."""
    if level and not field:
        return "degree_field"
    if field and not level:
        return "degree_level"
    return None


@dataclass(frozen=True)
class Answers:
    """What a person answered: from the assessment form, from the what-if form, or read back from a saved
    assessment."""

    target: Role  # fetched with `Role.objects.with_skills()`
    situation: str
    current_role: Role | None
    degree_level: str
    degree_field: str
    experience_months: dict[str, int]  # areas with none left out
    circumstances: list[str]
    preferred_sector: str
    preferred_scale: int | None
    ratings: dict[int, int]  # skill id → level; a skill left out is not assessed
    # The current role's time: months held (or held before leaving), None when not asked (no role of ours, or
    # saved before it was asked); months since leaving it, None while the person still holds it.
    months_in_role: int | None = None
    months_since_left: int | None = None

    @classmethod
    def of(cls, assessment: Assessment, target: Role) -> "Answers":
        """Needs the assessment's current role selected."""
        return cls(
            target=target,
            situation=assessment.situation,
            current_role=assessment.current_role,
            degree_level=assessment.degree_level,
            degree_field=assessment.degree_field,
            experience_months=dict(assessment.experience_months),
            circumstances=list(assessment.circumstances),
            preferred_sector=assessment.preferred_sector,
            preferred_scale=assessment.preferred_scale,
            ratings=assessment.skill_levels(),
            months_in_role=assessment.months_in_role,
            months_since_left=assessment.months_since_left,
        )

    def profile(self) -> Profile:
        return profile_from(
            ratings=self.ratings,
            degree_level=self.degree_level,
            degree_field=self.degree_field,
            experience=self.experience_months,
            sector=self.preferred_sector,
            scale=self.preferred_scale,
            current_role_id=self.current_role.pk if self.current_role else None,
            circumstances=self.circumstances,
            months_in_role=self.months_in_role or 0,
            months_since_left=self.months_since_left,
        )

    def result(self) -> ResultView:
        """The result with today's content, in the active language."""
        profile = self.profile()
        return kept_result("result-view", profile, self.target.pk, get_language(), lambda: present(*self.evaluated(profile)))

    def pinned_result(self) -> Packed:
        """The result with today's content in every language, to keep as it is (`Assessment.pinned_result`), packed
        once for every save of the same answers."""
        profile = self.profile()
        return Packed(kept_result("result-packed", profile, self.target.pk, "", lambda: pack(pin(*self.evaluated(profile)))))

    def evaluated(self, profile: Profile) -> tuple[Evaluation, Profile, Role]:
        return evaluate_for(profile, self.target.pk), profile, self.target


def kept_result(name: str, profile: Profile, target_id: int, language: str, make):
    """What `make` gives for these answers, kept in the cache (shared by every process) until the content changes:
    the same answers tried again on the what-if page, or saved after being tried, are not computed again."""
    answers = hashlib.sha256(repr(profile.key).encode()).hexdigest()
    key = versioned_key(name, target_id, language, answers)
    if (kept := cache.get(key)) is None:
        kept = make()
        cache.set(key, kept, PAGE_TIMEOUT)
    return kept


def save_assessment(answers: Answers, *, language: str, revises: Assessment | None = None) -> Assessment:
    """Validate, then store one person's answers with their skill ratings and the result they give today, all or
    nothing: one row, which its INSERT writes whole. A version of other answers is saved in one transaction with the
    count of that one's revision (pathways/apps.py); a first one needs none, and saves the two round trips."""
    assessment = Assessment(
        target_role=answers.target,
        situation=answers.situation,
        current_role=answers.current_role,
        degree_level=answers.degree_level,
        degree_field=answers.degree_field,
        preferred_sector=answers.preferred_sector,
        preferred_scale=answers.preferred_scale,
        language=language,
        experience_months=answers.experience_months,
        circumstances=answers.circumstances,
        months_in_role=answers.months_in_role,
        months_since_left=answers.months_since_left,
        consent=True,
        ratings={str(skill_id): level for skill_id, level in answers.ratings.items()},
        revises=revises,
        pinned_result=answers.pinned_result() if answers.target.is_published else None,
    )
    # The form checked the choices; the model checks its own invariants without a query per relation.
    assessment.full_clean(exclude={"target_role", "current_role", "revises"}, validate_unique=False, validate_constraints=False)
    with transaction.atomic() if revises else nullcontext():
        assessment.save()
    return assessment


IDS_PER_QUERY = 500  # ids one query names at most: well under what SQLite and PostgreSQL accept


def in_batches(ids: Collection[UUID]) -> Iterable[list[UUID]]:
    ordered = sorted(ids)
    return (ordered[start : start + IDS_PER_QUERY] for start in range(0, len(ordered), IDS_PER_QUERY))


def linked_versions(start: Iterable[UUID], *, within: QuerySet[Assessment] | None = None) -> set[UUID]:
    """The ids of these assessments and of every version linked to them through `revises`, either way and step
    by step (the one it revises, those revising it, theirs...), among `within` (every assessment by default;
    the start must be among them).

    One query per generation away from the start (per IDS_PER_QUERY ids of it). It ends: each round asks only
    about the ids found in the round before and never seen, so no id is asked about twice, even around a
    cycle (the site never makes one, as a version is saved after the one it revises, but nothing in the
    database forbids it), and there are finitely many ids."""
    within = Assessment.objects.all() if within is None else within
    found: set[UUID] = set()
    frontier = set(start)
    while frontier:
        found |= frontier
        neighbours: set[UUID] = set()
        for batch in in_batches(frontier):
            linked = within.filter(Q(revises__in=batch) | Q(revisions__in=batch))
            neighbours.update(linked.values_list("pk", flat=True))
        frontier = neighbours - found
    return found


def versions_of(assessment: Assessment) -> set[UUID]:
    """Every version of this person's answers: the chain of results saved from one another, this one
    included. Deleting a result deletes all of it (`delete_assessments`), as the purge does
    (`purge_assessments`)."""
    return linked_versions([assessment.pk])


@dataclass(frozen=True)
class Holdings:
    """What deleting a chain of versions removes, as the person is told before they confirm."""

    versions: int
    plans: int
    shares: int


def holdings_of(versions: Collection[UUID]) -> Holdings:
    """What a chain of versions holds, counted in one query (per IDS_PER_QUERY versions)."""
    plans = shares = 0
    for batch in in_batches(versions):
        # The plans app's rows, counted through their relations to Assessment, which pathways may name.
        counts = Assessment.objects.filter(pk__in=batch).aggregate(
            plans=Count("plan", distinct=True), shares=Count("plan__shares", distinct=True)
        )
        plans, shares = plans + counts["plans"], shares + counts["shares"]
    return Holdings(versions=len(versions), plans=plans, shares=shares)


@transaction.atomic
def delete_assessments(ids: Collection[UUID]) -> int:
    """Delete these assessments with their ratings, their plans and all the plans hold (ticks, readings, notes,
    shares, comments); returns how many assessments. Their pages leave the cache with them (pathways/apps.py).
    All or nothing."""
    removed = 0
    for batch in in_batches(ids):
        _total, per_model = Assessment.objects.filter(pk__in=batch).delete()
        removed += per_model.get(Assessment._meta.label, 0)
    return removed


def purge_assessments(*, older_than_days: int) -> int:
    """Delete the chains of versions (`versions_of`) that nobody used within `older_than_days` days, whole, with
    all they hold; returns how many assessments.

    A version is unused when it was created before then and has no plan, or a plan that has not moved on
    (`Plan.updated_at`) since. A chain goes only when every version of it is unused: one version saved or one
    plan worked on within the period keeps the whole chain, the oldest versions with it, since they are the
    same person's answers and the newer pages link to them."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    in_use = Q(created_at__gte=cutoff) | Q(plan__updated_at__gte=cutoff)
    unused = Assessment.objects.exclude(in_use)
    # The unused versions next to a used one, then every unused version linked to those: their chains stay.
    used = Assessment.objects.filter(in_use).values("pk")
    next_to_used = unused.filter(Q(revises__in=used) | Q(revisions__in=used)).values_list("pk", flat=True)
    with transaction.atomic():
        kept = linked_versions(set(next_to_used), within=unused)
        return delete_assessments(set(unused.values_list("pk", flat=True)) - kept)
