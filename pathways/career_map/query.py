"""The map read from the roles and transitions: the whole map, kept per content version, and a profile's fragment."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext as _

from careerpath.cache import per_content_version
from careerpath.labels import format_duration
from roles.models import DEGREE_RANK, Origin, Role, RoleDegree, Sector, degree_rank_label

from ..models import Transition
from .layout import COMPACT, WIDE, MapDrawing, layout
from .places import FOCUS_ORDER, STUDIES, Move, Place
from .text import ListedLevel, listing


@dataclass(frozen=True)
class CareerMap:
    wide: MapDrawing | None
    compact: MapDrawing | None
    levels: tuple[ListedLevel, ...]
    role_count: int
    move_count: int
    reserved: tuple[str, ...] = field(default=())  # the circumstances some moves are reserved to, in words
    degrees: tuple[str, ...] = field(default=())  # the degree badges on the map
    focuses: tuple[str, ...] = field(default=())  # the sector tags on the map
    imported_count: int = 0  # ESCO's occupations, found by search, never drawn: none until ESCO is imported


def degree_annotations(prefix: str = "") -> dict:
    """Whether the usual route (typical degrees) to a role asks a degree of each rank (bac+3, bac+5)."""
    levels_by_rank = defaultdict(list)
    for level, rank in DEGREE_RANK.items():
        levels_by_rank[rank].append(level)
    role = OuterRef(f"{prefix}pk" if prefix else "pk")
    return {
        f"{prefix.replace('__', '_')}degree_{rank}": Exists(
            RoleDegree.objects.filter(role=role, kind=RoleDegree.Kind.TYPICAL, degree__level__in=levels)
        )
        for rank, levels in levels_by_rank.items()
    }


def degree_badge(row, prefix: str = "") -> str:
    """The least a typical degree asks, e.g. "bac+3": the lowest rank among the role's typical degrees."""
    ranks = sorted(set(DEGREE_RANK.values()))
    for rank in ranks:
        if getattr(row, f"{prefix}degree_{rank}", False):
            return degree_rank_label(rank)
    return ""


def place_for(role: Role, degree: str, current: bool = False) -> Place:
    return Place(
        role.slug, *role.title_forms, "" if current else role.get_absolute_url(), role.level, role.sector_focus, degree, current
    )


def studies_place() -> Place:
    title = str(_("Études ou autre domaine"))
    return Place(STUDIES, title, "", "", 0, Sector.BOTH, "")


def move_for(transition: Transition, source: str, target: str) -> Move:
    return Move(
        source,
        target,
        format_duration(transition.min_months, transition.max_months),
        transition.kind == Transition.Kind.SIDEWAYS,
        transition.get_circumstance_display() if transition.circumstance else "",
        transition.get_sector_display() if transition.sector != Sector.BOTH else "",
    )


def summary(places: dict[str, Place], moves: list[Move]) -> dict:
    """What the legend needs: only what the drawing shows."""
    return {
        "reserved": tuple(sorted({m.reserved for m in moves if m.reserved})),
        "degrees": tuple(sorted({p.degree for p in places.values() if p.degree})),
        "focuses": tuple(
            str(Sector(f).label)
            for f in FOCUS_ORDER
            if f != Sector.BOTH and any(p.focus == f for p in places.values() if p.key != STUDIES)
        ),
    }


def level_labels() -> dict[int, str]:
    return {0: "", **{value: str(label) for value, label in Role.Level.choices}}


@per_content_version
def site_map(language: str) -> CareerMap:
    """Every role the team placed and every public move between them, and how many imported occupations search
    finds beside them (three queries), in `language`."""
    with translation.override(language):
        roles = list(
            Role.objects.published()
            .pickable()
            .filter(level__isnull=False)
            .annotate(**degree_annotations())
            .order_by("level", "title")
        )
        places = {role.slug: place_for(role, degree_badge(role)) for role in roles}
        slugs = {role.pk: role.slug for role in roles}
        moves = []
        transitions = Transition.objects.between_published().filter(to_role__in=list(slugs))
        for transition in transitions.only(
            "from_role_id", "to_role_id", "kind", "min_months", "max_months", "circumstance", "sector"
        ).order_by("pk"):
            if transition.to_role_id not in slugs or (transition.from_role_id and transition.from_role_id not in slugs):
                continue
            source = slugs[transition.from_role_id] if transition.from_role_id else STUDIES
            moves.append(move_for(transition, source, slugs[transition.to_role_id]))
        if any(m.source == STUDIES for m in moves):
            places = {STUDIES: studies_place(), **places}
        levels = level_labels()
        wide, compact = (layout(places, moves, WIDE, levels), layout(places, moves, COMPACT, levels)) if places else (None, None)
        imported = Role.objects.published().filter(origin=Origin.IMPORTED).count()
        shown = listing(places, moves, levels)
        return CareerMap(wide, compact, shown, len(roles), len(moves), **summary(places, moves), imported_count=imported)


def around(role: Role) -> CareerMap | None:
    """The roles one move before and after `role`, with the moves, in one query; None without moves.

    Drawn as the map is, centred on the role; the role's own degree comes from its profile's prefetch."""
    transitions = list(
        Transition.objects.between_published()
        .filter(Q(from_role=role) | Q(to_role=role))
        .filter(Q(from_role__isnull=True) | Q(from_role__level__isnull=False), to_role__level__isnull=False)
        .select_related("from_role", "to_role")
        .annotate(**degree_annotations("from_role__"), **degree_annotations("to_role__"))
        .order_by("pk")
    )
    if not transitions or role.level is None:
        return None
    typical = [rd.degree.rank for rd in role.role_degrees.all() if rd.kind == RoleDegree.Kind.TYPICAL]
    own = degree_rank_label(min(typical)) if typical else ""
    places = {role.slug: place_for(role, own, current=True)}
    moves = []
    for transition in transitions:
        if transition.from_role is None:
            places.setdefault(STUDIES, studies_place())
            source = STUDIES
        else:
            source = transition.from_role.slug
            places.setdefault(source, place_for(transition.from_role, degree_badge(transition, "from_role_")))
        target = transition.to_role.slug
        places.setdefault(target, place_for(transition.to_role, degree_badge(transition, "to_role_")))
        moves.append(move_for(transition, source, target))
    levels = level_labels()
    return CareerMap(
        None,
        layout(places, moves, COMPACT, levels),
        listing(places, moves, levels, [role.slug]),
        len(places),
        len(moves),
        **summary(places, moves),
    )
