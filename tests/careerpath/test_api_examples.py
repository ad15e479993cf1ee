"""The document's examples are real: each operation's example request, sent on the curated content, answers with the
shape of the example kept for it, and each kept answer fits the operation's schema.

After a change of the answers' shape: `CAREERPATH_WRITE_API_EXAMPLES=1 .venv/bin/python -m pytest
tests/careerpath/test_api_examples.py` writes careerpath/api_examples.json again (then read its diff)."""

import json
import os

import pytest
from jsonschema import Draft202012Validator

from careerpath.api import CareerpathApi
from careerpath.api_examples import EXAMPLE_HOST, EXAMPLES_FILE, REQUESTS, kept_answers, trimmed

pytestmark = pytest.mark.django_db


def ask(client, path: str, method: str, example: dict):
    """The example request, in English, as a client of EXAMPLE_HOST sends it."""
    for name, value in example.get("path", {}).items():
        path = path.replace(f"{{{name}}}", value)
    if method == "post":
        return client.post(
            f"{path}?lang=en", example["body"], content_type="application/json", HTTP_HOST=EXAMPLE_HOST, secure=True
        )
    return client.get(path, {**example.get("query", {}), "lang": "en"}, HTTP_HOST=EXAMPLE_HOST, secure=True)


def shape(value):
    """What a program relies on: the keys and the types, not the values (a version, an address, a score, how many
    items a list holds: an empty list has no item's shape to differ by)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value[:1]]
    return type(value).__name__ if value is not None else None


def same_shape(kept, answer) -> bool:
    """The same keys with values of the same shapes; an empty list, or a null, fits any."""
    if isinstance(kept, dict) and isinstance(answer, dict):
        return kept.keys() == answer.keys() and all(same_shape(kept[key], answer[key]) for key in kept)
    if isinstance(kept, list) and isinstance(answer, list):
        return not kept or not answer or same_shape(kept[0], answer[0])
    return kept is None or answer is None or kept == answer


def test_each_example_is_an_answer_the_api_gives_and_fits_its_schema(client, content, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, EXAMPLE_HOST]
    document = client.get("/api/v1/openapi.json").json()
    answers = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            name = operation["operationId"]
            assert name in REQUESTS, f"{name}: no example request"
            response = ask(client, path, method, REQUESTS[name])
            assert response.status_code == 200, (name, response.content)
            answers[name] = trimmed(response.json())
    if os.environ.get("CAREERPATH_WRITE_API_EXAMPLES"):
        EXAMPLES_FILE.write_text(json.dumps(answers, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        kept_answers.cache_clear()
        CareerpathApi.document.cache_clear()  # each language's document, made with the examples kept before
    kept = kept_answers()
    assert set(kept) == set(answers)
    for name, answer in answers.items():
        assert same_shape(shape(kept[name]), shape(answer)), f"{name}: the kept example no longer has the answer's shape"

    document = client.get("/api/v1/openapi.json").json()
    for operations in document["paths"].values():
        for method, operation in operations.items():
            example = operation["responses"]["200"]["content"]["application/json"]["example"]
            schema = {**operation["responses"]["200"]["content"]["application/json"]["schema"], **document}
            Draft202012Validator(schema).validate(example)
            if method == "post":
                body = operation["requestBody"]["content"]["application/json"]
                Draft202012Validator({**body["schema"], **document}).validate(body["example"])


def test_the_document_shows_an_error_and_says_whom_to_ask_and_on_what_terms(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, EXAMPLE_HOST]
    document = client.get("/api/v1/openapi.json", HTTP_HOST=EXAMPLE_HOST, secure=True).json()
    (error,) = document["components"]["schemas"]["Error"]["examples"]
    Draft202012Validator({**document["components"]["schemas"]["Error"], **document}).validate(error)
    assert error["errors"][0]["loc"] == ["body", "ratings", "team-leadership"] and error["code"] == "out_of_range"
    assert document["info"]["contact"]["url"] == f"https://{EXAMPLE_HOST}/"
    assert document["info"]["license"]["name"] and document["info"]["license"]["url"].startswith("https://")
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/roles/{slug}"]["get"]["parameters"]}
    assert parameters["slug"]["example"] == "operations-manager"
