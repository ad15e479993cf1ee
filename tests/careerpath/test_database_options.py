"""The options the settings give each database's connections hold on the connections the site opens."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_each_database_runs_with_the_options_the_settings_give_it():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW jit")  # a page's short queries are not worth compiling
            assert cursor.fetchone() == ("off",)
        else:
            cursor.execute("PRAGMA synchronous")  # with WAL, NORMAL (1) is safe and spares a sync per commit
            assert cursor.fetchone() == (1,)
