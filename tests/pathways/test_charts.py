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


def step(number, label, kind, low, high):
    return (number, label, f"{low}–{high}", kind, low, high)


def test_route_segments_follow_each_other_at_their_low_estimates_with_widths_in_proportion():
    chart = charts.route_chart(
        [
            (
                "best",
                "Le plus court",
                [
                    step(1, "Licence", "degree", 36, 36),
                    step(2, "Superviseur", "role", 12, 36),
                    step(3, "Responsable", "role", 24, 48),
                ],
            )
        ]
    )
    (lane,) = chart.lanes
    first, second, third = lane.segments
    assert (first.start, second.start, third.start) == (0, 36, 48)
    assert second.x == pytest.approx(first.x + first.width, abs=0.01)
    assert third.x == pytest.approx(second.x + second.width, abs=0.01)
    per_month = first.width / 36
    assert second.width == pytest.approx(12 * per_month, abs=0.01) and third.width == pytest.approx(24 * per_month, abs=0.01)
    # The lighter span starts where the solid chain ends and is as long as the months beyond the low estimates.
    assert (lane.min_months, lane.max_months) == (72, 120)
    assert lane.range_x == pytest.approx(third.x + third.width, abs=0.01)
    assert lane.range_width == pytest.approx((120 - 72) * per_month, abs=0.01)
    assert lane.range_x + lane.range_width == pytest.approx(99.5, abs=0.01)  # the longest route fills the axis
    assert [segment.kind for segment in lane.segments] == ["degree", "role", "role"]
    assert [tick.years for tick in chart.ticks] == [0, 3, 6, 9]


def test_routes_share_one_axis_so_their_lengths_compare():
    chart = charts.route_chart(
        [
            ("best", "Le plus court", [step(1, "A", "role", 12, 24), step(2, "B", "role", 24, 36)]),
            ("alt", "Par : C", [step(1, "A", "role", 12, 24), step(2, "C", "role", 48, 96)]),
        ]
    )
    best, alternative = chart.lanes
    assert chart.scale_months == 120
    assert best.segments[0].width == alternative.segments[0].width  # the same step, the same length
    assert best.range_x + best.range_width == pytest.approx(0.5 + 99 * 60 / 120, abs=0.01)
    assert alternative.segments[1].width == pytest.approx(2 * best.segments[1].width, abs=0.01)


def test_a_step_of_no_time_is_still_visible_and_a_long_route_keeps_few_ticks():
    chart = charts.route_chart([("best", "", [step(1, "Postuler", "role", 0, 0), step(2, "Long", "role", 360, 360)])])
    assert chart.lanes[0].segments[0].width > 0
    assert chart.lanes[0].range_width == 0
    assert len(chart.ticks) <= charts.MAX_TICKS


def test_route_axis_marks_stay_inside_the_chart():
    ticks = charts.route_chart([("best", "", [step(1, "Responsable", "role", 144, 144)])]).ticks
    assert (ticks[0].x, ticks[0].anchor) == (0.5, "start")
    assert (ticks[-1].x, ticks[-1].anchor) == (99.5, "end")
    assert {tick.anchor for tick in ticks[1:-1]} == {"middle"}


def test_step_numbers_too_close_together_go_on_another_line():
    chart = charts.route_chart(
        [
            (
                "best",
                "",
                [
                    step(1, "A", "role", 1, 1),
                    step(2, "B", "role", 60, 60),
                    step(3, "C", "role", 1, 1),
                    step(4, "D", "role", 40, 40),
                ],
            )
        ]
    )
    lane = chart.lanes[0]
    one, two, three, four = lane.segments
    assert one.number_y != two.number_y  # a month apart: they would touch on a phone
    assert three.number_y == one.number_y > two.number_y  # far enough: back on the line just above the bar
    assert four.number_y == two.number_y
    assert all(segment.number_y < lane.bar_y for segment in lane.segments)
    assert min(segment.number_y for segment in lane.segments) >= charts.LINE - 5


def test_a_step_number_at_the_chart_s_end_keeps_clear_of_the_one_before():
    """Near the right edge a number ends where its step starts: it reaches back towards the number before."""
    chart = charts.route_chart(
        [("best", "", [step(1, "A", "role", 30, 30), step(2, "B", "role", 2, 2), step(3, "C", "role", 1, 1)])]
    )
    _one, two, three = chart.lanes[0].segments
    assert three.number_anchor == "end" and two.number_anchor == "start"
    two_end = two.x * charts.NARROWEST / 100 + charts.DIGIT
    three_start = three.x * charts.NARROWEST / 100 - charts.DIGIT
    assert two.number_y != three.number_y or three_start >= two_end + charts.NUMBER_GAP


def test_bars_give_the_same_values_as_the_radar_whole_names_above_each_bar():
    values = [
        ("Communication entre services", 2, 5),
        ("Supervision des opérations quotidiennes", 0, 4),
        ("Allocation des ressources", 5, 5),
    ]
    bars = charts.radar(values).bars.bars
    assert [" ".join(text for _y, text in bar.lines) for bar in bars] == [label for label, _you, _target in values]
    assert [(bar.you, bar.target) for bar in bars] == [(2, 5), (0, 4), (5, 5)]
    assert bars[0].you_width == pytest.approx(bars[0].target_width * 2 / 5)
    assert bars[1].you_width == 0 and bars[2].you_width == bars[2].target_width == 99
    assert [bar.y for bar in bars] == sorted(bar.y for bar in bars)


def test_radar_labels_are_whole_and_inside_the_drawing():
    names = [
        "Communication entre services",
        "Leadership d’équipe",
        "Écoute des collaborateurs",
        "Agilité face au changement",
        "Planification stratégique",
        "Vision d’ensemble de l’entreprise",
        "Allocation des ressources",
        "Amélioration continue",
        "Gestion de crise et plans d’urgence",
        "Optimisation des flux de travail",
        "Suivi de la performance et rapports",
        "Supervision des opérations quotidiennes",
        "Outils numériques et données",
        "Pratiques durables et RSE",
    ]
    radar = charts.radar([(name, 2, 4) for name in names])
    char = 14 * 0.6  # a wide estimate of a character at 14 px
    for axis in radar.axes:
        assert " ".join(text for _y, text in axis.lines) == axis.label  # never cut
        longest = max(len(text) for _y, text in axis.lines) * char
        left = {"start": axis.label_x, "end": axis.label_x - longest, "middle": axis.label_x - longest / 2}[axis.anchor]
        assert 0 <= left and left + longest <= radar.width, axis.label
        assert all(charts.LINE / 2 <= y <= radar.height - charts.LINE / 2 for y, _text in axis.lines), axis.label


@pytest.mark.parametrize(("total", "degrees"), [(0, 0), (25, 45), (50, 90), (53, 95.4), (100, 180)])
def test_the_gauge_fills_its_half_circle_in_proportion_to_the_score(total, degrees):
    gauge = charts.gauge(total)
    center = (gauge.width / 2, charts.GAUGE_RADIUS + charts.GAUGE_STROKE / 2 + 1)
    assert math.dist(center, (gauge.end_x, gauge.end_y)) == pytest.approx(charts.GAUGE_RADIUS, abs=0.02)
    # Measured from the left end, over the top, clockwise on screen.
    swept = math.degrees(math.atan2(center[1] - gauge.end_y, center[0] - gauge.end_x))
    assert swept == pytest.approx(degrees, abs=0.05)
    assert gauge.track.startswith("M 8.0 58.0 A 50 50 0 0 1 108.0 58.0")
    assert (gauge.value == "") == (total == 0)
    assert gauge.end_y <= center[1] < gauge.height  # the half circle stays inside the drawing
