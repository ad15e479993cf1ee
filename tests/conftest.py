import io
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from bench.run import free_port
from careerpath.cache import renew_content_version
from roles.search_index import write_index
from tools.cluster import start_redis

CONTENT_APPS = ("roles", "pathways")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def redis_database_of_this_worker(url: str) -> str:
    """With the suite on several processes (pytest-xdist), each its own database of the one Redis (0 to 15): the
    caches a test empties (FLUSHDB) are then its process's alone."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    base = urlsplit(url)
    return urlunsplit(base._replace(path=f"/{int(worker) % 15 + 1}"))


@pytest.fixture(scope="session", autouse=True)
def content_version_of_its_own(tmp_path_factory):
    """Without Redis the content version is a file that every process of this checkout reads (a
    development server, another test run): this run, and the processes its tests start, keep their own.
    With Redis (DJANGO_CACHE_URL, the CI's third pass), a database of Redis of its own."""
    with pytest.MonkeyPatch.context() as patch:
        if settings.CACHE_URL:
            url = redis_database_of_this_worker(settings.CACHE_URL)
            caches_here = {
                alias: {**cache, "LOCATION": url} if cache["LOCATION"] == settings.CACHE_URL else cache
                for alias, cache in settings.CACHES.items()
            }
            patch.setenv("DJANGO_CACHE_URL", url)
        else:
            location = str(tmp_path_factory.mktemp("content-cache"))
            content = {**settings.CACHES["content"], "LOCATION": location}
            # The rate limit counts too (a folder of theirs beside it, as in settings.py).
            counts = {**settings.CACHES["ratelimit"], "LOCATION": str(Path(location) / "ratelimit")}
            caches_here = {**settings.CACHES, "content": content, "ratelimit": counts}
            patch.setenv("DJANGO_CACHE_DIR", location)
        with override_settings(CACHES=caches_here):
            yield


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> str:
    """A real Redis for the tests of what instances share: the suite's own when it runs with one (DJANGO_CACHE_URL),
    else a redis-server started for this test process (make test installs it; CI too)."""
    if settings.CACHE_URL:
        yield redis_database_of_this_worker(settings.CACHE_URL)
        return
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is missing: `make redis-server` installs Debian's (make test does it first)")
    port = free_port()
    server = start_redis(port, tmp_path_factory.mktemp("redis"))
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(autouse=True)
def empty_caches():
    """Kept pages, the content version and rate limit counts would outlive each test's rolled-back database."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
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
