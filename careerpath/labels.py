"""The words and figures a person reads: durations, and the wording of the other numbers pages show.

Each is written once here, in French with its English translation in the catalogue, so every page and
document says the same thing the same way.
"""

from django.utils.translation import ngettext

YEARS_FROM_MONTHS = 24  # from two years on, durations read in years


def format_duration(low: int, high: int) -> str:
    """A span of months as a person says it, both ends in one unit: "6 à 18 mois", "8 à 13 ans"
    ("6–18 months", "8–13 years"); years rounded to the nearest."""
    if high < YEARS_FROM_MONTHS:
        if low == high:
            return ngettext("%(n)d mois", "%(n)d mois", high) % {"n": high}
        return ngettext("%(low)d à %(n)d mois", "%(low)d à %(n)d mois", high) % {"low": low, "n": high}
    low_years, high_years = (months // 12 + (months % 12 >= 6) for months in (low, high))
    if low_years == high_years:
        return ngettext("%(n)d an", "%(n)d ans", high_years) % {"n": high_years}
    if low_years == 0:
        return ngettext("jusqu’à %(n)d an", "jusqu’à %(n)d ans", high_years) % {"n": high_years}
    return ngettext("%(low)d à %(n)d an", "%(low)d à %(n)d ans", high_years) % {"low": low_years, "n": high_years}
