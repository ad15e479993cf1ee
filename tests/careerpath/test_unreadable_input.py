"""Text no person could have typed is turned away at the door: 404 in the path, 400 in a parameter or a form,
with the site's pages in the visitor's language (the API's JSON under /api/), before the cache, the session or
the database; a form a person fills still goes through, its CSRF token checked."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pathways.models import Assessment
from tests.assessments import answers, form_url
from tests.html import page_of, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("segment", ["%00", "a%00b", "%1F", "%7F", "%C2%85", "%FF", "%C3", "%ED%A0%80", "%2500"])
def test_a_path_with_a_control_character_or_bytes_not_utf8_is_not_found(client, segment):
    """NUL, another C0 control, DEL, a C1 control (U+0085), a stray byte, a cut sequence, an encoded surrogate,
    a NUL encoded twice: the site's 404 page, without a query."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/plans/shared/{segment}/")
    assert response.status_code == 404
    assert text_of(page_of(response).select_one("h1")) == "Page introuvable"
    assert not queries.captured_queries


def test_the_404_page_speaks_the_language_of_the_address(client):
    page = page_of(client.get("/en/roles/isco/%00/"))
    assert page.select_one("html")["lang"] == "en" and text_of(page.select_one("h1")) == "Page not found"


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "q%00=a", "q=%08", "q=%C2%9F", "q=%FF", "q=caf%E9", "utm=%1B"])
def test_a_parameter_with_a_control_character_or_bytes_not_utf8_is_a_bad_request(client, content, query):
    """In a value or a name, read by the page or not."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/roles/?{query}")
    assert response.status_code == 400
    assert text_of(page_of(response).select_one("h1")) == "Demande illisible"
    assert not queries.captured_queries


def test_the_400_page_speaks_the_language_of_the_address(client):
    """Needs the English catalogue rebuilt with this branch's strings."""
    page = page_of(client.get("/en/compare/?roles=%00"))
    assert page.select_one("html")["lang"] == "en" and text_of(page.select_one("h1")) == "Unreadable request"


def test_text_a_person_types_still_goes_through(client, content):
    """Accents, other scripts, a tab or a newline, and a percent sign encoded as such in a parameter."""
    assert client.get("/roles/", {"q": "opérations\tdirecteur\n運営 100%"}).status_code == 200


def test_a_page_kept_in_the_cache_is_not_served_to_a_parameter_it_does_not_read(client, content):
    assert client.get("/roles/").status_code == 200  # now kept
    assert client.get("/roles/?utm_source=%00").status_code == 400


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
@pytest.mark.parametrize("where", ["value", "name"])
def test_a_form_with_a_control_character_is_a_bad_request_and_nothing_is_saved(client, content, encoding, where):
    data = answers(client)
    if where == "value":
        data["degree_field"] = "business\x00management"
    else:
        data["consent\x00"] = "on"
    response = post_form(client, data, encoding)
    assert response.status_code == 400
    assert text_of(page_of(response).select_one("h1")) == "Demande illisible"
    assert not Assessment.objects.exists()


def test_a_urlencoded_form_with_bytes_not_utf8_is_a_bad_request(client, content):
    body = urlencode(answers(client), doseq=True) + "&degree_field=caf%E9"
    assert client.post(form_url(), body, content_type="application/x-www-form-urlencoded").status_code == 400
    assert not Assessment.objects.exists()


def post_form(client, data: dict, encoding: str):
    """The assessment sent as a browser sends a form: urlencoded (the default) or multipart."""
    if encoding == "urlencoded":
        return client.post(form_url(), urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded")
    return client.post(form_url(), data)


def csrf_token_of(response) -> str:
    return page_of(response).select_one("input[name=csrfmiddlewaretoken]")["value"]


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_a_form_filled_by_a_person_is_saved_with_its_csrf_token_checked(content, encoding):
    """The door reads the form before CsrfViewMiddleware does: the token is still found, and still required."""
    browser = Client(enforce_csrf_checks=True)
    data = {**answers(browser), "csrfmiddlewaretoken": csrf_token_of(browser.get(form_url()))}
    without_token = {name: value for name, value in data.items() if name != "csrfmiddlewaretoken"}
    assert post_form(browser, without_token, encoding).status_code == 403
    saved = post_form(browser, data, encoding)
    assert saved.status_code == 303 and re.fullmatch(r"/assessment/[0-9a-f-]{36}/", saved["Location"])
    assert Assessment.objects.count() == 1


def test_the_refusal_carries_the_security_headers(client):
    response = client.get("/roles/%00/", secure=True)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


# The API


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/v1/roles?q=%00", 400), ("/api/v1/compare?roles=a%FF&roles=b", 400), ("/api/v1/roles/a%00b", 404)],
)
def test_the_api_refuses_in_its_own_json(client, content, path, status):
    response = client.get(path, headers={"accept-language": "fr"})
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]


def test_the_apis_refusal_follows_accept_language(client):
    response = client.get("/api/v1/roles?q=%00", headers={"accept-language": "fr"})
    assert "caractères de contrôle" in response.json()["detail"]


@pytest.mark.parametrize(
    "change",
    [
        {"target": "chief-operating-officer\x00"},
        {"current_role": "\x00"},
        {"degree_level": "bachelor\x00"},
        {"ratings": {"\x00": 2}},
        {"circumstances": ["\x00"]},
    ],
)
def test_a_nul_inside_a_json_string_is_refused_by_the_apis_validation(client, content, change):
    """JSON carries a NUL escaped (\\u0000): the door lets it through, the schemas' patterns and choices refuse it."""
    response = client.post("/api/v1/route", {"target": "chief-operating-officer", **change}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]
