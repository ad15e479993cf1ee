"""Through a database outage: cached public pages still served, a clear 503 everywhere else, then back by itself."""

import contextlib
import socket
from unittest import mock

import pytest
from django.db import OperationalError, connection

from pathways.models import Assessment
from tests.assessments import answers, form_url

pytestmark = pytest.mark.django_db(transaction=True)

COO = "/roles/chief-operating-officer/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def database_unreachable():
    """On PostgreSQL the database really goes away: connections go to a port nobody listens on. SQLite
    cannot vanish under a test (its test database lives in memory), so every attempt to reach it fails
    as it would if its file were gone."""
    if connection.vendor != "postgresql":
        with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("unable to open database file")):
            yield
        return
    kept = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(kept)


@pytest.mark.parametrize("debug", [False, True])
def test_through_an_outage_cached_pages_are_served_and_the_rest_answers_503(client, content, settings, debug):
    settings.DEBUG = debug  # the answer must not depend on the debug setting
    kept_page = client.get(COO)
    assert kept_page.status_code == 200
    data = answers(client)
    saved_before = Assessment.objects.count()

    with database_unreachable():
        again = client.get(COO)
        assert again.status_code == 200 and again.content == kept_page.content  # the cached page, still there

        page = client.get("/roles/operations-manager/")  # not cached yet: it needs the database
        assert page.status_code == 503 and page["Retry-After"].isdigit()
        assert "Service momentanément indisponible" in page.content.decode()
        english = client.get("/en/roles/operations-manager/")
        assert english.status_code == 503 and "Service temporarily unavailable" in english.content.decode()
        assert 'lang="en"' in english.content.decode()

        write = client.post(form_url(), data)
        assert write.status_code == 503 and "n’ont pas été enregistrées" in write.content.decode()
        api = client.post("/api/v1/route", {"target": "chief-operating-officer"}, content_type="application/json")
        assert api.status_code == 503 and "detail" in api.json() and api["Retry-After"]
        assert client.get("/healthz").status_code == 503

    # Back by itself: no restart, no cleaning up.
    assert client.get("/healthz").status_code == 200
    assert client.get("/roles/operations-manager/").status_code == 200
    assert client.post(form_url(), data).status_code == 303
    assert Assessment.objects.count() == saved_before + 1


def test_a_real_bug_is_still_a_500(client, content, settings):
    from django.test import Client

    with mock.patch("roles.views.RoleDetailView.get_context_data", side_effect=ValueError("a bug")):
        response = Client(raise_request_exception=False).get("/roles/operations-manager/")
    assert response.status_code == 500
