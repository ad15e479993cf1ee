"""A person's whole result: readiness for the target and every role, and the route."""

from dataclasses import dataclass

from .routes import Catalogue, RoutePlan, plan_route
from .scoring import Profile, Readiness, readiness

CLOSEST_ROLES = 3


@dataclass(frozen=True)
class Evaluation:
    target: Readiness
    closest: tuple[Readiness, ...]  # the other roles the person is closest to, best first
    plan: RoutePlan


def evaluate(catalogue: Catalogue, profile: Profile, target_id: int) -> Evaluation:
    others = [
        readiness(requirements, profile, explain=False)
        for role_id, requirements in catalogue.roles.items()
        if role_id != target_id
    ]
    ranked = sorted((r for r in others if r.total is not None), key=lambda r: (-r.total, r.role_id))
    return Evaluation(
        target=readiness(catalogue.roles[target_id], profile),
        closest=tuple(ranked[:CLOSEST_ROLES]),
        plan=plan_route(catalogue, profile, target_id),
    )
