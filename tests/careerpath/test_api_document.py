"""The OpenAPI document and its documentation page speak the language asked (`lang`, else Accept-Language), French
when none is, like the rest of the API; each language's document still passes the OpenAPI validator."""

import pytest
from openapi_spec_validator import validate

from tests.html import page_of

pytestmark = pytest.mark.django_db


def texts_for_people(node) -> list[str]:
    """Every description and summary of the document, outside the examples (answers, in the content's language)."""
    if isinstance(node, dict):
        found = [value for key, value in node.items() if key in ("description", "summary") and isinstance(value, str)]
        for key, value in node.items():
            if key not in ("example", "examples"):
                found += texts_for_people(value)
        return found
    if isinstance(node, list):
        return [text for item in node for text in texts_for_people(item)]
    return []


def route_field(document: dict, name: str) -> str:
    return document["components"]["schemas"]["RouteRequest"]["properties"][name]["description"]


def test_the_document_is_in_french_by_default_and_in_english_when_asked(client):
    french = client.get("/api/v1/openapi.json").json()
    english = client.get("/api/v1/openapi.json?lang=en").json()
    assert client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json() == english
    assert client.get("/api/v1/openapi.json?lang=fr", HTTP_ACCEPT_LANGUAGE="en").json() == french

    assert (french["info"]["title"], english["info"]["title"]) == ("API de careerpath", "careerpath API")
    assert french["paths"]["/api/v1/route"]["post"]["summary"] == "Évaluer un profil et tracer ses parcours"
    assert english["paths"]["/api/v1/route"]["post"]["summary"] == "Score a profile and plan its routes"
    assert route_field(french, "target") == "slug du poste visé" and route_field(english, "target") == "slug of the role wanted"
    # A text with a bound in it is translated, bound included; the experience areas are named in each language.
    assert "de 0 à 5\u00a0;" in route_field(french, "ratings") and "from 0 to 5;" in route_field(english, "ratings")
    months = {
        language: document["components"]["schemas"]["ExperienceMonths"]["properties"]["operations"]["description"]
        for language, document in (("fr", french), ("en", english))
    }
    assert months == {"fr": "Gestion des opérations", "en": "Operations management"}
    error_example = {
        language: document["components"]["schemas"]["Error"]["examples"][0]["detail"]
        for language, document in (("fr", french), ("en", english))
    }
    assert error_example == {"fr": "La valeur doit être au plus 5.", "en": "The value must be at most 5."}
    assert french["servers"][0]["description"] == "le serveur d’où vient ce document"
    assert english["info"]["contact"]["name"] == "the careerpath team"

    # Every text for people is translated: none is left the same in both, save names that read alike.
    french_texts, english_texts = texts_for_people(french), texts_for_people(english)
    assert len(french_texts) == len(english_texts) > 150
    alike = {fr for fr, en in zip(french_texts, english_texts, strict=True) if fr == en}
    assert alike <= {"OK", "Supervision", "documentation"}, alike
    # The contract itself is the same in both: only the texts for people differ.
    assert french["components"]["schemas"].keys() == english["components"]["schemas"].keys()
    assert french["components"]["schemas"]["Language"] == english["components"]["schemas"]["Language"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_document_in_each_language_passes_the_openapi_validator(client, language):
    validate(client.get(f"/api/v1/openapi.json?lang={language}").json())


def test_the_root_summarises_each_operation_in_the_language_asked(client, content):
    summaries = {
        language: {r["operation"]: r["summary"] for r in client.get(f"/api/v1/?lang={language}").json()["resources"]}
        for language in ("fr", "en")
    }
    assert summaries["fr"]["compare"] == "Deux à quatre postes côte à côte"
    assert summaries["en"]["compare"] == "Two to four roles side by side"


def test_the_documentation_page_reads_the_document_in_its_own_language(client):
    for language, title in (("fr", "API de careerpath — documentation"), ("en", "careerpath API — documentation")):
        page = page_of(client.get("/api/v1/docs", HTTP_ACCEPT_LANGUAGE=language))
        assert page.html["lang"] == language and page.title.string == title
        assert f'"url": "/api/v1/openapi.json?lang={language}"' in page.select_one("#swagger-settings").string
        assert page.select_one('a[href^="/api/v1/openapi.json"]')["href"] == f"/api/v1/openapi.json?lang={language}"
