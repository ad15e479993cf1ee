import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from roles.cache import content_watch


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages are keyed by a content version that restarts with each test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def content_watch_closed(django_db_setup):
    """On PostgreSQL the page cache's listener holds a connection: let the test database go at the end."""
    yield
    content_watch.close()


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
