"""Every ESCO occupation's nearest occupations by their skills, computed from the database (`roles.similarity`) and
written whole: the neighbours replaced in one transaction, the thresholds kept beside them."""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from django.db import transaction

from careerpath.cache import renew_content_version

from . import similarity
from .models import Importance, Neighbour, NeighbourCalibration, Origin, Role, RoleSkill, Skill, Source, Viability

NEIGHBOURS = 20  # kept per occupation
BATCH_SIZE = 2000


@dataclass(frozen=True)
class Outcome:
    occupations: int
    neighbours: int
    thresholds: similarity.Thresholds
    seconds: float


def esco_occupations():
    """The occupations compared: ESCO's, imported (and possibly edited since); never the team's own roles."""
    return Role.objects.exclude(origin=Origin.WRITTEN).exclude(esco_uri=None)


def compute_neighbours(*, count: int = NEIGHBOURS, on_phase: Callable[[str], None] = lambda phase: None) -> Outcome:
    """Compare every ESCO occupation with every other, recalibrate the thresholds on them, and replace every
    occupation's neighbours with its `count` nearest; renews the content version so cached pages show them."""
    started = time.perf_counter()
    on_phase("reading")
    occupations, skill_pks, profiles = read_profiles()
    on_phase("comparing")
    scores = similarity.combined_similarity(profiles)
    thresholds = similarity.calibrate(
        scores,
        [isco for _pk, isco, _code in occupations],
        [similarity.broad_group(code) for _pk, _isco, code in occupations],
    )
    destinations, best = similarity.nearest(scores, count)
    del scores
    on_phase("writing")
    role_pks = [pk for pk, _isco, _code in occupations]
    neighbours = list(neighbour_rows(role_pks, skill_pks, profiles, destinations, best, thresholds))
    with transaction.atomic():
        Neighbour.objects.all().delete()
        Neighbour.objects.bulk_create(neighbours, batch_size=BATCH_SIZE)
        NeighbourCalibration.objects.create(
            occupations=len(occupations),
            viable=thresholds.viable,
            highly_viable=thresholds.highly_viable,
            unit_groups=thresholds.unit_groups,
            broad_groups=thresholds.broad_groups,
            source=Source.objects.filter(file_name__startswith="esco-v", roles__in=esco_occupations())
            .distinct()
            .order_by("-pk")
            .first(),
        )
        renew_content_version()
    return Outcome(len(occupations), len(neighbours), thresholds, time.perf_counter() - started)


def compare(origin_pks: Iterable[int], destination_pks: Iterable[int]) -> dict[tuple[int, int], Neighbour]:
    """The comparison of each origin with each destination (unsaved neighbour rows, rank 0), measured and graded as
    `compute_neighbours` does, from these occupations alone: a pair's score depends on its two occupations only.
    For the few pairs a page needs beyond the nearest kept; none before the thresholds are calibrated."""
    calibration = NeighbourCalibration.objects.first()
    origins, destinations = list(origin_pks), list(destination_pks)
    if calibration is None or not origins or not destinations:
        return {}
    thresholds = similarity.Thresholds(calibration.viable, calibration.highly_viable, None, None, 0, 0)
    occupations, skill_pks, profiles = read_profiles(esco_occupations().filter(pk__in={*origins, *destinations}))
    row_of = {pk: row for row, (pk, _isco, _code) in enumerate(occupations)}
    scores = similarity.combined_similarity(profiles)
    compared = {}
    for origin in origins:
        has = set(profiles.every.row(row_of[origin]).tolist()) if origin in row_of else set()
        for destination in destinations:
            if origin not in row_of or destination not in row_of or origin == destination:
                continue
            score = float(scores[row_of[origin], row_of[destination]])
            needed = profiles.essential.row(row_of[destination]).tolist()
            compared[origin, destination] = Neighbour(
                origin_id=origin,
                destination_id=destination,
                rank=0,
                similarity=score,
                viability=Viability(similarity.viability(score, thresholds)),
                shared_essential=sorted(int(skill_pks[c]) for c in needed if c in has),
                to_gain=sorted(int(skill_pks[c]) for c in needed if c not in has),
            )
    return compared


def read_profiles(occupations=None) -> tuple[list[tuple[int, str, str]], np.ndarray, similarity.Profiles]:
    """The occupations (pk, ISCO code, ESCO code) in row order, the skill pk of each column, and their skills: every
    ESCO occupation's, or those of `occupations` (a queryset of them)."""
    # Every skill's column for the whole set; only the skills of `occupations` otherwise (a pair's score does not
    # depend on the columns no occupation compared has).
    skills = Skill.objects.all() if occupations is None else Skill.objects.filter(role_skills__role__in=occupations)
    compared = esco_occupations() if occupations is None else occupations
    occupations = list(compared.order_by("pk").values_list("pk", "isco_code", "esco_code"))
    row_of = {pk: row for row, (pk, _isco, _code) in enumerate(occupations)}
    groups = dict(skills.order_by("pk").distinct().values_list("pk", "hierarchy_group"))
    column_of = {pk: column for column, pk in enumerate(groups)}
    essential: list[list[int]] = [[] for _ in occupations]
    every: list[list[int]] = [[] for _ in occupations]
    for role_id, skill_id, importance in RoleSkill.objects.filter(role__in=compared).values_list(
        "role_id", "skill_id", "importance"
    ):
        every[row_of[role_id]].append(column_of[skill_id])
        if importance == Importance.ESSENTIAL:
            essential[row_of[role_id]].append(column_of[skill_id])
    profiles = similarity.Profiles(
        essential=similarity.SkillSets.of(essential, len(column_of)),
        every=similarity.SkillSets.of(every, len(column_of)),
        skill_groups=list(groups.values()),
    )
    return occupations, np.fromiter(groups, dtype=np.int64, count=len(groups)), profiles


def neighbour_rows(
    role_pks: list[int],
    skill_pks: np.ndarray,
    profiles: similarity.Profiles,
    destinations: np.ndarray,
    best: np.ndarray,
    thresholds: similarity.Thresholds,
) -> Iterator[Neighbour]:
    """Each origin's nearest, graded, with the destination's essential skills it has and those it lacks."""
    for origin, origin_pk in enumerate(role_pks):
        has = set(profiles.every.row(origin).tolist())
        for rank, (destination, score) in enumerate(zip(destinations[origin], best[origin], strict=True), start=1):
            if destination < 0:
                break
            needed = profiles.essential.row(destination).tolist()
            yield Neighbour(
                origin_id=origin_pk,
                destination_id=role_pks[destination],
                rank=rank,
                similarity=float(score),
                viability=Viability(similarity.viability(float(score), thresholds)),
                shared_essential=sorted(int(skill_pks[c]) for c in needed if c in has),
                to_gain=sorted(int(skill_pks[c]) for c in needed if c not in has),
            )
