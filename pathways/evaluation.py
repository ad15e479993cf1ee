"""A person's whole result: readiness for the target and every role, and the route."""

from dataclasses import dataclass

from .routes import Catalogue, RoutePlan, plan_route
from .scoring import Profile, Readiness, readiness, totals

CLOSEST_ROLES = 3


@dataclass(frozen=True)
class Evaluation:
    target: Readiness
    closest: tuple[tuple[int, int], ...]  # (role id, total) of the other roles the person is closest to
    plan: RoutePlan
    described: bool = True  # False when the target has no levels, degrees or steps to measure against yet


def evaluate(catalogue: Catalogue, profile: Profile, target_id: int) -> Evaluation:
    every_total = totals(catalogue.roles, catalogue.skill_users, profile)
    others = sorted(
        ((role_id, total) for role_id, total in every_total.items() if role_id != target_id and total is not None),
        key=lambda pair: (-pair[1], pair[0]),
    )
    closest = tuple(others[:CLOSEST_ROLES])
    if target_id not in catalogue.roles:
        # An imported occupation nobody has described yet: no score and no route, rather than a false 100.
        return Evaluation(target=Readiness(role_id=target_id, total=None), closest=closest,
                          plan=RoutePlan(target_role_id=target_id, ready=False, best=None), described=False)
    return Evaluation(
        target=readiness(catalogue.roles[target_id], profile),
        closest=closest,
        plan=plan_route(catalogue, profile, target_id, every_total),
    )
