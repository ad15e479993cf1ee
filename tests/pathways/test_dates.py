from datetime import date

from django.utils import translation

from pathways.templatetags.dates import long_date


def test_dates_read_as_people_write_them():
    with translation.override("fr"):
        assert long_date(date(2026, 12, 1)) == "1er décembre 2026"
        assert long_date(date(2026, 12, 2)) == "2 décembre 2026"
    with translation.override("en"):
        assert long_date(date(2026, 12, 1)) == "1 December 2026"
