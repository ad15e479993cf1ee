"""Saving and removing self-assessments: the writes that span several models."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from roles.models import Role

from .models import Assessment, SkillRating


@transaction.atomic
def save_assessment(
    *,
    target: Role,
    situation: str,
    current_role: Role | None,
    degree_level: str,
    degree_field: str,
    experience_months: dict[str, int],
    circumstances: list[str],
    preferred_sector: str,
    preferred_scale: int | None,
    ratings: dict[int, int],
    language: str,
) -> Assessment:
    """Validate, then store one person's answers with their skill ratings, all or nothing."""
    assessment = Assessment(
        target_role=target,
        situation=situation,
        current_role=current_role,
        degree_level=degree_level,
        degree_field=degree_field,
        preferred_sector=preferred_sector,
        preferred_scale=preferred_scale,
        language=language,
        experience_months=experience_months,
        circumstances=circumstances,
        consent=True,
    )
    # The form checked the choices; the model checks its own invariants without a query per relation.
    assessment.full_clean(exclude={"target_role", "current_role"}, validate_unique=False, validate_constraints=False)
    assessment.save()
    SkillRating.objects.bulk_create(
        SkillRating(assessment=assessment, skill_id=skill_id, level=level) for skill_id, level in ratings.items()
    )
    return assessment


def purge_assessments(*, older_than_days: int) -> int:
    """Delete assessments created more than `older_than_days` days ago; returns how many."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    _total, per_model = Assessment.objects.filter(created_at__lt=cutoff).delete()
    return per_model.get(Assessment._meta.label, 0)
