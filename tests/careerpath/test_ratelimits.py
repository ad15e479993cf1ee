import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from careerpath.clients import client_address
from pathways.models import Assessment
from tests.assessments import EDO, answers, form_url, submit
from tests.html import page_of, text_of

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ROUTE = {"target": EDO, "degree_level": "bachelor", "degree_field": "business-management"}


@pytest.fixture
def limits(settings):
    """Small limits, so that a test reaches them in a few requests."""
    # Hourly windows: a window that turns between two requests of a slow run would reset the count.
    settings.RATE_LIMITS = {"assessments": "2/h", "deletions": "1/h", "routes": "2/h", "what_if": "2/h"}
    return settings.RATE_LIMITS


def retry_after(response) -> int:
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 3600
    return seconds


@pytest.mark.parametrize(
    ("lang", "heading", "nothing_saved", "when"),
    [
        ("", "Trop de demandes", "rien n’a été enregistré", "Réessayez dans"),
        ("/en", "Too many requests", "nothing was saved", "Try again in"),
    ],
)
def test_saving_past_the_limit_answers_429_in_the_persons_language_and_saves_nothing(
    client, content, limits, lang, heading, nothing_saved, when
):
    assert [submit(client, lang=lang).status_code for _ in range(2)] == [303, 303]
    refused = submit(client, lang=lang)
    assert refused.status_code == 429
    retry_after(refused)
    page = page_of(refused)
    assert page.select_one("html")["lang"] == (lang.strip("/") or "fr")
    assert text_of(page.select_one("h1")) == heading
    main = text_of(page.select_one("main"))
    assert nothing_saved in main
    # A window that has just turned leaves a whole hour to wait: "1 heure" rather than "60 minutes".
    assert re.search(when + r" \d+ (minutes?|heures?|hours?)\b", main), main
    assert Assessment.objects.count() == 2


def test_reading_the_form_is_never_limited(client, content, limits):
    for _ in range(2):
        submit(client)
    assert client.get(form_url()).status_code == 200


def test_two_addresses_are_counted_apart(client, content, limits):
    for _ in range(2):
        client.post(form_url(), answers(client), REMOTE_ADDR="203.0.113.1")
    assert client.post(form_url(), answers(client), REMOTE_ADDR="203.0.113.1").status_code == 429
    assert client.post(form_url(), answers(client), REMOTE_ADDR="203.0.113.2").status_code == 303


def post_from(client, forwarded_for: str):
    return client.post(form_url(), answers(client), HTTP_X_FORWARDED_FOR=forwarded_for)


def test_without_proxies_x_forwarded_for_is_not_believed(client, content, limits, settings):
    settings.PROXY_COUNT = 0
    assert [post_from(client, f"198.51.100.{n}").status_code for n in range(3)] == [303, 303, 429]


def test_behind_a_proxy_each_forwarded_client_has_its_own_count(client, content, limits, settings):
    settings.PROXY_COUNT = 1
    # What a client writes itself stands left of what the proxy adds: it changes nothing.
    assert [post_from(client, f"192.0.2.{n}, 198.51.100.7").status_code for n in range(3)] == [303, 303, 429]
    assert post_from(client, "198.51.100.8").status_code == 303


def test_a_what_if_version_counts_as_a_saved_result(client, content, limits):
    location = submit(client)["Location"]
    submit(client)
    data = {**answers(client), "years_operations": 5}
    refused = client.post(f"{location}what-if/", data)
    assert refused.status_code == 429
    retry_after(refused)
    assert "no-store" in refused["Cache-Control"]
    assert Assessment.objects.count() == 2


@pytest.mark.parametrize(("lang", "heading"), [("", "Trop de demandes"), ("/en", "Too many requests")])
def test_trying_what_ifs_past_the_limit_answers_429_in_the_persons_language(client, content, limits, lang, heading):
    location = f"{lang}{submit(client)['Location']}"
    tried, other = f"{location}what-if/", {**answers(client), "years_operations": 5}
    assert [client.get(tried, other).status_code for _ in range(2)] == [200, 200]
    refused = client.get(tried, other)
    assert refused.status_code == 429
    retry_after(refused)
    assert "no-store" in refused["Cache-Control"]
    assert text_of(page_of(refused).select_one("h1")) == heading
    # Another address may still try; the result page itself is not limited; keeping a version counts apart.
    assert client.get(tried, other, REMOTE_ADDR="203.0.113.5").status_code == 200
    assert client.get(location).status_code == 200
    assert client.post(tried, other).status_code == 303


def test_deleting_past_the_limit_keeps_the_result(client, content, limits):
    first, second = submit(client)["Location"], submit(client)["Location"]
    assert client.post(f"{first}delete/").status_code == 302
    refused = client.post(f"{second}delete/")
    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert client.get(second).status_code == 200


def post_route(client, **extra):
    return client.post("/api/v1/route", json.dumps(ROUTE), content_type="application/json", **extra)


def test_the_api_answers_429_in_json_with_when_to_retry(client, content, limits):
    assert [post_route(client).status_code for _ in range(2)] == [200, 200]
    refused = post_route(client)
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    seconds = retry_after(refused)
    assert refused.json()["code"] == "rate_limited"
    assert refused.json()["detail"] == f"Trop de demandes depuis votre adresse\u00a0: réessayez dans {seconds} secondes."
    # Counted per address there too.
    assert post_route(client, REMOTE_ADDR="203.0.113.9").status_code == 200


OTHER_PROCESS = """
import os, django
django.setup()
from django.test import Client
response = Client().post("/api/v1/route", {route!r}, content_type="application/json", HTTP_HOST="localhost")
print(response.status_code)
"""


def test_the_limit_holds_in_another_process(client, content, limits):
    for _ in range(3):
        post_route(client)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "careerpath.settings", "DJANGO_RATELIMIT_ROUTES": limits["routes"]}
    script = OTHER_PROCESS.format(route=json.dumps(ROUTE))
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "429"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "seen"),
    [
        (0, "198.51.100.1", "10.0.0.1"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "192.0.2.66, 198.51.100.1", "198.51.100.1"),
        (2, "192.0.2.66, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "198.51.100.1", "198.51.100.1"),  # came in past the outer proxy
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_is_read_behind_as_many_proxies_as_configured(settings, proxies, forwarded, seen):
    settings.PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == seen
