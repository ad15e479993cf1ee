from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_is_tiny_and_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_says_when_the_database_does_not_answer(client, monkeypatch):
    monkeypatch.setattr("careerpath.views.connection", mock.Mock(**{"cursor.side_effect": OperationalError}))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable"


def test_home_offers_the_published_roles(client, content):
    page = client.get("/").content.decode()
    assert 'href="/roles/chief-operating-officer/"' in page
