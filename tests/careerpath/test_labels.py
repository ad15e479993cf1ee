import pytest
from django.utils import translation

from careerpath.labels import format_duration


@pytest.mark.parametrize(
    ("low", "high", "french", "english"),
    [
        (1, 6, "1 à 6 mois", "1–6 months"),
        (6, 18, "6 à 18 mois", "6–18 months"),
        (12, 12, "12 mois", "12 months"),
        (24, 60, "2 à 5 ans", "2–5 years"),
        (94, 96, "8 ans", "8 years"),  # never "94 months – 8 years"
        (156, 173, "13 à 14 ans", "13–14 years"),  # never "13 years – 173 months"
        (96, 156, "8 à 13 ans", "8–13 years"),
        (3, 36, "jusqu’à 3 ans", "up to 3 years"),
    ],
)
def test_durations_read_in_one_unit_rounded_for_a_person(low, high, french, english):
    assert format_duration(low, high) == french
    with translation.override("en"):
        assert format_duration(low, high) == english
