"""What the public reads of the API answer for other sites (CORS) and for caches (ETag, Cache-Control, 304)."""

import pytest

from roles.models import Role

pytestmark = pytest.mark.django_db

ELSEWHERE = "https://a-careers-site.example"


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/roles?lang=en", "/api/v1/roles/chief-operating-officer", "/api/v1/skills"])
def test_a_page_on_another_site_may_read_the_public_answers(client, content, path):
    response = client.get(path, HTTP_ORIGIN=ELSEWHERE)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*" and "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_its_refusals_are_readable_too_but_the_planner_and_the_site_stay_same_origin(client, content):
    refused = client.get("/api/v1/roles/nobody", HTTP_ORIGIN=ELSEWHERE)
    assert refused.status_code == 404 and refused["Access-Control-Allow-Origin"] == "*"
    planned = client.post(
        "/api/v1/route", {"target": "chief-operating-officer"}, content_type="application/json", HTTP_ORIGIN=ELSEWHERE
    )
    assert planned.status_code == 200 and "Access-Control-Allow-Origin" not in planned
    for page in ("/roles/", "/healthz"):
        assert "Access-Control-Allow-Origin" not in client.get(page, HTTP_ORIGIN=ELSEWHERE)


def test_the_browsers_preflight_for_a_get_is_answered_and_for_a_post_is_not(client, content):
    asked = {"HTTP_ORIGIN": ELSEWHERE, "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "if-none-match"}
    get = client.options("/api/v1/roles", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **asked)
    assert get.status_code == 204 and get["Access-Control-Allow-Origin"] == "*"
    assert get["Access-Control-Allow-Methods"] == "GET" and "If-None-Match" in get["Access-Control-Allow-Headers"]
    post = client.options("/api/v1/route", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST", **asked)
    assert post.status_code == 405 and "Access-Control-Allow-Origin" not in post


def test_an_answer_carries_an_etag_and_a_client_that_sends_it_back_gets_a_304(client, content):
    first = client.get("/api/v1/roles/chief-operating-officer?lang=en")
    assert first.status_code == 200 and first["ETag"]
    assert {"public", "max-age=60"} <= {part.strip() for part in first["Cache-Control"].split(",")}
    assert "Accept-Language" in first["Vary"]
    again = client.get("/api/v1/roles/chief-operating-officer?lang=en", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]
    french = client.get("/api/v1/roles/chief-operating-officer?lang=fr", HTTP_IF_NONE_MATCH=first["ETag"])
    assert french.status_code == 200 and french["ETag"] != first["ETag"]  # another text, another tag


def test_after_an_editor_changes_the_content_the_old_etag_gets_the_new_answer(client, content):
    first = client.get("/api/v1/roles/chief-operating-officer")
    Role.objects.filter(slug="chief-operating-officer").update(summary_fr="Un résumé revu par l’éditeur.")
    changed = client.get("/api/v1/roles/chief-operating-officer", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed.json()["summary"] == "Un résumé revu par l’éditeur."


def test_refusals_are_not_kept(client, content):
    refused = client.get("/api/v1/roles?page=0")
    assert refused.status_code == 422 and "max-age" not in refused.get("Cache-Control", "")
