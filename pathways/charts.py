"""Geometry for the charts drawn as SVG on the server (templates only place the shapes)."""

import math
from dataclasses import dataclass

RADAR_WIDTH, RADAR_HEIGHT = 640, 380  # room beside the circle for the skill names
RADAR_RADIUS = 140
TIMELINE_WIDTH = 760
TIMELINE_LABEL_WIDTH = 280  # a column for step names, bars to its right
TIMELINE_ROW = 30


@dataclass(frozen=True)
class RadarAxis:
    label: str
    you: int
    target: int
    end_x: float
    end_y: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor, so labels sit outside the circle


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


def radar(values: list[tuple[str, int, int]], max_level: int = 5) -> Radar | None:
    """(label, your level, level asked) per skill; needs three skills or more to draw a shape."""
    if len(values) < 3:
        return None
    center_x, center_y = RADAR_WIDTH / 2, RADAR_HEIGHT / 2
    angles = [-math.pi / 2 + 2 * math.pi * i / len(values) for i in range(len(values))]

    def point(angle: float, level: float) -> tuple[float, float]:
        distance = RADAR_RADIUS * level / max_level
        return round(center_x + distance * math.cos(angle), 1), round(center_y + distance * math.sin(angle), 1)

    def polygon(levels: list[float]) -> str:
        return " ".join(f"{x},{y}" for x, y in (point(a, lv) for a, lv in zip(angles, levels, strict=True)))

    axes = []
    for angle, (label, you, target) in zip(angles, values, strict=True):
        end_x, end_y = point(angle, max_level)
        label_x, label_y = point(angle, max_level * 1.08)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        axes.append(RadarAxis(label, you, target, end_x, end_y, label_x, label_y, anchor))
    return Radar(
        width=RADAR_WIDTH,
        height=RADAR_HEIGHT,
        center_x=center_x,
        center_y=center_y,
        axes=tuple(axes),
        you_points=polygon([you for _, you, _ in values]),
        target_points=polygon([target for _, _, target in values]),
        rings=tuple(polygon([level] * len(values)) for level in range(1, max_level + 1)),
    )


@dataclass(frozen=True)
class TimelineBar:
    label: str
    kind: str  # "degree" or "role"
    start: int  # months from now
    months: int
    x: float
    width: float
    y: int  # top of the row


@dataclass(frozen=True)
class Timeline:
    label_width: int
    width: int
    height: int
    bars: tuple[TimelineBar, ...]
    total_months: int
    ticks: tuple[tuple[float, int], ...]  # (x, years) marks along the axis


def timeline(segments: list[tuple[str, str, int]]) -> Timeline:
    """(label, kind, months) in order; each bar starts where the previous one ends."""
    total = sum(months for _, _, months in segments)
    left, right = TIMELINE_LABEL_WIDTH, TIMELINE_WIDTH - 20
    scale = (right - left) / total if total else 0
    bars, start = [], 0
    for row, (label, kind, months) in enumerate(segments):
        bars.append(TimelineBar(label, kind, start, months, round(left + start * scale, 1),
                                round(max(months * scale, 3), 1), row * TIMELINE_ROW + 6))
        start += months
    years = total // 12
    step = max(1, math.ceil(years / 8)) if years else 1
    ticks = tuple((round(left + year * 12 * scale, 1), year) for year in range(0, years + 1, step))
    return Timeline(left, TIMELINE_WIDTH, len(segments) * TIMELINE_ROW + 30, tuple(bars), total, ticks)
