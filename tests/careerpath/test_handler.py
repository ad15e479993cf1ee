"""The site's WSGI handler (careerpath.handler), as gunicorn calls it: a page kept for everyone is answered before
Django's request cycle, exactly as the cycle answers it; everything else goes through the cycle."""

import time

import pytest
from django.conf import settings
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.test import RequestFactory

from careerpath import cache as page_cache
from careerpath.wsgi import application

pytestmark = pytest.mark.django_db

COO = "/roles/chief-operating-officer/"


@pytest.fixture(autouse=True)
def within_the_tests_transaction():
    """Django's cycle closes the database connection it finds inside a transaction: the test's, here. (The test
    client leaves it open the same way.)"""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def served(path: str, method: str = "get", **headers) -> tuple[int, dict, bytes]:
    """What the site's WSGI application answers: the status code, the headers and the body."""
    environ = getattr(RequestFactory(), method)(path, **headers).environ
    answer = {}
    body = application(environ, lambda status, headers: answer.update(status=int(status[:3]), headers=dict(headers)))
    try:
        content = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()  # as a server does: the end of Django's cycle, when it went through it
    return answer["status"], answer["headers"], content


@pytest.fixture
def started_cycles():
    started = []

    def count(**_signal_kwargs):
        started.append(1)

    signals.request_started.connect(count)
    yield started
    signals.request_started.disconnect(count)


def test_a_kept_page_is_answered_before_the_cycle_as_the_cycle_answers_it(client, content, started_cycles, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    for encoding in ("gzip, deflate, br", "identity"):
        client.get(COO, secure=True)  # made, then kept
        through_the_cycle = client.get(COO, secure=True, headers={"Accept-Encoding": encoding})
        started_cycles.clear()
        status, headers, content_sent = served(COO, secure=True, HTTP_ACCEPT_ENCODING=encoding)
        assert started_cycles == []  # no signal, no middleware
        assert (status, headers, content_sent) == (200, dict(through_the_cycle.headers), through_the_cycle.content)
    # The headers of every middleware are there: the ones around the page cache's too.
    for header in ("Strict-Transport-Security", "Content-Security-Policy", "Cross-Origin-Resource-Policy", "Permissions-Policy"):
        assert header in headers


def test_anything_else_goes_through_the_cycle(client, content, started_cycles):
    status, _headers, made = served(COO)  # not kept yet: made by the cycle, and kept by it
    assert status == 200 and len(started_cycles) == 1
    assert served(COO)[2] == made and len(started_cycles) == 1
    status, _headers, _content = served("/assessment/?target=chief-operating-officer")  # a form: never kept
    assert status == 200 and len(started_cycles) == 2
    status, _headers, _content = served(COO, method="head")
    assert status == 200 and len(started_cycles) == 3


def test_text_no_person_types_is_refused_in_place_of_a_kept_page(content):
    assert served("/roles/")[0] == 200  # kept
    status, _headers, refusal = served("/roles/?utm_source=%00")  # a parameter the page does not read
    assert status == 400 and "caractères de contrôle" in refusal.decode()
    crowded = "&".join(f"field{index}=1" for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert served(f"/roles/?{crowded}")[0] == 400


def test_a_kept_page_is_fetched_from_the_shared_cache_once_per_process(client, content, monkeypatch):
    client.get(COO)
    page_cache.kept_here.clear()  # as in another process, which has not served it yet
    fetched = []
    fetch = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args: fetched.append(key) or fetch(key, *args))
    for _ in range(3):
        assert served(COO)[0] == 200
    assert len(fetched) == 1
    # A minute later it is fetched again, so that it ages out with the shared cache's copy.
    now = time.monotonic
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now() + page_cache.KEPT_HERE_SECONDS + 1)
    assert served(COO)[0] == 200
    assert len(fetched) == 2


def test_the_pages_a_process_keeps_stay_within_their_bound(client, content, monkeypatch):
    monkeypatch.setattr(page_cache, "KEPT_HERE_BYTES", 20_000)  # a profile is about 13 KB compressed
    page_cache.kept_here.clear()
    page_cache.kept_here_bytes[0] = 0
    for path in (COO, "/roles/operations-manager/", "/roles/facilities-manager/", "/roles/", "/"):
        assert served(path)[0] == 200
        held = [compressed for (_headers, compressed), _fetch_after in page_cache.kept_here.values()]
        assert page_cache.kept_here_bytes[0] == sum(map(len, held))
        assert page_cache.kept_here_bytes[0] <= 20_000
