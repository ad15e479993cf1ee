import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from careerpath.cache import renew_content_version
from roles.search_index import write_index

CONTENT_APPS = ("roles", "pathways")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def content_version_of_its_own(tmp_path_factory):
    """Without Redis the content version is a file that every process of this checkout reads (a
    development server, another test run): this run, and the processes its tests start, keep their own."""
    if settings.CACHE_URL:
        yield
        return
    location = str(tmp_path_factory.mktemp("content-cache"))
    content = {**settings.CACHES["content"], "LOCATION": location}
    # The rate limit counts too (a folder of theirs beside it, as in settings.py).
    counts = {**settings.CACHES["ratelimit"], "LOCATION": str(Path(location) / "ratelimit")}
    with (
        pytest.MonkeyPatch.context() as patch,
        override_settings(CACHES={**settings.CACHES, "content": content, "ratelimit": counts}),
    ):
        patch.setenv("DJANGO_CACHE_DIR", location)
        yield


@pytest.fixture(autouse=True)
def empty_caches():
    """Kept pages, the content version and rate limit counts would outlive each test's rolled-back database."""
    for alias in ("default", "content", "ratelimit"):
        caches[alias].clear()
    yield
    for alias in ("default", "content", "ratelimit"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def french_by_default():
    """Each test starts in the source language, as a visitor without a prefix would."""
    with translation.override("fr"):
        yield


@pytest.fixture(scope="session")
def content_rows(django_db_setup, django_db_blocker) -> dict[type, list[dict]]:
    """The curated content as `make run` loads it, read and checked once per test session: `load_content` runs
    in a transaction that is rolled back, and the rows it wrote are kept, table by table, to be written again."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_content", stdout=io.StringIO())
        rows = {}
        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                attnames = [field.attname for field in model._meta.concrete_fields]
                if written := list(model._default_manager.values(*attnames)):
                    rows[model] = written
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def content(db, content_rows):
    """The curated content, as `make run` loads it: the same rows, with the same keys, written in one insert per
    table (foreign keys are checked at the end of the transaction)."""
    with transaction.atomic():
        for model, rows in content_rows.items():
            model._default_manager.bulk_create(model(**row) for row in rows)
        with connection.cursor() as cursor:  # PostgreSQL: the next row a test makes takes the next free key
            for statement in connection.ops.sequence_reset_sql(no_style(), list(content_rows)):
                cursor.execute(statement)
        write_index()  # as `load_content` does after its writes
    renew_content_version()  # as the saves of `load_content` would


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True, is_superuser=True)
