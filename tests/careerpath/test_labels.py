from django.utils import translation

from careerpath.labels import band_label, grouped, months_label, signed
from pathways.evaluation import Band


def test_a_difference_reads_with_its_sign_and_a_true_minus():
    assert [signed(delta) for delta in (5, -3, 0, None)] == ["+5", "−3", "", ""]


def test_a_count_reads_with_its_thousands_apart_as_each_language_writes_them():
    with translation.override("fr"):
        assert [grouped(n) for n in (7, 3007, 124000)] == ["7", "3\u00a0007", "124\u00a0000"]
    with translation.override("en"):
        assert grouped(3007) == "3,007"


def test_a_band_reads_in_words_whichever_way_it_is_named():
    with translation.override("en"):
        assert band_label(Band.NEARLY_THERE) == band_label("nearly-there") == "nearly there"
        assert band_label("") == band_label(None) == ""


def test_no_time_left_reads_as_right_away():
    with translation.override("fr"):
        assert months_label(0, 0) == "tout de suite"
        assert months_label(6, 18) == "6 à 18 mois"
