"""The integrator's acceptance test: a typed client generated from the served document (openapi-python-client, as
an integrator would run it) plans a route with ratings and gets what a raw JSON request gets."""

import importlib
import json
import re
import subprocess
import sys

import httpx
import pytest
from django.core.wsgi import get_wsgi_application
from django.test import Client
from openapi_spec_validator import validate

from pathways.evaluation import Band
from roles.models import Role

pytestmark = pytest.mark.django_db

PACKAGE = "careerpath_client"


@pytest.fixture(scope="module")
def document() -> dict:
    return Client().get("/api/v1/openapi.json").json()


@pytest.fixture(scope="module")
def generated(document, tmp_path_factory):
    """The generator's output (what it printed) and the package it wrote, imported."""
    folder = tmp_path_factory.mktemp("generated")
    (folder / "openapi.json").write_text(json.dumps(document))
    (folder / "config.json").write_text(json.dumps({"post_hooks": []}))  # no formatter to run: it is not the test
    run = subprocess.run(
        [
            *(sys.executable, "-m", "openapi_python_client", "generate"),
            *("--path", folder / "openapi.json", "--config", folder / "config.json"),
            *("--output-path", folder / PACKAGE, "--meta", "none"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    sys.path.insert(0, str(folder))
    try:
        yield run, importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def test_the_document_passes_the_openapi_validator(document):
    validate(document)  # raises on the first departure from OpenAPI 3.1


def test_the_generator_reads_the_document_without_a_warning(generated):
    run, _ = generated
    assert run.returncode == 0, run.stdout + run.stderr
    said = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert said == [f"Generating {said[0].removeprefix('Generating ')}"], said  # that line alone: no warning, no error


def test_the_generator_names_each_enumeration_after_it_optional_ones_included(generated):
    """An enumeration a field may leave null is its own schema (`anyOf: [{$ref}, {type: null}]`): the generator names
    the type after it (DegreeLevel), not after the field that uses it (RouteRequestDegreeLevelType0)."""
    models = importlib.import_module(f"{PACKAGE}.models")
    named = {"DegreeLevel", "DegreeField", "Sector", "Scale", "Circumstance", "DegreeKind", "ExperienceStepKind"}
    assert named <= set(models.__all__)
    field_named = ("RouteRequestDegree", "RouteRequestPreferred", "RouteRequestCircumstances", "DegreeRowOutKinds")
    assert not [name for name in models.__all__ if re.search(r"Type\d+$|sItem$", name) or name.startswith(field_named)]
    assert models.Scale(3) == models.Scale.VALUE_3 and models.DegreeLevel("bachelor") == models.DegreeLevel.BACHELOR


def typed_client(package):
    """The generated client, its requests answered by the site's WSGI application (no server to start)."""
    transport = httpx.WSGITransport(app=get_wsgi_application())
    return package.Client(base_url="http://testserver", httpx_args={"transport": transport})


def test_a_generated_client_plans_a_route_with_ratings_as_the_raw_json_does(generated, api_ready, client):
    _, package = generated
    route = importlib.import_module(f"{PACKAGE}.api.route_planner.route")
    models = importlib.import_module(f"{PACKAGE}.models")
    target = Role.objects.get(slug="chief-operating-officer")
    asked = {rs.skill.slug: rs.required_level for rs in target.role_skills.select_related("skill")}
    ratings = {slug: max(0, level - index % 3) for index, (slug, level) in enumerate(sorted(asked.items()))}

    typed_ratings = models.RouteRequestRatings()
    for slug, level in ratings.items():
        typed_ratings[slug] = level
    typed_body = models.RouteRequest(
        target=target.slug,
        current_role="operations-supervisor",
        months_in_role=18,
        degree_level=models.DegreeLevel.BACHELOR,
        degree_field=models.DegreeField.OPERATIONS,
        preferred_scale=models.Scale.VALUE_3,
        experience_months=models.ExperienceMonths(operations=36, people=24),
        ratings=typed_ratings,
    )
    typed = route.sync_detailed(client=typed_client(package), body=typed_body, lang=models.Language.EN)
    raw = client.post(
        "/api/v1/route?lang=en",
        {
            "target": target.slug,
            "current_role": "operations-supervisor",
            "months_in_role": 18,
            "degree_level": "bachelor",
            "degree_field": "operations",
            "preferred_scale": 3,
            "experience_months": {"operations": 36, "people": 24},
            "ratings": ratings,
        },
        content_type="application/json",
    )

    assert (typed.status_code, raw.status_code) == (200, 200), typed.content
    answer = raw.json()
    assert json.loads(typed.content) == answer
    assert typed.parsed.to_dict() == answer  # the typed answer keeps every field, nulls included
    # The ratings arrived: no skill asked is left unassessed, and gaps exist only where a rating is short.
    assert answer["not_assessed"] == [] and answer["gaps"]
    assert {gap["skill"] for gap in answer["gaps"]} <= {slug for slug, level in ratings.items() if level < asked[slug]}
    unrated = {"target": target.slug, "experience_months": {"operations": 36, "people": 24}}
    unrated = client.post("/api/v1/route", unrated, content_type="application/json").json()
    assert sorted(skill["skill"] for skill in unrated["not_assessed"]) == sorted(asked) and unrated["total"] != answer["total"]


def test_a_generated_client_refusal_reads_as_the_error_schema(generated, api_ready):
    _, package = generated
    route = importlib.import_module(f"{PACKAGE}.api.route_planner.route")
    models = importlib.import_module(f"{PACKAGE}.models")
    ratings = models.RouteRequestRatings()
    ratings["no-such-skill"] = 3
    body = models.RouteRequest(target="chief-operating-officer", ratings=ratings)
    refused = route.sync_detailed(client=typed_client(package), body=body)
    assert refused.status_code == 422
    assert refused.parsed.code == models.ErrorCode.UNKNOWN_SKILL
    assert [error.loc for error in refused.parsed.errors] == [["body", "ratings", "no-such-skill"]]


def test_the_readmes_example_program_runs_as_written(generated, api_ready, monkeypatch, capsys, settings):
    """The program the README shows an integrator, run against this site instead of careerpath.example."""
    readme = (settings.BASE_DIR / "README.md").read_text()
    program = readme.split("from careerpath_client import Client", 1)[1].split("```", 1)[0]
    program = "from careerpath_client import Client" + program
    assert 'Client(base_url="https://careerpath.example")' in program
    # Every client httpx makes reaches the site's WSGI application rather than the network.
    monkeypatch.setattr(httpx._client, "HTTPTransport", lambda **_options: httpx.WSGITransport(app=get_wsgi_application()))
    settings.ALLOWED_HOSTS = ["careerpath.example"]
    exec(compile(program, "README.md", "exec"), {})  # noqa: S102 (the README's own program)
    printed = capsys.readouterr().out.splitlines()
    total, band, *_ = printed[0].split()
    assert int(total) >= 0 and band in set(Band)
    assert printed[1:] and all(": level " in line and " asked" in line for line in printed[1:])
