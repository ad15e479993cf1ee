"""The career map: the team's roles placed by level and focus, the moves between them as arrows.

Geometry is computed here, as plain data; the templates only place the shapes. Rows are levels,
from the entry level at the top to the executive level at the bottom, so the map reads as a
route does, top to bottom. Within a level, a move of kind "promotion" puts its target on a row
below its source; a sideways move stays on the row. Within a row, roles stand from left to right
by focus, `Role.sector_focus`: production, then both, then services.

Only the roles the team wrote or reviewed are drawn (`pickable()`, with a level): the thousands
of occupations imported from ESCO have no place in the hierarchy yet, and are reached by search.

The same routes are drawn twice: wide (text at 14 px, for screens 992 px and more) and compact
(text at 12 px, at most three roles a row, drawn at its own size on a phone). A profile shows a
compact fragment of the map around its role, with the moves into and out of it.
"""

import itertools
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from careerpath.cache import per_content_version
from pathways.models import Transition

from .models import DEGREE_RANK, Role, RoleDegree, Sector, format_duration

STUDIES = "studies"  # the node moves from outside the map start from
FOCUS_ORDER = {Sector.PRODUCTION: 0, Sector.BOTH: 1, Sector.SERVICES: 2}
SWEEPS = 4  # passes of the ordering that keeps arrows from crossing


@dataclass(frozen=True)
class Style:
    node_width: int
    gap: int  # between two boxes of a row
    font: int  # CSS px
    line: int
    layer_gap: int  # between two rows, room for the arrows and their labels
    max_per_row: int
    passage: int  # the width an arrow passing through a row takes
    pad: int = 8
    band_label: int = 26  # room above a level's first row for its name
    margin: int = 4
    side_by_side: bool = True  # a sideways move as a straight arrow between neighbours (else an arc below)
    budget: int = 0  # the widest the drawing may be: boxes narrow (and their text wraps) to fit it
    min_node_width: int = 84

    @property
    def chars(self) -> int:
        """About how many characters of text fit on a line of a box (wrapping breaks between words only)."""
        return int((self.node_width - 2 * self.pad) / (self.font * 0.58))

    def text_width(self, text: str) -> float:
        return len(text) * self.font * 0.6 + 12


WIDE = Style(node_width=180, gap=28, font=14, line=17, layer_gap=84, max_per_row=4, passage=36)
# A phone 390 px wide leaves 366 px to the page's column.
COMPACT = Style(node_width=150, gap=10, font=12, line=15, layer_gap=90, max_per_row=2, passage=14, pad=6,
                side_by_side=False, budget=360)


# ---- What the map shows, before any geometry ----

@dataclass(frozen=True)
class Place:
    key: str  # the role's slug, or STUDIES
    title: str
    feminine: str  # the French feminine form when it differs, else ""
    url: str  # "" for the studies node and the role a fragment is centred on
    level: int  # 0 for the studies node
    focus: str  # a Sector value
    degree: str  # "bac+3"…: the degree the usual route asks, "" when none is
    current: bool = False

    @property
    def name(self) -> str:
        """Both French forms, as `Role.display_title` gives them."""
        return f"{self.title} / {self.feminine}" if self.feminine else self.title

    @property
    def focus_label(self) -> str:
        return Sector(self.focus).label if self.focus != Sector.BOTH else ""


@dataclass(frozen=True)
class Move:
    source: str  # a Place key
    target: str
    duration: str
    sideways: bool
    reserved: str  # the circumstance the move is reserved to, in words; "" for everyone
    sector: str  # the only sector where it makes sense, in words; "" for both


def degree_annotations(prefix: str = "") -> dict:
    """Whether the usual route (typical degrees) to a role asks a degree of each rank (bac+3, bac+5)."""
    levels_by_rank = defaultdict(list)
    for level, rank in DEGREE_RANK.items():
        levels_by_rank[rank].append(level)
    role = OuterRef(f"{prefix}pk" if prefix else "pk")
    return {
        f"{prefix.replace('__', '_')}degree_{rank}": Exists(RoleDegree.objects.filter(
            role=role, kind=RoleDegree.Kind.TYPICAL, degree__level__in=levels))
        for rank, levels in levels_by_rank.items()
    }


def degree_badge(row, prefix: str = "") -> str:
    """The least a typical degree asks, e.g. "bac+3": the lowest rank among the role's typical degrees."""
    ranks = sorted(set(DEGREE_RANK.values()))
    for rank in ranks:
        if getattr(row, f"{prefix}degree_{rank}", False):
            return _("bac+%(years)d") % {"years": rank}
    return ""


def place_for(role, degree: str, current: bool = False) -> Place:
    title = capfirst(role.title)
    feminine = capfirst(role.title_feminine) if translation.get_language() == "fr" and role.title_feminine \
        and role.title_feminine != role.title else ""
    return Place(role.slug, title, feminine, "" if current else role.get_absolute_url(), role.level,
                 role.sector_focus, degree, current)


def studies_place() -> Place:
    return Place(STUDIES, str(_("Études ou autre domaine")), "", "", 0, Sector.BOTH, "")


def move_for(transition, source: str, target: str) -> Move:
    return Move(
        source, target, format_duration(transition.min_months, transition.max_months),
        transition.kind == Transition.Kind.SIDEWAYS,
        transition.get_circumstance_display() if transition.circumstance else "",
        transition.get_sector_display() if transition.sector != Sector.BOTH else "",
    )


# ---- Geometry ----

@dataclass(frozen=True)
class Node:
    place: Place
    x: float
    y: float
    width: float
    height: float
    lines: tuple[tuple[float, str, bool], ...]  # (y, text, is the title's first form)
    badges: tuple[tuple[float, float, float, str, str], ...]  # (x, y, width, text, kind)
    text_x: float

    @property
    def name(self) -> str:
        return self.place.name


@dataclass(frozen=True)
class Edge:
    move: Move
    path: str  # the d attribute
    label_x: float  # the middle of the label
    label_y: float
    label_width: float

    label_height: float

    @property
    def label_left(self) -> float:
        return round(self.label_x - self.label_width / 2, 1)

    @property
    def label_top(self) -> float:
        return round(self.label_y - self.label_height / 2, 1)


@dataclass(frozen=True)
class Band:
    label: str
    y: float
    height: float
    shaded: bool

    @property
    def label_y(self) -> float:
        return self.y + 18


@dataclass(frozen=True)
class MapDrawing:
    width: int
    height: int
    font: int
    label_height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    bands: tuple[Band, ...]


@dataclass
class _Item:
    """A box of a row, or the point where a longer arrow passes through it."""

    key: str
    width: float
    focus: int
    place: Place | None = None
    x: float = 0  # centre
    order: float = 0


def _wrapped(text: str, chars: int) -> list[str]:
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [text]


def _rows(places: dict[str, Place], moves: list[Move], style: Style) -> list[list[str]]:
    """The keys of the boxes on each row, top to bottom: the studies node, then each level's rows."""
    by_level = defaultdict(list)
    for place in places.values():
        by_level[place.level].append(place.key)
    rows = []
    for level in sorted(by_level):
        keys = sorted(by_level[level], key=lambda k: (FOCUS_ORDER[places[k].focus], places[k].title))
        rank = dict.fromkeys(keys, 0)
        inside = [m for m in moves if not m.sideways and m.source in rank and m.target in rank]
        for _pass in range(len(keys)):  # longest path from the level's first row; a loop stops growing here
            for move in inside:
                rank[move.target] = max(rank[move.target], min(rank[move.source] + 1, len(keys) - 1))
        for r in range(max(rank.values()) + 1):
            # A row too wide for the drawing goes on over several; the target of a sideways move last,
            # so that the move reads downwards.
            row = [k for k in keys if rank[k] == r]
            if len(row) > style.max_per_row:
                targets = {m.target for m in moves if m.sideways and m.source in row}
                row.sort(key=lambda k: k in targets)
            rows.extend(row[i:i + style.max_per_row] for i in range(0, len(row), style.max_per_row))
    return [row for row in rows if row]


def layout(places: dict[str, Place], moves: list[Move], style: Style,
           level_labels: dict[int, str]) -> MapDrawing:
    rows = _rows(places, moves, style)
    row_of = {key: i for i, row in enumerate(rows) for key in row}
    layers: list[list[_Item]] = [
        [_Item(key, style.node_width, FOCUS_ORDER[places[key].focus], places[key]) for key in row] for row in rows]

    # A move across several rows passes through each row between: one thin item per row.
    chains: list[tuple[Move, list[_Item]]] = []
    for index, move in enumerate(moves):
        a, b = row_of[move.source], row_of[move.target]
        step = 1 if b > a else -1
        passing = []
        for r in range(a + step, b, step):
            item = _Item(f"~{index}:{r}", style.passage, FOCUS_ORDER[places[move.target].focus])
            layers[r].append(item)
            passing.append(item)
        chains.append((move, passing))
    by_key = {item.key: item for layer in layers for item in layer}

    # Neighbours of each item in the rows above and below, for ordering.
    above, below = defaultdict(list), defaultdict(list)
    same_row = []
    for move, passing in chains:
        keys = [move.source, *(p.key for p in passing), move.target]
        if row_of[move.source] > row_of[move.target]:
            keys.reverse()
        if len(keys) == 2 and row_of[move.source] == row_of[move.target]:
            same_row.append((move.source, move.target))
            continue
        for upper, lower in itertools.pairwise(keys):
            below[upper].append(lower)
            above[lower].append(upper)

    # Roles joined by a sideways move stand side by side: a group is ordered as one.
    group = {key: key for key in by_key}

    def root(key):
        while group[key] != key:
            key = group[key]
        return key

    for a, b in same_row:
        group[root(b)] = root(a)

    for layer in layers:
        for i, item in enumerate(layer):
            item.order = i

    def reorder(layer, neighbours):
        def barycentre(item):
            near = [by_key[k].order for k in neighbours[item.key]]
            return sum(near) / len(near) if near else item.order
        wanted = {item.key: barycentre(item) for item in layer}
        groups = defaultdict(list)
        for item in layer:
            groups[root(item.key)].append(item)
        blocks = sorted(groups.values(), key=lambda g: (min(i.focus for i in g), sum(wanted[i.key] for i in g) / len(g)))
        layer[:] = [item for block in blocks for item in sorted(block, key=lambda i: (i.focus, wanted[i.key]))]
        for i, item in enumerate(layer):
            item.order = i

    for sweep in range(SWEEPS):
        sequence = range(1, len(layers)) if sweep % 2 == 0 else range(len(layers) - 2, -1, -1)
        for r in sequence:
            reorder(layers[r], above if sweep % 2 == 0 else below)

    # Widths: boxes joined by a sideways move leave room for its arrow and label between them.
    side_gap = {}
    for move, _passing in chains:
        if style.side_by_side and row_of[move.source] == row_of[move.target]:
            side_gap[frozenset((move.source, move.target))] = style.text_width(move.duration) + 2 * style.gap

    def gaps(layer):
        return [side_gap.get(frozenset((a.key, b.key)), style.gap if a.place and b.place else style.gap / 2)
                for a, b in itertools.pairwise(layer)]

    if style.budget:
        fixed = [(sum(i.width for i in layer if i.place is None) + sum(gaps(layer)),
                  sum(1 for i in layer if i.place is not None)) for layer in layers]
        fits = min((style.budget - 2 * style.margin - rest) // count for rest, count in fixed)
        style = replace(style, node_width=int(max(style.min_node_width, min(style.node_width, fits))))
        for layer in layers:
            for item in layer:
                if item.place is not None:
                    item.width = style.node_width
    row_widths = [sum(i.width for i in layer) + sum(gaps(layer)) for layer in layers]
    width = max(row_widths) + 2 * style.margin
    for layer, row_width in zip(layers, row_widths, strict=True):
        x = (width - row_width) / 2
        for item, gap in zip(layer, [*gaps(layer), 0], strict=True):
            item.x = x + item.width / 2
            x += item.width + gap

    # Boxes: the text decides each row's height; every box of a row is as tall as the tallest.
    text_lines = {}
    for key, place in places.items():
        lines = [(line, True) for line in _wrapped(place.title, style.chars)]
        lines += [(line, False) for line in _wrapped(place.feminine, style.chars)] if place.feminine else []
        text_lines[key] = lines

    # Badges side by side, on a second line when the box is too narrow for both.
    badge_rows = {}
    for key, place in places.items():
        placed_badges, bx, row = [], 0, 0
        for text, kind in ((place.degree, "degree"), (place.focus_label, "focus")):
            if text:
                w = style.text_width(text) - 2
                if bx and bx + w > style.node_width - 2 * style.pad:
                    bx, row = 0, row + 1
                placed_badges.append((bx, row, w, text, kind))
                bx += w + 4
        badge_rows[key] = placed_badges

    heights = []
    for row in rows:
        lines = max(len(text_lines[k]) for k in row)
        badges = max((b[1] + 1 for k in row for b in badge_rows[k]), default=0)
        heights.append(2 * style.pad + lines * style.line + badges * (style.line + 6))

    # Each level is a band, its name above its first row; arrows cross from band to band.
    tops, bands = [], []  # bands: [level, top, bottom]
    y = style.margin
    for r, row in enumerate(rows):
        level = places[row[0]].level
        if not bands or bands[-1][0] != level:
            if bands:
                bands[-1][2] = y + style.layer_gap * 0.35
                y = bands[-1][2]
            bands.append([level, y, 0])
            y += style.band_label + (style.layer_gap * 0.35 if len(bands) > 1 else 0)
        else:
            y += style.layer_gap
        tops.append(y)
        y += heights[r]
    bands[-1][2] = y + 12
    height = y + 12 + style.margin
    band_list = tuple(Band(level_labels.get(level, ""), round(top, 1), round(bottom - top, 1), i % 2 == 0)
                      for i, (level, top, bottom) in enumerate(bands))

    nodes = {}
    for r, row in enumerate(rows):
        for key in row:
            item, place = by_key[key], places[key]
            left, top = item.x - style.node_width / 2, tops[r]
            lines = tuple((round(top + style.pad + (i + 1) * style.line - 4, 1), text, first)
                          for i, (text, first) in enumerate(text_lines[key]))
            badge_y = top + style.pad + len(text_lines[key]) * style.line + 2
            badges = [(round(left + style.pad + bx, 1), round(badge_y + row * (style.line + 6), 1), round(w, 1), text, kind)
                      for bx, row, w, text, kind in badge_rows[key]]
            nodes[key] = Node(place, round(left, 1), round(top, 1), style.node_width, heights[r], lines,
                              tuple(badges), round(left + style.pad, 1))

    edges = _route(chains, nodes, by_key, row_of, tops, heights, style, band_list, width)
    ordered = sorted(nodes.values(), key=lambda n: (n.y, n.x))  # the order Tab follows
    return MapDrawing(round(width), round(height), style.font, style.line + 3, tuple(ordered), edges,
                      band_list)


def _bezier(p0, p1, p2, p3, t):
    return tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * d
                 for a, b, c, d in zip(p0, p1, p2, p3, strict=True))


def _route(chains, nodes, by_key, row_of, tops, heights, style, bands, width) -> tuple[Edge, ...]:
    """Arrows leave the bottom of a box and enter the top of the next, in gentle curves; each
    box's arrows are spread along its edge in the order of where they go, so they do not pile up."""
    ports = defaultdict(list)  # (key, side) -> [(other x, chain index)]
    plans = []
    for index, (move, passing) in enumerate(chains):
        a, b = row_of[move.source], row_of[move.target]
        if a == b:
            plans.append(None)
            continue
        upper, lower = (move.source, move.target) if a < b else (move.target, move.source)
        points = [upper, *[p.key for p in (passing if a < b else reversed(passing))], lower]
        ports[(upper, "bottom")].append((by_key[points[1]].x, index))
        ports[(lower, "top")].append((by_key[points[-2]].x, index))
        plans.append(points)

    port_x = {}
    for (key, side), ends in ports.items():
        node = nodes[key]
        ends.sort()
        span = node.width * 0.8
        for i, (_x, index) in enumerate(ends):
            port_x[(index, side)] = node.x + node.width / 2 + (span * ((i + 1) / (len(ends) + 1) - 0.5))

    boxes = [(n.x - 4, n.y - 4, n.x + n.width + 4, n.y + n.height + 4) for n in nodes.values()]
    boxes += [(0, b.y, 16 + len(b.label) * 10, b.y + 24) for b in bands if b.label]  # the level's name
    placed: list[tuple[float, float, float, float]] = []
    label_h = style.line + 3

    def free(cx, cy, w):
        box = (cx - w / 2, cy - label_h / 2, cx + w / 2, cy + label_h / 2)
        inside = box[0] >= 0 and box[2] <= width
        return inside and not any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]
                                  for o in placed + boxes)

    edges = {}
    for index, (move, _passing) in enumerate(chains):
        if plans[index] is None:
            edge = _sideways(move, nodes, style.text_width(move.duration), style)
            placed.append((edge.label_x - edge.label_width / 2, edge.label_y - label_h / 2,
                           edge.label_x + edge.label_width / 2, edge.label_y + label_h / 2))
            edges[index] = edge
    for index, (move, _passing) in enumerate(chains):
        w = style.text_width(move.duration)
        plan = plans[index]
        if plan is None:
            continue
        xs = [port_x[(index, "bottom")], *[by_key[k].x for k in plan[1:-1]], port_x[(index, "top")]]
        rows = [row_of[k] if k in row_of else int(k.split(":")[1]) for k in plan]
        segments = []  # cubic curves across the gaps, straight lines through the rows between
        for i in range(len(plan) - 1):
            y0 = tops[rows[i]] + heights[rows[i]]
            y1 = tops[rows[i + 1]]
            mid = (y0 + y1) / 2
            segments.append(((xs[i], y0), (xs[i], mid), (xs[i + 1], mid), (xs[i + 1], y1)))
        # The label goes in the middle of the arrow, moved along it if another label or a box is in the way.
        middle = (len(segments) - 1) / 2
        candidates = sorted((abs(s - middle) + abs(t - 0.5), s, t) for s in range(len(segments))
                             for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8))
        spot = next((xy for _d, s, t in candidates if free(*(xy := _bezier(*segments[s], t)), w)), None)
        if spot is None:
            spot = _bezier(*segments[int(middle)], 0.5)
        placed.append((spot[0] - w / 2, spot[1] - label_h / 2, spot[0] + w / 2, spot[1] + label_h / 2))
        if row_of[move.source] > row_of[move.target]:  # drawn from the lower box up to the upper one
            segments = [(d, c, b, a) for a, b, c, d in reversed(segments)]
        d = f"M{segments[0][0][0]:.1f},{segments[0][0][1]:.1f}"
        for i, (_p0, p1, p2, p3) in enumerate(segments):
            if i:
                d += f" L{segments[i][0][0]:.1f},{segments[i][0][1]:.1f}"
            d += f" C{p1[0]:.1f},{p1[1]:.1f} {p2[0]:.1f},{p2[1]:.1f} {p3[0]:.1f},{p3[1]:.1f}"
        edges[index] = Edge(move, d, round(spot[0], 1), round(spot[1], 1), round(w, 1), label_h)
    return tuple(edges[i] for i in sorted(edges))


def _sideways(move, nodes, w, style) -> Edge:
    """A move within a row: a straight arrow between two boxes side by side, or an arc under the row."""
    source, target = nodes[move.source], nodes[move.target]
    y = source.y + source.height / 2
    rightwards = target.x > source.x
    x0 = source.x + (source.width if rightwards else 0)
    x1 = target.x + (0 if rightwards else target.width)
    between = [n for n in nodes.values() if n.y == source.y and min(x0, x1) < n.x + n.width / 2 < max(x0, x1)]
    if style.side_by_side and not between:
        return Edge(move, f"M{x0:.1f},{y:.1f} L{x1:.1f},{y:.1f}", round((x0 + x1) / 2, 1), round(y, 1), round(w, 1),
                    style.line + 3)
    bottom = source.y + source.height
    sx, tx = source.x + source.width / 2, target.x + target.width / 2
    dip = bottom + style.layer_gap * 0.45
    path = f"M{sx:.1f},{bottom:.1f} C{sx:.1f},{dip:.1f} {tx:.1f},{dip:.1f} {tx:.1f},{bottom:.1f}"
    return Edge(move, path, round((sx + tx) / 2, 1), round(bottom + style.layer_gap * 0.34, 1), round(w, 1),
                style.line + 3)


# ---- The text alternative ----

@dataclass(frozen=True)
class Neighbour:
    title: str
    url: str
    move: Move


@dataclass(frozen=True)
class ListedRole:
    place: Place
    moves_in: tuple[Neighbour, ...]
    moves_out: tuple[Neighbour, ...]

    @property
    def name(self) -> str:
        return self.place.name


@dataclass(frozen=True)
class ListedLevel:
    label: str
    roles: tuple[ListedRole, ...]


def listing(places: dict[str, Place], moves: list[Move], level_labels: dict[int, str],
            keys: list[str] | None = None) -> tuple[ListedLevel, ...]:
    by_level = defaultdict(list)
    for key in keys if keys is not None else places:
        place = places[key]
        if key == STUDIES:
            continue
        moves_in = tuple(Neighbour(places[m.source].name, places[m.source].url, m) for m in moves if m.target == key)
        moves_out = tuple(Neighbour(places[m.target].name, places[m.target].url, m) for m in moves if m.source == key)
        by_level[place.level].append(ListedRole(place, moves_in, moves_out))
    return tuple(ListedLevel(level_labels[level], tuple(sorted(roles, key=lambda r: (FOCUS_ORDER[r.place.focus], r.place.title))))
                 for level, roles in sorted(by_level.items()))


# ---- The two maps the site shows ----

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


def summary(places: dict[str, Place], moves: list[Move]) -> dict:
    """What the legend needs: only what the drawing shows."""
    return {
        "reserved": tuple(sorted({m.reserved for m in moves if m.reserved})),
        "degrees": tuple(sorted({p.degree for p in places.values() if p.degree})),
        "focuses": tuple(str(Sector(f).label) for f in FOCUS_ORDER if f != Sector.BOTH
                         and any(p.focus == f for p in places.values() if p.key != STUDIES)),
    }


def level_labels() -> dict[int, str]:
    return {0: "", **{value: str(label) for value, label in Role.Level.choices}}


@per_content_version
def site_map(language: str) -> CareerMap:
    """Every role the team placed and every public move between them (two queries), in `language`."""
    with translation.override(language):
        roles = list(Role.objects.published().pickable().filter(level__isnull=False)
                     .annotate(**degree_annotations()).order_by("level", "title"))
        places = {role.slug: place_for(role, degree_badge(role)) for role in roles}
        slugs = {role.pk: role.slug for role in roles}
        moves = []
        transitions = Transition.objects.between_published().filter(to_role__in=list(slugs))
        for transition in transitions.only("from_role_id", "to_role_id", "kind", "min_months", "max_months",
                                           "circumstance", "sector").order_by("pk"):
            if transition.to_role_id not in slugs or (transition.from_role_id and transition.from_role_id not in slugs):
                continue
            source = slugs[transition.from_role_id] if transition.from_role_id else STUDIES
            moves.append(move_for(transition, source, slugs[transition.to_role_id]))
        if any(m.source == STUDIES for m in moves):
            places = {STUDIES: studies_place(), **places}
        levels = level_labels()
        wide, compact = (layout(places, moves, WIDE, levels), layout(places, moves, COMPACT, levels)) if places \
            else (None, None)
        return CareerMap(wide, compact, listing(places, moves, levels), len(roles), len(moves),
                         **summary(places, moves))


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
    own = _("bac+%(years)d") % {"years": min(typical)} if typical else ""
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
    return CareerMap(None, layout(places, moves, COMPACT, levels), listing(places, moves, levels, [role.slug]),
                     len(places), len(moves), **summary(places, moves))


def map_url() -> str:
    return reverse("roles:map")
