"""A synthetic catalogue the size of ESCO, for timing the scoring and the route finder."""

import random

from pathways.routes import Catalogue, Estimates, TransitionEdge
from pathways.scoring import DegreeOption, ExperienceStepNeed, Profile, RoleRequirements, SkillNeed

AREAS = ["operations", "people", "customer-service", "facilities", "business"]
FIELDS = ["business-management", "operations", "facilities", "business-administration", "engineering"]


def esco_sized_catalogue(roles=3000, skills=14000, links=130000, transitions=10000, seed=7) -> Catalogue:
    rng = random.Random(seed)
    per_role = links // roles
    requirements = {}
    for role_id in range(1, roles + 1):
        needs = tuple(
            SkillNeed(skill_id, rng.randint(1, 5), rng.random() < 0.6)
            for skill_id in rng.sample(range(1, skills + 1), per_role + (1 if role_id <= links % roles else 0))
        )
        degrees = tuple(
            DegreeOption(
                degree_id=d,
                rank=rng.choice([3, 5]),
                field=rng.choice(FIELDS),
                months=rng.choice([24, 36, 60]),
                typical=rng.random() < 0.7,
            )
            for d in range(rng.randint(0, 3))
        )
        steps = tuple(
            ExperienceStepNeed(
                area=rng.choice(AREAS),
                months=rng.randint(1, 60),
                sector=rng.choice(["both", "both", "production", "services"]),
                alternative=rng.random() < 0.05,
            )
            for _ in range(rng.randint(2, 8))
        )
        requirements[role_id] = RoleRequirements(role_id, needs, degrees, steps)
    # Moves go mostly up a rough ladder (role ids stand in for seniority), some sideways.
    edges, seen = [], set()
    while len(edges) < transitions:
        origin = rng.randint(1, roles)
        target = min(roles, origin + rng.randint(-20, 200))
        if origin == target or (origin, target) in seen:
            continue
        seen.add((origin, target))
        low = rng.randint(0, 48)
        edges.append(
            TransitionEdge(
                len(edges) + 1,
                origin,
                target,
                low,
                low + rng.randint(0, 48),
                rng.choice(["both", "both", "production", "services"]),
            )
        )
    for entry in rng.sample(range(1, roles // 10), 50):  # ways in from studies
        edges.append(TransitionEdge(len(edges) + 1, None, entry, 0, 6))
    return Catalogue(
        roles=requirements, transitions=tuple(edges), estimates=Estimates(skill_level_months=6, first_degree_months=36)
    )


def sample_profile(catalogue: Catalogue, target_id: int, seed=11) -> Profile:
    rng = random.Random(seed)
    target = catalogue.roles[target_id]
    return Profile(
        ratings={need.skill_id: rng.randint(0, 5) for need in target.skills},
        degree_rank=3,
        degree_field="business-management",
        experience={"operations": 24, "people": 12},
    )
