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
    assert [tick.years for tick in timeline.ticks] == [0, 2, 4, 6]
    assert [bar.kind for bar in timeline.bars] == ["degree", "role", "role"]


def test_a_step_of_no_time_is_still_visible_and_a_long_route_keeps_few_ticks():
    timeline = charts.timeline([("Postuler", "role", 0), ("Long", "role", 30 * 12)])
    assert timeline.bars[0].width > 0
    assert len(timeline.ticks) <= charts.MAX_TICKS


def test_timeline_marks_stay_inside_the_chart():
    ticks = charts.timeline([("Responsable", "role", 12 * 12)]).ticks
    assert (ticks[0].x, ticks[0].anchor) == (0.5, "start")
    assert (ticks[-1].x, ticks[-1].anchor) == (99.5, "end")
    assert {tick.anchor for tick in ticks[1:-1]} == {"middle"}


LONG = "Directeur exécutif des opérations / Directrice exécutive des opérations"


def test_long_labels_wrap_onto_lines_and_lose_no_word():
    timeline = charts.timeline([(LONG, "role", 24), ("Licence", "degree", 36)])
    lines = [text for _y, text in timeline.bars[0].lines]
    assert len(lines) == 2 and " ".join(lines) == LONG
    assert all(len(line) <= charts.BAR_LABEL_CHARS for line in lines)
    first, second = timeline.bars
    assert first.lines[-1][0] < first.y < second.lines[0][0] < second.y  # each label above its own bar


def test_bars_give_the_same_values_as_the_radar_whole_names_above_each_bar():
    values = [("Communication entre services", 2, 5), ("Supervision des opérations quotidiennes", 0, 4),
              ("Allocation des ressources", 5, 5)]
    bars = charts.radar(values).bars.bars
    assert [" ".join(text for _y, text in bar.lines) for bar in bars] == [label for label, _you, _target in values]
    assert [(bar.you, bar.target) for bar in bars] == [(2, 5), (0, 4), (5, 5)]
    assert bars[0].you_width == pytest.approx(bars[0].target_width * 2 / 5)
    assert bars[1].you_width == 0 and bars[2].you_width == bars[2].target_width == 99
    assert [bar.y for bar in bars] == sorted(bar.y for bar in bars)


def test_radar_labels_are_whole_and_inside_the_drawing():
    names = ["Communication entre services", "Leadership d’équipe", "Écoute des collaborateurs",
             "Agilité face au changement", "Planification stratégique", "Vision d’ensemble de l’entreprise",
             "Allocation des ressources", "Amélioration continue", "Gestion de crise et plans d’urgence",
             "Optimisation des flux de travail", "Suivi de la performance et rapports",
             "Supervision des opérations quotidiennes", "Outils numériques et données", "Pratiques durables et RSE"]
    radar = charts.radar([(name, 2, 4) for name in names])
    char = 14 * 0.6  # a wide estimate of a character at 14 px
    for axis in radar.axes:
        assert " ".join(text for _y, text in axis.lines) == axis.label  # never cut
        longest = max(len(text) for _y, text in axis.lines) * char
        left = {"start": axis.label_x, "end": axis.label_x - longest, "middle": axis.label_x - longest / 2}[axis.anchor]
        assert 0 <= left and left + longest <= radar.width, axis.label
        assert all(charts.LINE / 2 <= y <= radar.height - charts.LINE / 2 for y, _text in axis.lines), axis.label
