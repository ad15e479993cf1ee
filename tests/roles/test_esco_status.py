"""What `make run` and `make dev` say of ESCO before serving: how to import it, or how much is imported."""

from io import StringIO

import pytest
from django.core.management import call_command

from roles.models import Origin
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


def status() -> str:
    out = StringIO()
    call_command("esco_status", stdout=out)
    return out.getvalue()


def test_a_fresh_install_is_told_how_to_import_esco(content):
    assert "ESCO is not imported" in status() and "make esco" in status()


def test_an_import_is_counted(content):
    RoleFactory(origin=Origin.IMPORTED)
    RoleFactory(origin=Origin.EDITED)
    assert status() == "ESCO: 2 occupations imported.\n"
