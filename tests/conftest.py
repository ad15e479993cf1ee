import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation


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
    with pytest.MonkeyPatch.context() as patch, override_settings(
        CACHES={**settings.CACHES, "content": content, "ratelimit": counts}
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


@pytest.fixture
def content(db):
    """The curated content, as `make run` loads it."""
    call_command("load_content", stdout=io.StringIO())


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True,
                                                 is_superuser=True)
