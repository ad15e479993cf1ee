"""Occupations compared by their skills, the way Nesta's *Mapping Career Causeways* compared ESCO's occupations
(nestauk/mapping-career-causeways: `compare_nodes_utils.py`, the notebooks of `04_occupation_comparisons` and
`Transitions_01_Calibrate_viability_threshold`), on what this data has: skill sets and ESCO's skills hierarchy.

Plain functions on numpy arrays; rows and columns are occupations in one fixed order, similarity[i, j] is the move
from origin i to destination j (asymmetric where Nesta's is). The README says what is left out and why.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

# Nesta weighted four facets equally (codebase/configs/default_combined_similarity_params.yaml); work contexts come
# from O*NET, which we do not have, and Nesta's own rule for an occupation without them shares their quarter among
# the other three (transitions_utils.combine_similarity_measures): a third each.
WEIGHTS = {"essential": 1 / 3, "optional": 1 / 3, "activities": 1 / 3}
# Nesta's activity profiles count skills only, not knowledge, attitudes or transversal items: the "S" groups.
ACTIVITY_GROUP_PREFIX = "S"
# Nesta rounded each threshold to the first decimal.
THRESHOLD_DECIMALS = 2
BLOCK_ROWS = 256  # rows of a product made at once: bounds the memory of the pairs each block expands to


@dataclass(frozen=True)
class SkillSets:
    """Each occupation's set of skills, in compressed rows: row i's skills are indices[indptr[i]:indptr[i + 1]]."""

    indptr: np.ndarray
    indices: np.ndarray
    columns: int

    @classmethod
    def of(cls, rows: Sequence[Iterable[int]], columns: int) -> "SkillSets":
        sets = [np.unique(np.fromiter(row, dtype=np.int64)) for row in rows]
        indptr = np.zeros(len(sets) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in sets], out=indptr[1:])
        indices = np.concatenate(sets) if sets else np.zeros(0, dtype=np.int64)
        return cls(indptr, indices.astype(np.int64), columns)

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1

    def sizes(self) -> np.ndarray:
        return np.diff(self.indptr)

    def row(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def transposed(self) -> "SkillSets":
        """For each skill, the occupations that have it."""
        owners = np.repeat(np.arange(self.rows, dtype=np.int64), self.sizes())
        order = np.argsort(self.indices, kind="stable")
        indptr = np.zeros(self.columns + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.indices, minlength=self.columns), out=indptr[1:])
        return SkillSets(indptr, owners[order], self.rows)


@dataclass(frozen=True)
class Profiles:
    """What the measures read: each occupation's essential skills, all its skills (essential and optional), and the
    level-2 hierarchy group of each skill ("" when it has none)."""

    essential: SkillSets
    every: SkillSets
    skill_groups: Sequence[str]


@dataclass(frozen=True)
class Thresholds:
    viable: float
    highly_viable: float
    viable_unrounded: float | None  # mean minus one standard deviation, before rounding; None: nothing to calibrate on
    highly_viable_unrounded: float | None
    unit_groups: int  # ISCO unit groups with two occupations or more
    broad_groups: int  # broad ESCO groups (a level-5 occupation and its narrower ones) with two occupations or more


def shared_counts(origins: SkillSets, destinations: SkillSets) -> np.ndarray:
    """[i, j] = how many of destination j's skills origin i has: a sparse product made block by block."""
    by_skill = destinations.transposed()
    out = np.zeros((origins.rows, destinations.rows), dtype=np.float32)
    for start in range(0, origins.rows, BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, origins.rows)
        skills = origins.indices[origins.indptr[start] : origins.indptr[stop]]
        owner = np.repeat(np.arange(stop - start, dtype=np.int64), origins.sizes()[start:stop])
        holders = by_skill.indptr[skills + 1] - by_skill.indptr[skills]
        first = np.repeat(by_skill.indptr[skills] - np.cumsum(holders) + holders, holders)
        partner = by_skill.indices[first + np.arange(holders.sum(), dtype=np.int64)]
        pairs = np.repeat(owner, holders) * destinations.rows + partner
        out[start:stop] = np.bincount(pairs, minlength=(stop - start) * destinations.rows).reshape(
            stop - start, destinations.rows
        )
    return out


def overlap(origins: SkillSets, destination_essentials: SkillSets) -> np.ndarray:
    """The share of each destination's essential skills the origin has (Nesta's asymmetric overlap, with a skill
    matching only itself): divided by the destination's count. A destination without essential skills gets 0,
    as Nesta's did (their infinite values set to 0)."""
    needed = destination_essentials.sizes().astype(np.float32)
    shared = shared_counts(origins, destination_essentials)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(needed > 0, shared / needed, np.float32(0))
    return shares.astype(np.float32)


def activity_profiles(essential: SkillSets, skill_groups: Sequence[str]) -> np.ndarray:
    """Each occupation's count of essential skills in each level-2 skills group, as unit vectors (Nesta's work
    activity vectors); a row of zeros for an occupation none of whose essential skills has a group."""
    groups = sorted({g for g in skill_groups if g.startswith(ACTIVITY_GROUP_PREFIX)})
    column = {g: k for k, g in enumerate(groups)}
    of_skill = np.array([column.get(g, -1) for g in skill_groups] or [-1], dtype=np.int64)
    counts = np.zeros((essential.rows, max(len(groups), 1)), dtype=np.float64)
    owner = np.repeat(np.arange(essential.rows, dtype=np.int64), essential.sizes())
    group = of_skill[essential.indices] if len(essential.indices) else np.zeros(0, dtype=np.int64)
    kept = group >= 0
    np.add.at(counts, (owner[kept], group[kept]), 1)
    norms = np.linalg.norm(counts, axis=1, keepdims=True)
    return np.divide(counts, norms, out=np.zeros_like(counts), where=norms > 0)


def activity_similarity(profiles: np.ndarray) -> np.ndarray:
    """1 minus the Euclidean distance of two unit profiles over its range: Nesta scaled it by the smallest and
    largest distance in their data, 0 and √2 (two profiles with no group in common); the bound itself is used here,
    so a pair's score does not depend on the other occupations. NaN where either occupation has no profile."""
    cosine = (profiles @ profiles.T).astype(np.float32)
    distance = np.sqrt(np.clip(2 - 2 * cosine, 0, 2))
    similarity = 1 - distance / np.float32(np.sqrt(2))
    empty = ~profiles.any(axis=1)
    similarity[empty, :] = np.nan
    similarity[:, empty] = np.nan
    return similarity


def combined_similarity(profiles: Profiles, weights: dict[str, float] = WEIGHTS) -> np.ndarray:
    """Nesta's combined measure over the facets this data has: the overlap of essential skills, the origin's skills
    (all) against the destination's essential ones, and the activity profiles; where an occupation has no activity
    profile, its weight is shared among the others (Nesta's rule for a missing facet). The diagonal is 1."""
    essential = overlap(profiles.essential, profiles.essential)
    optional = overlap(profiles.every, profiles.essential)
    activities = activity_similarity(activity_profiles(profiles.essential, profiles.skill_groups))
    skills_only = weights["essential"] + weights["optional"]
    combined = np.where(
        np.isnan(activities),
        (weights["essential"] * essential + weights["optional"] * optional) / skills_only,
        weights["essential"] * essential + weights["optional"] * optional + weights["activities"] * activities,
    ).astype(np.float32)
    np.fill_diagonal(combined, 1)
    return np.clip(combined, 0, 1)


def within_group_threshold(similarity: np.ndarray, groups: Sequence[str]) -> tuple[float | None, int]:
    """Nesta's calibration: the average similarity of the moves within each group of two occupations or more (both
    ways, never to itself), then the mean of these averages minus one (population) standard deviation. Occupations
    with a blank group are in none. Returns (threshold or None when no group has two occupations, groups used)."""
    members: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        if group:
            members.setdefault(group, []).append(index)
    averages = []
    for indices in members.values():
        if len(indices) < 2:
            continue
        block = similarity[np.ix_(indices, indices)].astype(np.float64)
        averages.append((block.sum() - np.trace(block)) / (len(indices) * (len(indices) - 1)))
    if not averages:
        return None, 0
    return float(np.mean(averages) - np.std(averages)), len(averages)


def calibrate(similarity: np.ndarray, isco_codes: Sequence[str], broad_groups: Sequence[str]) -> Thresholds:
    """ "Viable" from the ISCO unit groups, "highly viable" from the broad ESCO groups (a level-5 occupation with
    its narrower ones), both rounded as Nesta did. Never below "viable": highly viable is a subset of viable. With
    nothing to calibrate on, a threshold is 1, which no move exceeds: nothing is called viable without evidence."""
    viable, unit_groups = within_group_threshold(similarity, isco_codes)
    highly, broad = within_group_threshold(similarity, broad_groups)
    viable_rounded = rounded(viable)
    highly_rounded = rounded(highly)
    return Thresholds(
        viable=viable_rounded,
        highly_viable=max(highly_rounded, viable_rounded),
        viable_unrounded=viable,
        highly_viable_unrounded=highly,
        unit_groups=unit_groups,
        broad_groups=broad,
    )


def rounded(threshold: float | None) -> float:
    """As Nesta rounded, within 0..1 (on sparse data the mean minus a deviation can fall below 0); 1 for none."""
    return 1.0 if threshold is None else min(max(round(threshold, THRESHOLD_DECIMALS), 0.0), 1.0) + 0.0


def broad_group(esco_code: str) -> str:
    """The broad ESCO group of an occupation from its ESCO code: 2654.1.7 and 2654.1 are both in 2654.1."""
    parts = esco_code.strip().split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 and all(parts[:2]) else ""


def nearest(similarity: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Each origin's `count` nearest destinations, nearest first (ties: the earlier row first), never itself nor a
    destination it shares nothing with. Returns (destinations, scores), -1 and 0 past an origin's last one."""
    scores = similarity.copy()
    np.fill_diagonal(scores, -1)
    width = min(count, max(scores.shape[1] - 1, 0))
    destinations = np.full((scores.shape[0], count), -1, dtype=np.int64)
    best = np.zeros((scores.shape[0], count), dtype=np.float32)
    if width == 0:
        return destinations, best
    candidates = np.argpartition(-scores, width - 1, axis=1)[:, :width]
    for i in range(scores.shape[0]):
        # argpartition cuts ties arbitrarily: take every destination tied with the last, then order them all.
        cut = scores[i, candidates[i]].min()
        tied = np.flatnonzero(scores[i] >= cut)
        order = np.lexsort((tied, -scores[i, tied]))[:width]
        chosen = tied[order]
        chosen = chosen[scores[i, chosen] > 0]
        destinations[i, : len(chosen)] = chosen
        best[i, : len(chosen)] = scores[i, chosen]
    return destinations, best


def viability(score: float, thresholds: Thresholds) -> str:
    """Nesta's categories: above the highly viable threshold, above the viable one, or neither."""
    if score > thresholds.highly_viable:
        return "highly-viable"
    if score > thresholds.viable:
        return "viable"
    return "less-viable"
