"""Every refusal under /api/ has one shape, in JSON, with a stable code, where the problem is and a message in the
language the request asks for (the `lang` parameter, else Accept-Language); the document declares them all."""

import json

import pytest
from django.conf import settings as django_settings

from careerpath.api_errors import ErrorCode
from tests.careerpath.test_outage import database_unreachable

pytestmark = pytest.mark.django_db

COO = "chief-operating-officer"


def post_json(client, body, query="", **extra):
    return client.post(at("/api/v1/route", query), body, content_type="application/json", **extra)


def at(path: str, query: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{query}" if query else path


HUGE = '{"target": "' + "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'

# Each status, how to meet it (with a query string to add, and headers), and the code it answers with.
REFUSALS = {
    "400 unreadable": (lambda c, q, **h: c.get(at("/api/v1/roles?q=%00", q), **h), 400, "unreadable_input"),
    "400 malformed": (lambda c, q, **h: post_json(c, "{", q, **h), 400, "malformed_json"),
    "400 host": (lambda c, q, **h: c.get(at("/api/v1/roles", q), HTTP_HOST="elsewhere.example", **h), 400, "unknown_host"),
    "404 address": (lambda c, q, **h: c.get(at("/api/v1/nowhere/at/all", q), **h), 404, "not_found"),
    "404 outside v1": (
        lambda c, q, **h: c.post(at("/api/v2/route", q), "{}", content_type="application/json", **h),
        404,
        "not_found",
    ),
    "404 role": (lambda c, q, **h: c.get(at("/api/v1/roles/no-such-role", q), **h), 404, "unknown_role"),
    "405": (lambda c, q, **h: c.delete(at("/api/v1/roles", q), **h), 405, "method_not_allowed"),
    "413": (lambda c, q, **h: post_json(c, HUGE, q, **h), 413, "body_too_large"),
    "415": (
        lambda c, q, **h: c.post(at("/api/v1/route", q), json.dumps({"target": COO}), content_type="text/plain", **h),
        415,
        "not_json",
    ),
    "422": (lambda c, q, **h: post_json(c, {"target": COO, "ratings": {"strategic-planning": 9}}, q, **h), 422, "out_of_range"),
}


def assert_one_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"status", "code", "detail", "errors"}
    assert (body["status"], body["code"]) == (status, code)
    assert body["errors"] and body["detail"]
    for error in body["errors"]:
        assert set(error) == {"code", "loc", "message"} and error["message"]
        assert error["code"] in {code.value for code in ErrorCode}
        assert error["loc"][:1] in ([], ["path"], ["query"], ["body"], ["header"])
        assert len(error["loc"]) == len(set(error["loc"])), error["loc"]  # each part named once
    return body


@pytest.mark.parametrize("refusal", REFUSALS)
def test_every_refusal_has_one_shape_and_a_message_in_the_language_asked(client, content, settings, refusal):
    settings.DEBUG = True  # Django's debug pages must not stand in for the API's answers
    ask, status, code = REFUSALS[refusal]
    french = assert_one_shape(ask(client, "", HTTP_ACCEPT_LANGUAGE="fr"), status, code)
    english_response = ask(client, "", HTTP_ACCEPT_LANGUAGE="en")
    english = assert_one_shape(english_response, status, code)
    assert english_response["Content-Language"] == "en"
    assert french["errors"][0]["loc"] == english["errors"][0]["loc"]
    assert french["detail"] != english["detail"]  # the same problem, told in each language
    by_parameter = ask(client, "lang=en", HTTP_ACCEPT_LANGUAGE="fr")
    assert by_parameter.json()["detail"] == english["detail"]


def test_the_messages_say_what_is_wrong_in_french_and_english(client, content):
    unknown = client.get("/api/v1/roles/no-such-role?lang=en").json()
    assert unknown["errors"] == [
        {"code": "unknown_role", "loc": ["path", "slug"], "message": "No published role “no-such-role”."}
    ]
    assert client.get("/api/v1/roles/no-such-role").json()["detail"] == "Aucun rôle publié «\u00a0no-such-role\u00a0»."
    wrong = post_json(client, {"target": COO, "ratings": {"strategic-planning": 9}}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert wrong["errors"] == [
        {"code": "out_of_range", "loc": ["body", "ratings", "strategic-planning"], "message": "The value must be at most 5."}
    ]


def test_several_problems_are_each_located_once(client, content):
    response = post_json(
        client, {"target": COO, "salary": 1, "experience_months": {"customer-service": 4}, "ratings": {"no-such-skill": -1}}
    )
    body = assert_one_shape(response, 422, "invalid_request")
    assert {(error["code"], tuple(error["loc"])) for error in body["errors"]} == {
        ("unknown_field", ("body", "salary")),
        ("unknown_field", ("body", "experience_months", "customer-service")),
        ("out_of_range", ("body", "ratings", "no-such-skill")),
    }
    compare = client.get("/api/v1/compare?roles=nope&roles=nope&page=x")
    assert assert_one_shape(compare, 422, "duplicate")["errors"][0]["loc"] == ["query", "roles"]
    missing = client.get(f"/api/v1/compare?roles={COO}&roles=nope")
    assert assert_one_shape(missing, 404, "unknown_role")["errors"][0]["loc"] == ["query", "roles", 1]


def test_a_host_the_site_does_not_serve_is_refused_in_json_under_api_and_with_the_sites_page_elsewhere(client, content):
    api = client.get("/api/v1/roles?lang=en", HTTP_HOST="elsewhere.example")
    assert assert_one_shape(api, 400, "unknown_host")["errors"][0]["loc"] == ["header", "Host"]
    page = client.get("/roles/", HTTP_HOST="elsewhere.example")
    assert page.status_code == 400 and page["Content-Type"].startswith("text/html")
    assert "Demande illisible" in page.content.decode()  # the site's own 400 page


def test_what_django_refuses_before_any_view_is_the_apis_json_400_too(client, content):
    """Past DATA_UPLOAD_MAX_NUMBER_FIELDS Django refuses the query itself (handler400), outside the API's views."""
    crowded = "&".join(f"field{index}=1" for index in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.get(f"/api/v1/roles?{crowded}", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_one_shape(response, 400, "unreadable_input")["detail"] == "The request could not be read: it was not processed."


def test_a_method_an_address_does_not_take_says_which_it_takes(client, content):
    response = client.get("/api/v1/route?lang=en")
    assert_one_shape(response, 405, "method_not_allowed")
    assert response["Allow"] == "POST"


def test_past_the_rate_limit_the_api_answers_429_in_the_one_shape(client, content, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "routes": "1/h"}
    assert post_json(client, {"target": COO}).status_code == 200
    for language in ("fr", "en"):
        refused = post_json(client, {"target": COO}, HTTP_ACCEPT_LANGUAGE=language)
        body = assert_one_shape(refused, 429, "rate_limited")
        assert refused["Retry-After"] in body["detail"]
    assert "réessayez dans" in post_json(client, {"target": COO}).json()["detail"]
    assert "try again in" in post_json(client, {"target": COO}, "lang=en").json()["detail"]


def test_while_the_database_is_away_the_api_answers_503_in_the_one_shape_and_language(client, content):
    with database_unreachable():
        french = post_json(client, {"target": COO})
        english = client.get("/api/v1/roles", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_one_shape(french, 503, "unavailable")["detail"].startswith("Le service est momentanément indisponible")
    assert assert_one_shape(english, 503, "unavailable")["detail"].startswith("The service is temporarily unavailable")
    assert french["Retry-After"].isdigit()


def test_the_document_declares_every_status_with_the_error_schema_and_retry_after(client):
    document = client.get("/api/v1/openapi.json").json()
    error = document["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"status", "code", "detail", "errors"}
    codes = document["components"]["schemas"]["ErrorCode"]["enum"]
    assert set(codes) == {code.value for code in ErrorCode}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            statuses = {"400", "404", "405", "422", "429", "503"} | ({"413", "415"} if "requestBody" in operation else set())
            responses = {str(status): answer for status, answer in operation["responses"].items()}
            assert statuses <= set(responses), (path, method)
            for status in statuses:
                assert responses[status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
            assert "Retry-After" in responses["429"]["headers"] and "Retry-After" in responses["503"]["headers"]
            parameters = {(p["in"], p["name"]): p for p in operation["parameters"]}
            assert {("query", "lang"), ("header", "Accept-Language")} <= set(parameters), (path, method)
            assert parameters["query", "lang"]["schema"] == {"$ref": "#/components/schemas/Language"}
    assert document["components"]["schemas"]["Language"]["enum"] == ["fr", "en"]  # one type for every operation's lang


def test_lang_wins_over_accept_language_and_a_language_not_spoken_is_refused(client, content):
    english = client.get("/api/v1/roles/chief-operating-officer?lang=en", HTTP_ACCEPT_LANGUAGE="fr")
    assert english.json()["title"] == "Chief operating officer" and english["Content-Language"] == "en"
    french = client.get("/api/v1/roles/chief-operating-officer?lang=fr", HTTP_ACCEPT_LANGUAGE="en")
    assert french.json()["title"].startswith("Directeur des opérations")
    refused = client.get("/api/v1/roles?lang=de", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_one_shape(refused, 422, "not_a_choice")["errors"][0]["loc"] == ["query", "lang"]
    assert refused.json()["detail"] == "Value not allowed: choose from fr, en."
