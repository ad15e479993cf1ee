"""A person's whole result: readiness for the target, the routes, the band in words and the roles
close to them."""

import heapq
from dataclasses import dataclass
from enum import StrEnum

from .routes import Catalogue, RouteSearch, find_routes
from .scoring import Profile, Readiness, in_scale, readiness, standings

CLOSEST_ROLES = 3
# A band needs both the closeness to entering and the time to ready: the lower of the two bands is the one shown.
NEARLY_THERE_POINTS, ON_THE_WAY_POINTS = 60, 45
NEARLY_THERE_MONTHS, ON_THE_WAY_MONTHS = 12, 60


class Band(StrEnum):
    FAR = "far"
    ON_THE_WAY = "on-the-way"
    NEARLY_THERE = "nearly-there"
    READY = "ready"


BAND_ORDER = [Band.FAR, Band.ON_THE_WAY, Band.NEARLY_THERE, Band.READY]


def band_of(closeness: int | None, ready: bool, months_to_ready: int | None, *, answers_missing: bool = False) -> Band | None:
    """The band in words: ready when every entry requirement is met; otherwise the lower of what the closeness to
    entering says (`scoring.entry_ceiling`: the entry requirements only, since growth ones never keep a person from
    being ready) and what the time to ready says, so that the band and the route never disagree. While an entry
    skill is left blank, the person is neither ready nor nearly there: the answers that are missing could say
    otherwise."""
    if ready and not answers_missing:
        return Band.READY
    if closeness is None:
        return None
    if answers_missing:
        return min(band_of(closeness, False, months_to_ready), Band.ON_THE_WAY, key=BAND_ORDER.index)
    by_closeness = (
        Band.NEARLY_THERE if closeness >= NEARLY_THERE_POINTS else Band.ON_THE_WAY if closeness >= ON_THE_WAY_POINTS else Band.FAR
    )
    if months_to_ready is None:  # no route in our content: the closeness alone
        return by_closeness
    by_time = (
        Band.NEARLY_THERE
        if months_to_ready <= NEARLY_THERE_MONTHS
        else Band.ON_THE_WAY
        if months_to_ready <= ON_THE_WAY_MONTHS
        else Band.FAR
    )
    return min(by_closeness, by_time, key=BAND_ORDER.index)


class Direction(StrEnum):
    UP = "up"
    LATERAL = "lateral"
    DOWN = "down"


@dataclass(frozen=True)
class Closest:
    role_id: int
    total: int
    direction: Direction | None  # from the person's current role (from studies, every role is a step up)
    leads_to_target: bool  # a route from it reaches the target
    shared_skill_ids: tuple[int, ...]  # skills it asks that the target asks too


@dataclass(frozen=True)
class Evaluation:
    target: Readiness
    routes: RouteSearch
    closest: tuple[Closest, ...]
    band: Band | None = None
    months_to_ready: tuple[int, int] | None = None  # the quickest route's span; (0, 0) when ready
    holds_target: bool = False  # the person already holds the role they aim at: no route, their gaps to grow
    current_role_out_of_scale: bool = False  # the role held now rarely exists at the size given
    described: bool = True  # False when the target has no levels, degrees or steps to measure against yet
    reserved: bool = False  # every move into the target is reserved to a circumstance or a size the person did not give
    ready: bool = False  # every entry requirement met and the post open to them: apply now


def direction(from_level: int | None, to_level: int | None) -> Direction | None:
    if to_level is None:
        return None
    from_level = from_level or 0
    return Direction.UP if to_level > from_level else Direction.LATERAL if to_level == from_level else Direction.DOWN


def closest_roles(catalogue: Catalogue, profile: Profile, target_id: int, routes: RouteSearch) -> tuple[Closest, ...]:
    """Roles that help: never the current role nor the target; those that lead to the target first, then
    steps up before lateral moves before steps down, then the highest score, then the most skills shared.

    Only roles sharing skills with the target are worth showing, so only they are scored (every role, for a
    target not described yet)."""
    shared: dict[int, list[int]] = {}
    for need in catalogue.roles[target_id].skills if target_id in catalogue.roles else ():
        for role_id, _need in catalogue.skill_users.get(need.skill_id, ()):
            shared.setdefault(role_id, []).append(need.skill_id)
    candidates = set(shared if target_id in catalogue.roles else catalogue.roles) - {target_id, profile.current_role_id}
    if routes.reachable is not None:
        candidates &= routes.reachable  # a role the person cannot get to does not help them
    scored = standings({role_id: catalogue.roles[role_id] for role_id in candidates}, catalogue.skill_users, profile)
    totals = {role_id: result.total for role_id, result in scored.items() if result.total is not None}
    places = catalogue.places
    current = places.get(profile.current_role_id)
    order = [Direction.UP, Direction.LATERAL, Direction.DOWN, None]
    from_level = current.level if current else None

    def closest(role_id: int) -> Closest:
        place = places.get(role_id)
        return Closest(
            role_id,
            totals[role_id],
            direction(from_level, place.level if place else None),
            role_id in routes.reaching,
            tuple(shared.get(role_id, ())),
        )

    def rank(role_id: int) -> tuple:
        place = places.get(role_id)
        return (
            role_id not in routes.reaching,
            order.index(direction(from_level, place.level if place else None)),
            -totals[role_id],
            -len(shared.get(role_id, ())),
            role_id,
        )

    return tuple(closest(role_id) for role_id in heapq.nsmallest(CLOSEST_ROLES, totals, key=rank))


def time_to_ready(routes: RouteSearch) -> tuple[int, int] | None:
    """The soonest the person could be ready by any route shown, and the latest by the surest one (the quickest,
    whose longest time is shortest): each end only shortens as the person gains anything."""
    shown = [route for route in (routes.best, *routes.alternatives) if route is not None]
    if not shown:
        return None
    return min(route.min_months for route in shown), min(route.max_months for route in shown)


def evaluate(catalogue: Catalogue, profile: Profile, target_id: int) -> Evaluation:
    current = catalogue.places.get(profile.current_role_id)
    out_of_scale = bool(current and profile.scale and not in_scale(profile.scale, current.min_scale, current.max_scale))
    if target_id not in catalogue.roles:
        # An imported occupation nobody has described yet: no score and no route, rather than a false 100.
        routes = RouteSearch(target_role_id=target_id, ready=False, best=None)
        return Evaluation(
            target=Readiness(role_id=target_id, total=None),
            routes=routes,
            closest=closest_roles(catalogue, profile, target_id, routes),
            current_role_out_of_scale=out_of_scale,
            described=False,
        )
    target = readiness(catalogue.roles[target_id], profile)
    routes = find_routes(catalogue, profile, target_id)
    holds_target = profile.current_role_id == target_id and profile.months_since_left is None
    # Someone who held the role and left it may apply to it again (the route says so), and is called ready only when
    # every entry requirement is met, as anyone; holding it now, the gaps are what to grow in it.
    months = ((0, 0) if target.ready else None) if holds_target else (0, 0) if routes.ready else time_to_ready(routes)
    ready = target.ready and (holds_target or routes.ready)  # and the post is open to them
    return Evaluation(
        target=target,
        routes=routes,
        closest=closest_roles(catalogue, profile, target_id, routes),
        # The longer end of the span: the more cautious reading of the time to ready.
        band=band_of(
            target.entry_ceiling if target.total is not None else None,
            ready,
            months[1] if months else None,
            answers_missing=target.entry_answers_missing,
        ),
        months_to_ready=months,
        holds_target=holds_target,
        current_role_out_of_scale=out_of_scale,
        reserved=not holds_target and target_id not in catalogue.move_table.open_roles(profile),
        ready=ready,
    )
