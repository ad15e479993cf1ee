import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture
def api_ready(content, settings):
    """The API answering through the real WSGI handler (as a client over HTTP reaches it), on the test's data."""
    settings.ALLOWED_HOSTS = ["*"]
    # The WSGI handler closes the database connection after each request; the test's transaction lives on that
    # connection, so keep it open as Django's test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
