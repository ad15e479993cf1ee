import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from roles.models import Role
from tests.factories import RoleFactory, RoleSkillFactory, SkillFactory

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-enough-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "careerpath.example.org",
    "DJANGO_SINGLE_MACHINE": "1",
}


def run_in_production(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **PRODUCTION_ENV}
    env.pop("DATABASE_URL", None)  # the checks and headers do not depend on the database
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only, never in production
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_the_deployment_checks():
    result = run_in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
from django.conf import settings
# Pages need collectstatic's manifest in production; the headers do not depend on it.
settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
client = Client(HTTP_HOST="careerpath.example.org")
plain = client.get("/roles/")
page = client.get("/admin/login/", secure=True)
cookie = page.cookies[settings.CSRF_COOKIE_NAME]
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location", "")],
    "headers": dict(page.headers),
    "csrf_cookie": {
        "name": cookie.key, "path": cookie["path"], "domain": cookie["domain"],
        "secure": bool(cookie["secure"]), "httponly": bool(cookie["httponly"]), "samesite": cookie["samesite"],
    },
    "session_cookie": [
        settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_PATH, settings.SESSION_COOKIE_DOMAIN,
        settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SAMESITE,
    ],
}))
"""


def test_production_responses_carry_the_security_headers():
    setup = "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'careerpath.settings')"
    result = run_in_production("-c", f"{setup}\n{HEADERS_SCRIPT}")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["redirect"][0] == 301 and seen["redirect"][1].startswith("https://")
    headers = {name.lower(): value for name, value in seen["headers"].items()}
    hsts = headers["strict-transport-security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 183 * 24 * 3600
    assert "includeSubDomains" in hsts
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"]:
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert_features_denied(headers["permissions-policy"])
    assert headers["cross-origin-resource-policy"] == "same-origin"
    # The __Host- prefix: browsers take such a cookie only over HTTPS, for the whole site, from this host alone.
    assert seen["csrf_cookie"] == {
        "name": "__Host-csrftoken",
        "path": "/",
        "domain": "",
        "secure": True,
        "httponly": True,
        "samesite": "Lax",
    }
    assert seen["session_cookie"] == ["__Host-sessionid", "/", None, True, True, "Lax"]


@pytest.mark.django_db
def test_every_page_sends_the_content_security_policy(client, content):
    for path in ["/", "/roles/", "/roles/chief-operating-officer/", "/assessment/", "/admin/login/", "/api/v1/docs"]:
        assert "default-src 'none'" in client.get(path)["Content-Security-Policy"], path


UNUSED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def assert_features_denied(policy: str) -> None:
    directives = dict(directive.strip().split("=", 1) for directive in policy.split(","))
    for feature in UNUSED_FEATURES:
        assert directives[feature] == "()", feature


@pytest.mark.django_db
def test_every_answer_denies_unused_browser_features_and_other_sites_embedding(client, content):
    answers = [
        client.get(path)
        for path in ["/", "/en/roles/", "/assessment/", "/admin/login/", "/api/v1/roles", "/healthz", "/nowhere/"]
    ]
    answers.append(client.get("/"))  # served again from the page cache
    assert answers[-1].content == answers[0].content
    for response in answers:
        assert_features_denied(response["Permissions-Policy"])
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_page_served_from_the_cache_carries_the_headers_without_a_query(client, content, django_assert_num_queries):
    client.get("/roles/")
    with django_assert_num_queries(0):
        cached = client.get("/roles/")
    assert_features_denied(cached["Permissions-Policy"])
    assert cached["Cross-Origin-Resource-Policy"] == "same-origin"


HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_hostile_editor_text_renders_inert_everywhere(client, content):
    role = RoleFactory(title_fr=HOSTILE, title_en=HOSTILE, summary_fr=HOSTILE, description_fr=HOSTILE, acronym="X<b>")
    for _ in range(3):
        RoleSkillFactory(role=role, skill=SkillFactory(name_fr=HOSTILE), rationale_fr=HOSTILE)
    pages = [
        client.get("/roles/").content,
        client.get(role.get_absolute_url()).content,
        client.get("/compare/", {"roles": [role.slug, "chief-operating-officer"]}).content,
        client.get("/assessment/", {"target": role.slug}).content,
    ]
    fields = {f"skill_{rs.skill_id}": 2 for rs in role.role_skills.all()}
    response = client.post(
        f"/assessment/?target={role.slug}",
        {
            "position": "student",
            "years_operations": 0,
            "years_people": 0,
            "years_customer-service": 0,
            "years_facilities": 0,
            "years_business": 0,
            "preferred_sector": "both",
            "consent": "on",
            **fields,
        },
    )
    assert response.status_code == 303
    pages.append(client.get(response["Location"]).content)  # radar labels, tables, route
    for page in pages:
        text = page.decode()
        assert "<script>alert" not in text and "<img src=x" not in text and "<b>" not in text
        assert "&lt;script&gt;" in text or "&lt;img" in text


@pytest.mark.django_db
def test_content_survives_a_dumpdata_loaddata_round_trip(content, tmp_path):
    dump = tmp_path / "content.json"
    call_command("dumpdata", "roles", "pathways.transition", "--natural-foreign", "--output", str(dump), verbosity=0)
    before = {model: model.objects.count() for model in (Role,)}
    coo_title = Role.objects.get(slug="chief-operating-officer").title_en
    from pathways.models import Transition

    transitions = Transition.objects.count()
    Transition.objects.all().delete()
    Role.objects.all().delete()
    call_command("loaddata", str(dump), verbosity=0)
    assert {model: model.objects.count() for model in (Role,)} == before
    coo = Role.objects.with_profile().get(slug="chief-operating-officer")
    assert coo.title_en == coo_title
    assert len(coo.role_skills.all()) >= 6 and coo.steps.all() and coo.sources.all()
    assert Transition.objects.count() == transitions


@pytest.mark.django_db(transaction=True)
def test_migrations_apply_from_zero_and_back():
    call_command("migrate", "pathways", "zero", verbosity=0)
    call_command("migrate", "roles", "zero", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=open(os.devnull, "w"))
    assert Role.objects.published().count() == 8
