"""The map's drawing: boxes in rows by level, ordered so that arrows cross little, and the arrows between them.

`layout()` goes through named phases, each below: the rows, the order within each row, the widths and
where each box stands across, the boxes' text and heights, the level stripes down the drawing, then
the arrows and their labels. Everything is in CSS px; the templates only place the shapes.
"""

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, replace

from ..svg import wrapped
from .places import FOCUS_ORDER, Move, Place

SWEEPS = 4  # passes of the ordering that keeps arrows from crossing
ROOM_TRIES = 12  # times the gaps where a label found no room grow before the drawing is left as it is


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
    stripe_label: int = 26  # room above a level's first row for its name
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
COMPACT = Style(
    node_width=150, gap=10, font=12, line=15, layer_gap=90, max_per_row=2, passage=14, pad=6, side_by_side=False, budget=360
)


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
    lines: tuple[tuple[float, str], ...]  # (y of its middle, text) of each line of the label

    @property
    def label_left(self) -> float:
        return round(self.label_x - self.label_width / 2, 1)

    @property
    def label_top(self) -> float:
        return round(self.label_y - self.label_height / 2, 1)


@dataclass(frozen=True)
class LevelStripe:
    """A level's stretch of the drawing, across its whole width, its name at the top."""

    label: str
    y: float
    height: float
    shaded: bool
    first_row: int  # the row its level starts with
    label_x: float = 8  # moved right, or down, when an arrow crosses the name at the top left
    label_dy: float = 0
    label_lines: tuple[str, ...] = ()  # the name on two lines when one left it no room

    @property
    def label_y(self) -> float:
        return self.y + 18 + self.label_dy

    @property
    def lines(self) -> tuple[tuple[float, str], ...]:
        """(y, text) of each line of its name."""
        return tuple((self.label_y + i * 16, line) for i, line in enumerate(self.label_lines or (self.label,)))


@dataclass(frozen=True)
class MapDrawing:
    width: int
    height: int
    font: int
    label_height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    stripes: tuple[LevelStripe, ...]


@dataclass
class _Item:
    """A box of a row, or the point where a longer arrow passes through it."""

    key: str
    width: float
    focus: int
    place: Place | None = None
    x: float = 0  # centre
    order: float = 0


@dataclass
class _Grid:
    """The drawing while it is laid out: its rows of items, left to right, and each move with the items it passes."""

    rows: list[list[str]]  # the boxes' keys, top to bottom
    row_of: dict[str, int]  # a box's row
    layers: list[list[_Item]]  # each row's boxes and passing points, in their order across
    chains: list[tuple[Move, list[_Item]]]  # each move, and where it passes through the rows between its ends
    by_key: dict[str, _Item]

    def row(self, key: str) -> int:
        """The row of a box or of a passing point (keyed "~move:row")."""
        return self.row_of[key] if key in self.row_of else int(key.split(":")[1])


def layout(places: dict[str, Place], moves: list[Move], style: Style, level_labels: dict[int, str]) -> MapDrawing:
    """The drawing in `style`, where every label (an arrow's, a level's name) touches no other label, no box and
    no arrow. Where one finds no room, the rows around it move apart and it looks again; when that is not enough
    (arrows running side by side), the drawing is laid out again with wider gaps, or wider passages for the
    arrows through a row, and the first where every label found room is kept (else the one with fewest left)."""
    best: tuple[MapDrawing, int] | None = None
    for variant in (style, replace(style, gap=style.gap * 2), replace(style, passage=style.passage + 10)):
        drawing, crowded = _attempt(places, moves, variant, level_labels)
        if not crowded:
            return drawing
        if best is None or len(crowded) < best[1]:
            best = (drawing, len(crowded))
    return best[0]


def _attempt(
    places: dict[str, Place], moves: list[Move], style: Style, level_labels: dict[int, str]
) -> tuple[MapDrawing, set[int]]:
    """The drawing in `style`, and the rows where a label still found no room (none, most often)."""
    grid = _grid(places, moves, style)
    _order(grid)
    gaps = _gaps(grid, style)
    style = _fit_budget(grid, gaps, style)
    width = _place_across(grid, gaps, style)
    text_lines = {key: _text_lines(place, style) for key, place in places.items()}
    badges = {key: _badges(place, style) for key, place in places.items()}
    heights = _row_heights(grid.rows, text_lines, badges, style)
    more: dict[int, float] = defaultdict(float)  # room added above a row (or below the last) for its labels
    for _try in range(ROOM_TRIES):
        tops, stripes, height = _stripes(grid.rows, places, heights, style, level_labels, more)
        nodes = {
            key: _node(places[key], grid.by_key[key].x, tops[r], heights[r], text_lines[key], badges[key], style)
            for r, row in enumerate(grid.rows)
            for key in row
        }
        edges, stripes, crowded = _edges(grid, nodes, tops, heights, style, stripes, width)
        if not crowded:
            break
        for row in crowded:
            more[row] += style.line
    ordered = sorted(nodes.values(), key=lambda n: (n.y, n.x))  # the order Tab follows
    return MapDrawing(round(width), round(height), style.font, style.line + 3, tuple(ordered), edges, stripes), crowded


# ---- Rows, and the order within each ----


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
            rows.extend(row[i : i + style.max_per_row] for i in range(0, len(row), style.max_per_row))
    return [row for row in rows if row]


def _grid(places: dict[str, Place], moves: list[Move], style: Style) -> _Grid:
    """The rows as items; a move across several rows passes through each row between: one thin item per row."""
    rows = _rows(places, moves, style)
    row_of = {key: i for i, row in enumerate(rows) for key in row}
    layers = [[_Item(key, style.node_width, FOCUS_ORDER[places[key].focus], places[key]) for key in row] for row in rows]
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
    return _Grid(rows, row_of, layers, chains, by_key)


def _neighbours(grid: _Grid) -> tuple[dict, dict, list[tuple[str, str]]]:
    """Each item's neighbours in the rows above and below, and the pairs of boxes a move joins within a row."""
    above, below = defaultdict(list), defaultdict(list)
    same_row = []
    for move, passing in grid.chains:
        keys = [move.source, *(p.key for p in passing), move.target]
        if grid.row_of[move.source] > grid.row_of[move.target]:
            keys.reverse()
        if len(keys) == 2 and grid.row_of[move.source] == grid.row_of[move.target]:
            same_row.append((move.source, move.target))
            continue
        for upper, lower in itertools.pairwise(keys):
            below[upper].append(lower)
            above[lower].append(upper)
    return above, below, same_row


def _groups(keys, same_row: list[tuple[str, str]]) -> dict[str, str]:
    """Roles joined by a sideways move stand side by side: each key's group, named by one of its keys."""
    group = {key: key for key in keys}

    def root(key):
        while group[key] != key:
            key = group[key]
        return key

    for a, b in same_row:
        group[root(b)] = root(a)
    return {key: root(key) for key in group}


def _order(grid: _Grid) -> None:
    """Order each row so that arrows cross as little as they can: sweeps down and up the rows, each moving
    an item towards the mean position of its neighbours in the row just swept (the barycentre method)."""
    above, below, same_row = _neighbours(grid)
    group = _groups(grid.by_key, same_row)
    for layer in grid.layers:
        for i, item in enumerate(layer):
            item.order = i
    for sweep in range(SWEEPS):
        downwards = sweep % 2 == 0
        sequence = range(1, len(grid.layers)) if downwards else range(len(grid.layers) - 2, -1, -1)
        for r in sequence:
            _reorder(grid.layers[r], above if downwards else below, grid.by_key, group)


def _reorder(layer: list[_Item], neighbours: dict, by_key: dict[str, _Item], group: dict[str, str]) -> None:
    """One row in the order its neighbours want: the boxes by focus first, a group of side-by-side roles moving as
    one; the arrows passing through go wherever their ends want them, between the boxes, so that they run apart
    rather than side by side in a bundle."""

    def barycentre(item):
        near = [by_key[k].order for k in neighbours[item.key]]
        return sum(near) / len(near) if near else item.order

    wanted = {item.key: barycentre(item) for item in layer}
    groups = defaultdict(list)
    for item in layer:
        if item.place is not None:
            groups[group[item.key]].append(item)

    def mean(block):
        return sum(wanted[i.key] for i in block) / len(block)

    boxes = sorted(groups.values(), key=lambda g: (min(i.focus for i in g), mean(g)))
    passing = sorted(([item] for item in layer if item.place is None), key=mean)
    layer[:] = []
    while boxes or passing:
        first = boxes if boxes and (not passing or mean(boxes[0]) <= mean(passing[0])) else passing
        layer.extend(sorted(first.pop(0), key=lambda i: (i.focus, wanted[i.key])))
    for i, item in enumerate(layer):
        item.order = i


# ---- Widths, and where each box stands across ----


def _gaps(grid: _Grid, style: Style) -> list[list[float]]:
    """The space between each two neighbours of each row: boxes joined by a sideways move leave room for
    its arrow and label between them."""
    side_gap = {}
    for move, _passing in grid.chains:
        if style.side_by_side and grid.row_of[move.source] == grid.row_of[move.target]:
            side_gap[frozenset((move.source, move.target))] = style.text_width(move.duration) + 2 * style.gap
    return [
        [
            side_gap.get(frozenset((a.key, b.key)), style.gap if a.place and b.place else style.gap / 2)
            for a, b in itertools.pairwise(layer)
        ]
        for layer in grid.layers
    ]


def _fit_budget(grid: _Grid, gaps: list[list[float]], style: Style) -> Style:
    """With a budget, boxes narrow (down to a minimum) until the widest row fits it; the style they then have."""
    if not style.budget:
        return style
    fixed = [
        (sum(i.width for i in layer if i.place is None) + sum(layer_gaps), sum(1 for i in layer if i.place is not None))
        for layer, layer_gaps in zip(grid.layers, gaps, strict=True)
    ]
    fits = min((style.budget - 2 * style.margin - rest) // count for rest, count in fixed)
    style = replace(style, node_width=int(max(style.min_node_width, min(style.node_width, fits))))
    for layer in grid.layers:
        for item in layer:
            if item.place is not None:
                item.width = style.node_width
    return style


def _place_across(grid: _Grid, gaps: list[list[float]], style: Style) -> float:
    """Each row centred in the drawing, its items at their widths and gaps; the drawing's width."""
    row_widths = [sum(i.width for i in layer) + sum(layer_gaps) for layer, layer_gaps in zip(grid.layers, gaps, strict=True)]
    # With a budget, the drawing takes all of it: room beside a narrow column of boxes for names and labels.
    width = max(max(row_widths) + 2 * style.margin, style.budget)
    for layer, row_width, layer_gaps in zip(grid.layers, row_widths, gaps, strict=True):
        x = (width - row_width) / 2
        for item, gap in zip(layer, [*layer_gaps, 0], strict=True):
            item.x = x + item.width / 2
            x += item.width + gap
    return width


# ---- Boxes: their text, badges and heights ----


def _text_lines(place: Place, style: Style) -> list[tuple[str, bool]]:
    """The lines of a box's title, each marked whether it belongs to the first form (else to the feminine)."""
    lines = [(line, True) for line in wrapped(place.title, style.chars)]
    if place.feminine:
        lines += [(line, False) for line in wrapped(place.feminine, style.chars)]
    return lines


def _badges(place: Place, style: Style) -> list[tuple[float, int, float, str, str]]:
    """(x, line, width, text, kind) of the degree and focus badges: side by side, on a second line when the
    box is too narrow for both."""
    placed, bx, row = [], 0, 0
    for text, kind in ((place.degree, "degree"), (place.focus_label, "focus")):
        if text:
            w = style.text_width(text) - 2
            if bx and bx + w > style.node_width - 2 * style.pad:
                bx, row = 0, row + 1
            placed.append((bx, row, w, text, kind))
            bx += w + 4
    return placed


def _row_heights(rows: list[list[str]], text_lines: dict, badges: dict, style: Style) -> list[float]:
    """The text decides each row's height; every box of a row is as tall as the tallest."""
    heights = []
    for row in rows:
        lines = max(len(text_lines[k]) for k in row)
        badge_lines = max((b[1] + 1 for k in row for b in badges[k]), default=0)
        heights.append(2 * style.pad + lines * style.line + badge_lines * (style.line + 6))
    return heights


def _node(
    place: Place,
    x: float,
    top: float,
    height: float,
    text_lines: list[tuple[str, bool]],
    badges: list[tuple[float, int, float, str, str]],
    style: Style,
) -> Node:
    """A box centred on `x`, its text and badges placed inside."""
    left = x - style.node_width / 2
    lines = tuple(
        (round(top + style.pad + (i + 1) * style.line - 4, 1), text, first) for i, (text, first) in enumerate(text_lines)
    )
    badge_y = top + style.pad + len(text_lines) * style.line + 2
    placed = tuple(
        (round(left + style.pad + bx, 1), round(badge_y + row * (style.line + 6), 1), round(w, 1), text, kind)
        for bx, row, w, text, kind in badges
    )
    return Node(place, round(left, 1), round(top, 1), style.node_width, height, lines, placed, round(left + style.pad, 1))


# ---- Level stripes down the drawing ----


def _stripes(
    rows: list[list[str]],
    places: dict[str, Place],
    heights: list[float],
    style: Style,
    level_labels: dict[int, str],
    more: dict[int, float],
) -> tuple[list[float], tuple[LevelStripe, ...], float]:
    """Each level is a stripe, its name above its first row; arrows cross from stripe to stripe. `more` is the
    room added above a row (half above the level's name, half below), and below the last row at `len(rows)`.
    The top of each row, the stripes, and the drawing's height."""
    tops, spans = [], []  # spans: [level, top, bottom, first row]
    y = style.margin
    for r, row in enumerate(rows):
        level = places[row[0]].level
        gap = style.layer_gap + more.get(r, 0)
        if not spans or spans[-1][0] != level:
            if spans:
                spans[-1][2] = y + gap * 0.35
                y = spans[-1][2]
            spans.append([level, y, 0, r])
            y += style.stripe_label + (gap * 0.35 if len(spans) > 1 else more.get(r, 0))
        else:
            y += gap
        tops.append(y)
        y += heights[r]
    y += more.get(len(rows), 0)
    spans[-1][2] = y + 12
    stripes = tuple(
        LevelStripe(level_labels.get(level, ""), round(top, 1), round(bottom - top, 1), i % 2 == 0, first)
        for i, (level, top, bottom, first) in enumerate(spans)
    )
    return tops, stripes, y + 12 + style.margin


# ---- Arrows, and room for their labels ----

CELL = 16  # px: the side of the squares the arrows' points are sorted into, to find those near a label quickly
ARROWHEAD = 15  # px around the end of an arrow that its head may cover (7 stroke widths, and a margin)
Box = tuple[float, float, float, float]  # left, top, right, bottom
Cubic = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class _Curve:
    """An arrow as drawn, before its label is placed."""

    path: str  # the d attribute
    pieces: tuple[Cubic, ...]  # every stretch of it, straight ones included, to find what it crosses
    spots: tuple[tuple[float, float], ...]  # where its label may go, the best first
    rows: tuple[int, ...]  # the rows above whose gap it crosses (len(rows) for below the last): room grows there
    end: tuple[float, float]  # where its head points


class _Room:
    """What a label must keep clear of: the boxes, the arrows (but its own), the arrowheads, the levels' names and
    the labels placed so far; and the drawing's edges."""

    def __init__(self, width: float, boxes: list[Box], curves: dict[int, _Curve]):
        self.width = width
        self.taken = list(boxes)
        self.taken += [(x - ARROWHEAD, y - ARROWHEAD, x + ARROWHEAD, y + ARROWHEAD) for x, y in (c.end for c in curves.values())]
        self.points: dict[tuple[int, int], list[tuple[float, float, int]]] = defaultdict(list)
        for index, curve in curves.items():
            for piece in curve.pieces:
                steps = max(8, int(_length(piece) / 2))
                for k in range(steps + 1):
                    x, y = _bezier(*piece, k / steps)
                    self.points[(int(x // CELL), int(y // CELL))].append((x, y, index))

    def is_free(self, box: Box, own: int | None = None) -> bool:
        left, top, right, bottom = box
        if left < 0 or right > self.width:
            return False
        if any(left < o[2] and o[0] < right and top < o[3] and o[1] < bottom for o in self.taken):
            return False
        for cx in range(int(left // CELL), int(right // CELL) + 1):
            for cy in range(int(top // CELL), int(bottom // CELL) + 1):
                for x, y, index in self.points.get((cx, cy), ()):
                    if index != own and left - 2 <= x <= right + 2 and top - 2 <= y <= bottom + 2:
                        return False
        return True

    def find(self, boxes, own: int | None = None) -> Box | None:
        """The first of `boxes` that is free, now taken; None when none is."""
        found = next((box for box in boxes if self.is_free(box, own)), None)
        if found is not None:
            self.taken.append(found)
        return found


def _edges(
    grid: _Grid,
    nodes: dict[str, Node],
    tops: list[float],
    heights: list[float],
    style: Style,
    stripes: tuple[LevelStripe, ...],
    width: float,
) -> tuple[tuple[Edge, ...], tuple[LevelStripe, ...], set[int]]:
    """Arrows leave the bottom of a box and enter the top of the next, in gentle curves; each box's arrows are
    spread along its edge in the order of where they go, so they do not pile up. Then the levels' names and
    the arrows' labels, each where nothing else is drawn: moves within a row first (they have least choice).
    The arrows, the stripes with their names placed, and the rows above which a label found no room."""
    paths = _paths(grid)
    port_x = _ports(grid, paths, nodes)
    curves = {}
    for index, (move, _passing) in enumerate(grid.chains):
        if paths[index] is None:
            curves[index] = _sideways(move, nodes, style, grid.row_of[move.source] + 1)
        else:
            xs = [port_x[(index, "bottom")], *[grid.by_key[k].x for k in paths[index][1:-1]], port_x[(index, "top")]]
            curves[index] = _across(move, paths[index], xs, grid, tops, heights)
    room = _Room(width, [(n.x - 4, n.y - 4, n.x + n.width + 4, n.y + n.height + 4) for n in nodes.values()], curves)
    crowded: set[int] = set()
    stripes = tuple(_level_name(stripe, tops[stripe.first_row], room, crowded) for stripe in stripes)
    edges = {}
    for index in sorted(curves, key=lambda i: paths[i] is not None):
        move, curve = grid.chains[index][0], curves[index]
        edges[index] = _labelled(move, curve, index, style, room, crowded)
    return tuple(edges[i] for i in sorted(edges)), stripes, crowded


def _halves(text: str) -> tuple[str, ...]:
    """The text on two lines as even as can be, broken at a space or after a dash; on one when it has neither."""
    breaks = [(text[:i], text[i + 1 :]) for i, c in enumerate(text) if c == " "]
    breaks += [(text[: i + 1], text[i + 1 :]) for i, c in enumerate(text) if c == "–"]
    return min(breaks, key=lambda pair: max(map(len, pair)), default=(text,))


def _labelled(move: Move, curve: _Curve, index: int, style: Style, room: _Room, crowded: set[int]) -> Edge:
    """The arrow with its label where it stays clear of everything else: on the arrow, else just beside it (on
    either side); on one line, else on two, narrower. When nowhere is free, the rows it crosses are `crowded`."""
    one = (move.duration,)
    for lines in dict.fromkeys((one, _halves(move.duration))):
        w = max(style.text_width(line) for line in lines)
        h = len(lines) * style.line + 3
        boxes = (
            (x - w / 2 + shift, y - h / 2, x + w / 2 + shift, y + h / 2)
            for shift in (0, w / 2 + 4, -w / 2 - 4)
            for x, y in curve.spots
        )
        if (found := room.find(boxes, own=index)) is not None:
            return _edge(move, curve, lines, found, style)
    crowded.update(curve.rows)
    x, y = curve.spots[0]
    w, h = style.text_width(move.duration), style.line + 3
    return _edge(move, curve, one, (x - w / 2, y - h / 2, x + w / 2, y + h / 2), style)


def _edge(move: Move, curve: _Curve, lines: tuple[str, ...], box: Box, style: Style) -> Edge:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    first = y - (len(lines) - 1) * style.line / 2
    placed = tuple((round(first + i * style.line, 1), line) for i, line in enumerate(lines))
    return Edge(move, curve.path, round(x, 1), round(y, 1), round(box[2] - box[0], 1), round(box[3] - box[1], 1), placed)


def _level_name(stripe: LevelStripe, first_top: float, room: _Room, crowded: set[int]) -> LevelStripe:
    """A level's name at the top left of its stripe; further right, or lower (above its first row), where arrows
    leave it room."""
    if not stripe.label:
        return stripe
    for lines in dict.fromkeys(((stripe.label,), _halves(stripe.label))):
        w = max(len(line) for line in lines) * 10 + 8  # capitals at 13 px, spaced a little
        h = 21 + (len(lines) - 1) * 16
        found = room.find(
            (x - 4, stripe.y + 3 + dy, x + w, stripe.y + 3 + h + dy)
            for dy in range(0, max(1, int(first_top - stripe.y - h - 8)), 4)
            for x in range(8, int(room.width - w), 4)
        )
        if found is not None:
            return replace(stripe, label_x=found[0] + 4, label_dy=found[1] - stripe.y - 3, label_lines=lines)
    crowded.add(stripe.first_row)
    return stripe


def _paths(grid: _Grid) -> list[list[str] | None]:
    """For each move across rows, the keys it goes through from its upper end to its lower; None within a row."""
    paths = []
    for move, passing in grid.chains:
        a, b = grid.row_of[move.source], grid.row_of[move.target]
        if a == b:
            paths.append(None)
            continue
        upper, lower = (move.source, move.target) if a < b else (move.target, move.source)
        paths.append([upper, *[p.key for p in (passing if a < b else reversed(passing))], lower])
    return paths


def _ports(grid: _Grid, paths: list[list[str] | None], nodes: dict[str, Node]) -> dict[tuple[int, str], float]:
    """Where each arrow leaves its upper box ("bottom") and enters its lower one ("top"), by the move's index."""
    ports = defaultdict(list)  # (key, side) -> [(other x, chain index)]
    for index, path in enumerate(paths):
        if path is not None:
            ports[(path[0], "bottom")].append((grid.by_key[path[1]].x, index))
            ports[(path[-1], "top")].append((grid.by_key[path[-2]].x, index))
    port_x = {}
    for (key, side), ends in ports.items():
        node = nodes[key]
        ends.sort()
        span = node.width * 0.9
        for i, (_x, index) in enumerate(ends):
            port_x[(index, side)] = node.x + node.width / 2 + (span * ((i + 1) / (len(ends) + 1) - 0.5))
    return port_x


ALONG = tuple(sorted((k / 40 for k in range(2, 39)), key=lambda t: abs(t - 0.5)))  # where on a curve a label may go


def _across(move: Move, path: list[str], xs: list[float], grid: _Grid, tops: list[float], heights: list[float]) -> _Curve:
    """A move from row to row, through `xs` (one x per key of `path`): cubic curves across the gaps, straight
    lines through the rows between. Its label goes best in the middle, else further along."""
    rows = [grid.row(key) for key in path]
    segments = []
    for i in range(len(path) - 1):
        y0 = tops[rows[i]] + heights[rows[i]]
        y1 = tops[rows[i + 1]]
        mid = (y0 + y1) / 2
        segments.append(((xs[i], y0), (xs[i], mid), (xs[i + 1], mid), (xs[i + 1], y1)))
    through = [_straight(a[3], b[0]) for a, b in itertools.pairwise(segments)]
    middle = (len(segments) - 1) / 2
    order = sorted((abs(s - middle) + abs(t - 0.5), s, t) for s in range(len(segments)) for t in ALONG)
    spots = [_bezier(*segments[s], t) for _d, s, t in order]
    end = segments[-1][3]
    if grid.row_of[move.source] > grid.row_of[move.target]:  # drawn from the lower box up to the upper one
        end = segments[0][0]
        segments = [(d, c, b, a) for a, b, c, d in reversed(segments)]
    return _Curve(_svg_path(segments), (*segments, *through), tuple(spots), tuple(rows[1:]), end)


def _straight(a: tuple[float, float], b: tuple[float, float]) -> Cubic:
    return (a, a, b, b)


def _length(piece: Cubic) -> float:
    """About how long a curve is: the length of its control polygon."""
    return sum(math.dist(p, q) for p, q in itertools.pairwise(piece))


def _bezier(p0, p1, p2, p3, t):
    return tuple(
        (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t**2 * c + t**3 * d
        for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
    )


def _svg_path(segments) -> str:
    """The d attribute of curves one after the other, joined by straight lines."""
    d = f"M{segments[0][0][0]:.1f},{segments[0][0][1]:.1f}"
    for i, (_p0, p1, p2, p3) in enumerate(segments):
        if i:
            d += f" L{segments[i][0][0]:.1f},{segments[i][0][1]:.1f}"
        d += f" C{p1[0]:.1f},{p1[1]:.1f} {p2[0]:.1f},{p2[1]:.1f} {p3[0]:.1f},{p3[1]:.1f}"
    return d


def _sideways(move: Move, nodes: dict[str, Node], style: Style, row_below: int) -> _Curve:
    """A move within a row: a straight arrow between two boxes side by side, its label in the middle, or an arc
    under the row, its label anywhere along it."""
    source, target = nodes[move.source], nodes[move.target]
    y = source.y + source.height / 2
    rightwards = target.x > source.x
    x0 = source.x + (source.width if rightwards else 0)
    x1 = target.x + (0 if rightwards else target.width)
    between = [n for n in nodes.values() if n.y == source.y and min(x0, x1) < n.x + n.width / 2 < max(x0, x1)]
    if style.side_by_side and not between:
        line = _straight((x0, y), (x1, y))
        return _Curve(f"M{x0:.1f},{y:.1f} L{x1:.1f},{y:.1f}", (line,), (((x0 + x1) / 2, y),), (row_below,), (x1, y))
    bottom = source.y + source.height
    sx, tx = source.x + source.width / 2, target.x + target.width / 2
    dip = bottom + style.layer_gap * 0.45
    arc = ((sx, bottom), (sx, dip), (tx, dip), (tx, bottom))
    path = f"M{sx:.1f},{bottom:.1f} C{sx:.1f},{dip:.1f} {tx:.1f},{dip:.1f} {tx:.1f},{bottom:.1f}"
    return _Curve(path, (arc,), tuple(_bezier(*arc, t) for t in ALONG), (row_below,), (tx, bottom))
