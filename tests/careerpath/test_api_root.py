"""Discovery: the API's root lists what it offers with its version and the content's; the document names the
server it came from."""

import pytest

from careerpath.cache import content_version, renew_content_version

pytestmark = pytest.mark.django_db


def test_the_root_lists_every_operation_with_full_addresses_and_both_versions(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "api.example.org"]
    root = client.get("/api/v1/", HTTP_HOST="api.example.org", secure=True)
    assert root.status_code == 200 and root["Content-Type"] == "application/json; charset=utf-8"
    answer = root.json()
    assert answer["api_version"] == "1" and answer["content_version"] == str(content_version())
    assert answer["openapi"] == "https://api.example.org/api/v1/openapi.json"
    assert client.get(answer["documentation"].removeprefix("https://api.example.org"), secure=True).status_code == 200
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"].items()
    declared = {(method.upper(), path, op["operationId"]) for path, ops in paths for method, op in ops.items()}
    listed = {(r["method"], r["url"].removeprefix("https://api.example.org"), r["operation"]) for r in answer["resources"]}
    assert listed == declared and ("GET", "/api/v1/roles/{slug}", "role_detail") in listed


def test_the_content_version_changes_when_an_editor_changes_the_content(client):
    before = client.get("/api/v1/").json()["content_version"]
    renew_content_version()  # what every save of the content does
    assert client.get("/api/v1/").json()["content_version"] != before


def test_the_document_names_the_server_it_was_asked_from(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "api.example.org"]
    document = client.get("/api/v1/openapi.json", HTTP_HOST="api.example.org", secure=True).json()
    assert [server["url"] for server in document["servers"]] == ["https://api.example.org"]
    role = document["components"]["schemas"]["RoleSummary"]["properties"]["url"]
    assert role["format"] == "uri"
