"""The words and figures a person reads: durations, readiness bands, signed differences.

Written once here so that every page, the PDF and the API say them the same way. This module imports
no app: bands are keyed by their value (`pathways.evaluation.Band` is a StrEnum, so a Band finds its
label too).
"""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

YEARS_FROM_MONTHS = 24  # from two years on, durations read in years

BAND_LABELS = {
    "far": _("loin"),
    "on-the-way": _("en chemin"),
    "nearly-there": _("presque prêt·e"),
    "ready": _("prêt·e"),
}


def format_duration(low: int, high: int) -> str:
    """A span of months as a person says it, both ends kept: "6 à 18 mois", "6 mois à 2 ans", "7 à 8 ans"
    ("6–18 months", "6 months to 2 years", "7–8 years"). From two years on the long end reads in years, rounded to
    the nearest; the short end reads in months below a year, otherwise in whole years rounded down, so that
    rounding never makes the short end look longer than it is. One figure only when both ends read the same."""
    if high < YEARS_FROM_MONTHS:
        if low == high:
            return ngettext("%(n)d mois", "%(n)d mois", high) % {"n": high}
        return ngettext("%(low)d à %(n)d mois", "%(low)d à %(n)d mois", high) % {"low": low, "n": high}
    high_years = high // 12 + (high % 12 >= 6)
    if low == 0:
        return ngettext("jusqu’à %(n)d an", "jusqu’à %(n)d ans", high_years) % {"n": high_years}
    if low < 12:
        return ngettext("%(low)d mois à %(n)d an", "%(low)d mois à %(n)d ans", high_years) % {"low": low, "n": high_years}
    low_years = low // 12
    if low_years >= high_years:
        return ngettext("%(n)d an", "%(n)d ans", high_years) % {"n": high_years}
    return ngettext("%(low)d à %(n)d an", "%(low)d à %(n)d ans", high_years) % {"low": low_years, "n": high_years}


def years_and_months(months: int) -> str:
    """A time already spent, to the month: "2 ans et 3 mois", "1 an", "5 mois", "moins d’un mois"."""
    years, rest = divmod(months, 12)
    if not months:
        return str(_("moins d’un mois"))
    in_years = ngettext("%(n)d an", "%(n)d ans", years) % {"n": years}
    in_months = ngettext("%(n)d mois", "%(n)d mois", rest) % {"n": rest}
    if not rest or not years:
        return in_years if years else in_months
    return _("%(years)s et %(months)s") % {"years": in_years, "months": in_months}


def months_label(low: int, high: int) -> str:
    """The time before being ready: a span, or "right away" when there is none."""
    return format_duration(low, high) if high else str(_("tout de suite"))


def band_label(band: str | None) -> str:
    """A readiness band in words; "" for no band (nothing to score)."""
    return str(BAND_LABELS[band]) if band else ""


def grouped(number: int) -> str:
    """A count as the page's language writes it, thousands apart: "3 007" in French, "3,007" in English."""
    return number_format(number, force_grouping=True)


def signed(delta: int | None) -> str:
    """A difference as a person reads it: "+5", "−3" (a true minus sign), "" when there is none."""
    return f"+{delta}" if delta and delta > 0 else f"−{-delta}" if delta else ""
