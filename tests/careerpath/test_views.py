from unittest import mock

import pytest
from django.contrib.staticfiles import finders
from django.db import OperationalError
from django.templatetags.static import static

from tests.html import page_of, text_of

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


def icon_of(page) -> str:
    return page.select_one('link[rel="icon"]')["href"]


@pytest.mark.parametrize("path", ["/", "/en/roles/", "/admin/login/", "/no-such-page/"])
def test_every_page_names_the_site_icon_from_its_own_static_files(client, content, path):
    assert icon_of(page_of(client.get(path))) == static("favicon.svg") and finders.find("favicon.svg")


def test_a_browser_asking_for_favicon_ico_is_sent_to_the_site_icon(client, content):
    """Browsers ask /favicon.ico where no page names an icon (a PDF, the API's JSON): no 404 there either."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == icon_of(page_of(client.get("/")))


@pytest.mark.parametrize(("lang", "name"), [("", "L’API et sa documentation"), ("/en", "API")])
def test_the_footer_links_to_the_api_documentation(client, content, lang, name):
    link = page_of(client.get(f"{lang}/")).select_one('footer a[href="/api/v1/docs"]')
    assert name in text_of(link)
    assert client.get(link["href"]).status_code == 200
