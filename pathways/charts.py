"""Geometry for the charts drawn as SVG on the server (templates only place the shapes).

Text is set at 14 CSS px and never cut: long labels wrap onto several lines. The radar scales
with its viewBox, so it is shown only where it is drawn at nearly its full size; on narrow screens
the same values are drawn as bars, whose geometry is in percentages of the chart's width, so their
text keeps its size at any width (as does the route chart's).
"""

import itertools
import math
from dataclasses import dataclass
from datetime import date

from .svg import wrapped

LINE = 17  # the height of a line of chart text, in CSS px (text is 14 px)
RADAR_WIDTH = 720  # the circle and room on either side for its labels
RADAR_RADIUS = 140
RADAR_LABEL_CHARS = 22  # a line of a radar label: fits between the circle and the chart's edge
RADAR_POLE_CHARS = 14  # above and below the circle, narrower, to keep clear of the labels beside
BAR_LABEL_CHARS = 38  # a line of a bar's label: fits a phone 320 px wide
BAR_HEIGHT = 14
ROUTE_BAR_HEIGHT = 22
ROW_GAP = 10
MAX_TICKS = 5  # year marks along the route chart's axis: room for each on a phone
NARROWEST = 296  # px: the route chart on a phone 320 px wide, where its step numbers must not touch
DIGIT = 9  # px: a digit of a step number (bold, 14 px), a little wide
NUMBER_GAP = 4  # px between two step numbers on the same line
END_ANCHORED = 96  # percent: a step number starting further right ends where its step starts, inside the chart


@dataclass(frozen=True)
class RadarAxis:
    label: str
    you: int
    target: int
    end_x: float
    end_y: float
    label_x: float
    lines: tuple[tuple[float, str], ...]  # (y, text) of each line of the label
    anchor: str  # text-anchor, so labels sit outside the circle

    @property
    def label_y(self) -> float:
        """The middle of the label's block of lines."""
        return (self.lines[0][0] + self.lines[-1][0]) / 2


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    center_x: float
    center_y: float
    axes: tuple[RadarAxis, ...]
    you_points: str
    target_points: str
    rings: tuple[str, ...]  # one polygon per level, for the grid
    bars: "SkillBars"  # the same values, for narrow screens


def radar_label(angle: float, label: str) -> tuple[float, str, list[tuple[float, str]]]:
    """Where a skill's label stands beside its axis, around a centre at y = 0: (x, text anchor, (y, line) per
    wrapped line), below the axis's end at the bottom, above it at the top, beside it elsewhere."""
    cos, sin = math.cos(angle), math.sin(angle)
    at_pole = abs(cos) < 0.3
    distance = RADAR_RADIUS * 1.1
    lines = wrapped(label, RADAR_POLE_CHARS if at_pole else RADAR_LABEL_CHARS)
    block = (len(lines) - 1) * LINE
    y = distance * sin
    first = y - block - LINE / 2 if sin < -0.3 else (y + LINE / 2 if sin > 0.3 else y - block / 2)
    anchor = "middle" if at_pole else ("start" if cos > 0 else "end")
    x = RADAR_WIDTH / 2 + distance * cos + (4 if cos > 0.3 else -4 if cos < -0.3 else 0)
    return x, anchor, [(first + i * LINE, line) for i, line in enumerate(lines)]


def radar(values: list[tuple[str, int, int]], max_level: int = 5) -> Radar | None:
    """(label, your level, level asked) per skill; needs three skills or more to draw a shape."""
    if len(values) < 3:
        return None
    angles = [-math.pi / 2 + 2 * math.pi * i / len(values) for i in range(len(values))]
    center_x = RADAR_WIDTH / 2

    # Labels first, around a centre at y = 0: their lines decide how tall the chart must be.
    placed = [radar_label(angle, label) for angle, (label, _you, _target) in zip(angles, values, strict=True)]
    top = min(-RADAR_RADIUS, *(lines[0][0] - LINE for _x, _a, lines in placed)) - 4
    bottom = max(RADAR_RADIUS, *(lines[-1][0] + LINE / 2 for _x, _a, lines in placed)) + 4
    center_y = -top

    def point(angle: float, level: float) -> tuple[float, float]:
        distance = RADAR_RADIUS * level / max_level
        return round(center_x + distance * math.cos(angle), 1), round(center_y + distance * math.sin(angle), 1)

    def polygon(levels: list[float]) -> str:
        return " ".join(f"{x},{y}" for x, y in (point(a, lv) for a, lv in zip(angles, levels, strict=True)))

    axes = []
    for angle, (label, you, target), (label_x, anchor, lines) in zip(angles, values, placed, strict=True):
        end_x, end_y = point(angle, max_level)
        axes.append(
            RadarAxis(
                label,
                you,
                target,
                end_x,
                end_y,
                round(label_x, 1),
                tuple((round(center_y + y, 1), line) for y, line in lines),
                anchor,
            )
        )
    return Radar(
        width=RADAR_WIDTH,
        height=math.ceil(bottom - top),
        center_x=center_x,
        center_y=round(center_y, 1),
        axes=tuple(axes),
        you_points=polygon([you for _, you, _ in values]),
        target_points=polygon([target for _, _, target in values]),
        rings=tuple(polygon([level] * len(values)) for level in range(1, max_level + 1)),
        bars=skill_bars(values, max_level),
    )


def share(part: float, whole: float) -> float:
    """A length in percent of the chart's width, leaving half a percent each side for the strokes."""
    return round(99 * part / whole, 2) if whole else 0


@dataclass(frozen=True)
class SkillBar:
    lines: tuple[tuple[int, str], ...]  # (y, text) of each line of the skill's name
    you: int
    target: int
    you_width: float  # percent
    target_width: float  # percent
    y: int  # top of the bar


@dataclass(frozen=True)
class SkillBars:
    height: int
    bars: tuple[SkillBar, ...]


def skill_bars(values: list[tuple[str, int, int]], max_level: int = 5) -> SkillBars:
    """One row per skill: its name, then a bar as long as your level inside the outline of the level asked."""
    bars, y = [], 0
    for label, you, target in values:
        lines = wrapped(label, BAR_LABEL_CHARS)
        text = tuple((y + (i + 1) * LINE - 4, line) for i, line in enumerate(lines))
        top = y + len(lines) * LINE
        bars.append(SkillBar(text, you, target, share(you, max_level), share(target, max_level), top))
        y = top + BAR_HEIGHT + ROW_GAP
    return SkillBars(y, tuple(bars))


@dataclass(frozen=True)
class Tick:
    x: float  # percent
    years: int
    anchor: str  # the first and last marks stay inside the chart


def year_ticks(months: int) -> tuple[Tick, ...]:
    """Marks along an axis of `months`: every year, or every few years so that a phone has room for each."""
    years = months // 12
    step = max(1, math.ceil(years / (MAX_TICKS - 1))) if years else 1
    ticks = []
    for year in range(0, years + 1, step):
        x = round(0.5 + share(year * 12, months), 2)
        ticks.append(Tick(x, year, "start" if x < 5 else ("end" if x > 95 else "middle")))
    return tuple(ticks)


@dataclass(frozen=True)
class Segment:
    """One step of a route on the chart: the solid part is its low estimate."""

    number: int  # its number in the route's list of steps
    label: str
    duration: str  # as the page writes it
    kind: str  # "degree" or "role"
    start: int  # months from now, when every earlier step takes its low estimate
    min_months: int
    max_months: int
    x: float  # percent; the step's number stands above it
    width: float  # percent
    number_y: int
    number_anchor: str


@dataclass(frozen=True)
class Lane:
    """One route: its steps one after another, then a lighter span up to the route's high estimate."""

    key: str
    title: str
    segments: tuple[Segment, ...]
    min_months: int
    max_months: int
    range_x: float  # percent
    range_width: float  # percent
    height: int
    bar_y: int


@dataclass(frozen=True)
class RouteChart:
    lanes: tuple[Lane, ...]
    scale_months: int  # the axis, shared by every lane: the longest route's high estimate
    ticks: tuple[Tick, ...]


Step = tuple[int, str, str, str, int, int]  # number, label, duration, kind, low months, high months


def route_chart(routes: list[tuple[str, str, list[Step]]]) -> RouteChart:
    """All routes on one axis of years, in the order given (the quickest first): (key, title, steps) per
    route, its steps in order.

    Each step's solid segment is as long as its low estimate and starts where the previous one's solid
    segment ends, so the solid chain ends at the route's low estimate: the earliest a person following it
    could be ready, and the point to compare routes by. What each step may take beyond its low estimate
    is not drawn step by step (those extensions would overlap the next step, or push it to a start that
    is not its likely one); it is added up and drawn once, lighter, after the chain, up to the route's
    high estimate. The list of steps under each lane gives each step's own range.
    """
    scale = max((sum(step[5] for step in steps) for _key, _title, steps in routes), default=0) or 1
    lanes = []
    for key, title, steps in routes:
        starts = list(itertools.accumulate((step[4] for step in steps), initial=0))
        low_total, high_total = starts.pop(), sum(step[5] for step in steps)
        xs = [round(0.5 + share(start, scale), 2) for start in starts]
        levels = number_levels([(x, str(step[0])) for x, step in zip(xs, steps, strict=True)])
        bar_y = (max(levels, default=0) + 1) * LINE + 4
        segments = tuple(
            Segment(
                number,
                label,
                duration,
                kind,
                start,
                low,
                high,
                x,
                max(share(low, scale), 0.4),
                bar_y - 5 - level * LINE,
                "end" if x > END_ANCHORED else "start",
            )
            for (number, label, duration, kind, low, high), start, x, level in zip(steps, starts, xs, levels, strict=True)
        )
        lanes.append(
            Lane(
                key,
                title,
                segments,
                low_total,
                high_total,
                round(0.5 + share(low_total, scale), 2),
                share(high_total - low_total, scale),
                bar_y + ROUTE_BAR_HEIGHT + 2,
                bar_y,
            )
        )
    return RouteChart(tuple(lanes), scale, year_ticks(scale))


def number_levels(numbers: list[tuple[float, str]]) -> list[int]:
    """The line each step's number goes on, 0 just above the bar: the first line where it stays clear of
    the numbers before it on a chart as narrow as a small phone's."""
    ends: list[float] = []  # where the last number on each line ends, in px
    levels = []
    for x, text in numbers:
        width = len(text) * DIGIT
        start = x * NARROWEST / 100 - (width if x > END_ANCHORED else 0)
        level = next((i for i, end in enumerate(ends) if end + NUMBER_GAP <= start), len(ends))
        if level == len(ends):
            ends.append(0)
        ends[level] = start + width
        levels.append(level)
    return levels


GAUGE_RADIUS = 50
GAUGE_STROKE = 14


@dataclass(frozen=True)
class Gauge:
    """A half circle filled from its left end in proportion to the score; sized in px, small enough for any screen."""

    width: int
    height: int
    track: str  # the path of the whole half circle
    value: str  # the path of the arc up to the score; "" for a score of 0
    end_x: float  # where the arc ends
    end_y: float


def gauge(total: int, most: int = 100) -> Gauge:
    center_x = center_y = GAUGE_RADIUS + GAUGE_STROKE / 2 + 1

    def at(fraction: float) -> tuple[float, float]:
        angle = math.pi * (1 - fraction)
        return round(center_x + GAUGE_RADIUS * math.cos(angle), 2), round(center_y - GAUGE_RADIUS * math.sin(angle), 2)

    def arc(fraction: float) -> str:
        (start_x, start_y), (end_x, end_y) = at(0), at(fraction)
        return f"M {start_x} {start_y} A {GAUGE_RADIUS} {GAUGE_RADIUS} 0 0 1 {end_x} {end_y}"

    fraction = min(max(total / most, 0), 1)
    end_x, end_y = at(fraction)
    return Gauge(round(2 * center_x), math.ceil(center_y + 1), arc(1), arc(fraction) if fraction else "", end_x, end_y)


HISTORY_WIDTH = 320  # drawn at this size or larger (its text stays at least 11 px on a phone)
HISTORY_HEIGHT = 150
HISTORY_LEFT = 34  # room for the score marks
HISTORY_RIGHT = 12
HISTORY_TOP = 10
HISTORY_BOTTOM = 30  # room for the first and last dates


@dataclass(frozen=True)
class HistoryPoint:
    day: date
    total: int
    band: str  # evaluation.Band's value, for its colour
    band_label: str
    what: str  # what changed just before, in words
    x: float
    y: float


@dataclass(frozen=True)
class ScoreHistory:
    """A person's score over time: one point per measure, joined in order, on a 0–100 scale."""

    width: int
    height: int
    points: tuple[HistoryPoint, ...]
    line: str  # the polyline's points
    score_ticks: tuple[tuple[float, int], ...]  # (y, score) of the horizontal marks
    left: int
    right: float
    bottom: float

    @property
    def first(self) -> HistoryPoint:
        return self.points[0]

    @property
    def last(self) -> HistoryPoint:
        return self.points[-1]

    @property
    def one_day(self) -> bool:
        """Several measures, all of one day (a plan's first day): the axis names that day once, not at each end."""
        return len(self.points) > 1 and self.first.day == self.last.day

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def score_history(points: list[tuple[date, int, str, str, str]]) -> ScoreHistory:
    """`points`: (day, score, band, band in words, what changed), oldest first. Days set the horizontal position; measures made
    the same day sit side by side, a little apart, so each stays visible."""
    right = HISTORY_WIDTH - HISTORY_RIGHT
    bottom = HISTORY_HEIGHT - HISTORY_BOTTOM
    first_day, last_day = points[0][0], points[-1][0]
    span = max((last_day - first_day).days, 1)
    plotted = []
    for index, (day, total, band, band_label, what) in enumerate(points):
        by_day = (day - first_day).days / span if last_day > first_day else 0
        by_order = index / max(len(points) - 1, 1)
        # Mostly by date; a little by order, so measures of one day do not hide one another.
        fraction = 0.85 * by_day + 0.15 * by_order if last_day > first_day else by_order
        x = round(HISTORY_LEFT + fraction * (right - HISTORY_LEFT), 1)
        y = round(bottom - total / 100 * (bottom - HISTORY_TOP), 1)
        plotted.append(HistoryPoint(day, total, band, band_label, what, x, y))
    ticks = tuple((round(bottom - score / 100 * (bottom - HISTORY_TOP), 1), score) for score in (0, 50, 100))
    return ScoreHistory(
        HISTORY_WIDTH,
        HISTORY_HEIGHT,
        tuple(plotted),
        " ".join(f"{point.x},{point.y}" for point in plotted),
        ticks,
        HISTORY_LEFT,
        right,
        bottom,
    )
