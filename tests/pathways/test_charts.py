import math

import pytest

from pathways import charts


def test_a_radar_needs_three_skills_to_draw_a_shape():
    assert charts.radar([("A", 1, 2), ("B", 2, 3)]) is None


def test_radar_axes_end_on_the_outer_ring_and_points_sit_at_their_level():
    radar = charts.radar([("A", 5, 5), ("B", 0, 5), ("C", 2, 4), ("D", 1, 3)])
    for axis in radar.axes:
        distance = math.dist((radar.center_x, radar.center_y), (axis.end_x, axis.end_y))
        assert distance == pytest.approx(charts.RADAR_RADIUS, abs=0.2)
    you = [tuple(map(float, point.split(","))) for point in radar.you_points.split()]
    first = math.dist((radar.center_x, radar.center_y), you[0])
    assert first == pytest.approx(charts.RADAR_RADIUS, abs=0.2)  # A: 5 of 5
    assert you[1] == (radar.center_x, radar.center_y)  # B: never practised
    assert len(radar.rings) == 5


def test_radar_labels_lean_away_from_the_circle():
    radar = charts.radar([("top", 1, 1), ("right", 1, 1), ("bottom", 1, 1), ("left", 1, 1)])
    assert [axis.anchor for axis in radar.axes] == ["middle", "start", "middle", "end"]
    top = radar.axes[0]
    assert top.label_y < top.end_y  # outside the circle, above its top


def test_timeline_bars_follow_each_other_and_their_length_follows_the_months():
    timeline = charts.timeline([("Licence", "degree", 36), ("Superviseur", "role", 12), ("Responsable", "role", 24)])
    first, second, third = timeline.bars
    assert (first.start, second.start, third.start) == (0, 36, 48)
    assert second.x == pytest.approx(first.x + first.width, abs=0.2)
    assert third.width == pytest.approx(2 * second.width, abs=0.2)
    assert timeline.total_months == 72
    assert [years for _x, years in timeline.ticks] == list(range(0, 7))
    assert [bar.kind for bar in timeline.bars] == ["degree", "role", "role"]


def test_a_step_of_no_time_is_still_visible_and_a_long_route_keeps_few_ticks():
    timeline = charts.timeline([("Postuler", "role", 0), ("Long", "role", 30 * 12)])
    assert timeline.bars[0].width > 0
    assert len(timeline.ticks) <= 9
