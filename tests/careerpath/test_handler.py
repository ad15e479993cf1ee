"""The site's WSGI handler (careerpath.handler), as gunicorn calls it: a page kept for everyone is answered before
Django's request cycle, exactly as the cycle answered it; everything else goes through the cycle."""

import gzip

import pytest
from django.conf import settings
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.test import RequestFactory

from careerpath import cache as page_cache
from careerpath.handler import SiteHandler
from careerpath.wsgi import application
from roles.models import Role

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


def test_the_site_runs_on_this_handler():
    assert isinstance(application, SiteHandler)


def served(path: str, method: str = "get", **headers) -> tuple[int, dict, bytes]:
    """What the site's WSGI application answers: the status code, the headers and the body. A handler made for the
    request, as a server starting now would make it: the middleware reads the settings a test changes as it starts."""
    environ = getattr(RequestFactory(), method)(path, **headers).environ
    answer = {}
    body = SiteHandler()(environ, lambda status, headers: answer.update(status=int(status[:3]), headers=dict(headers)))
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


def test_a_kept_page_is_answered_before_the_cycle_as_the_cycle_made_it(content, started_cycles, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    made_status, made_headers, made = served(COO, secure=True)  # by the cycle, which keeps it
    assert made_status == 200 and len(started_cycles) == 1
    status, headers, plain = served(COO, secure=True)
    assert len(started_cycles) == 1  # no signal, no middleware
    assert (status, headers, plain) == (200, made_headers, made)
    status, headers, compressed = served(COO, secure=True, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert len(started_cycles) == 1 and gzip.decompress(compressed) == made
    assert {**headers, "Content-Length": made_headers["Content-Length"]} == {**made_headers, "Content-Encoding": "gzip"}
    # The headers of every middleware are there: the ones around the page cache's too.
    for header in ("Strict-Transport-Security", "Content-Security-Policy", "Cross-Origin-Resource-Policy", "Permissions-Policy"):
        assert header in headers


def test_anything_else_goes_through_the_cycle(content, started_cycles, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert served(COO, secure=True)[0] == 200 and served(COO, secure=True)[0] == 200  # kept
    assert len(started_cycles) == 1
    assert served(COO)[0] == 301  # plain HTTP still goes to HTTPS
    assert served(COO, secure=True, HTTP_HOST="attacker.example")[0] == 400
    assert served(COO, method="head", secure=True)[0] == 200
    assert served(COO, method="post", secure=True)[0] == 403  # the CSRF check refuses it
    assert served("/assessment/?target=chief-operating-officer", secure=True)[0] == 200  # a form: never kept
    assert len(started_cycles) == 6


def test_an_editors_change_shows_at_once(content):
    assert b"chang\xc3\xa9 \xc3\xa0 l" not in served(COO)[2]
    served(COO)  # kept, in this process too
    coo = Role.objects.get(slug="chief-operating-officer")
    coo.summary_fr = "Résumé changé à l’instant."
    coo.save()
    assert "Résumé changé à l’instant." in served(COO)[2].decode()


def test_text_no_person_types_is_refused_in_place_of_a_kept_page(content):
    assert served("/roles/")[0] == 200  # kept
    status, _headers, refusal = served("/roles/?utm_source=%00")  # a parameter the page does not read
    assert status == 400 and "caractères de contrôle" in refusal.decode()
    crowded = "&".join(f"field{index}=1" for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert served(f"/roles/?{crowded}")[0] == 400


def test_a_cache_that_fails_before_the_cycle_is_met_again_within_it(content, monkeypatch, caplog):
    served(COO)  # kept
    page_cache.kept_here.clear()
    fetch, failures = cache.get, []

    def fails_once(key, *args):
        if not failures:
            failures.append(key)
            raise OSError("the cache's folder is gone")
        return fetch(key, *args)

    monkeypatch.setattr(cache, "get", fails_once)
    assert served(COO)[0] == 200  # from the cycle, where the cache answered
    assert failures and "could not be looked up" in caplog.text


def test_a_kept_page_is_fetched_from_the_shared_cache_once_per_process(content, monkeypatch):
    made = served(COO)[2]
    page_cache.kept_here.clear()  # as in another process, which has not served it yet
    fetched = []
    fetch = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args: fetched.append(key) or fetch(key, *args))
    for _ in range(3):
        assert served(COO)[2] == made
    assert len(fetched) == 1
    # A minute later it is fetched again, so that it ages out with the shared cache's copy.
    monkeypatch.setattr(page_cache, "KEPT_HERE_SECONDS", -1)
    page_cache.kept_here.clear()
    served(COO)
    served(COO)
    assert len(fetched) == 3


def test_a_page_not_kept_yet_is_looked_up_once(content, monkeypatch):
    fetched = []
    fetch = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args: fetched.append(key) or fetch(key, *args))
    served(COO)
    assert fetched.count(fetched[-1]) == 1  # by the handler; the middleware keeps the page without asking again


def test_the_pages_a_process_keeps_stay_within_their_bound(content, monkeypatch):
    monkeypatch.setattr(page_cache, "KEPT_HERE_BYTES", 20_000)  # a profile is about 13 KB compressed
    monkeypatch.setattr(page_cache, "KEPT_HERE_SECONDS", -1)  # each one fetched and held again on each request
    page_cache.kept_here.clear()
    page_cache.kept_here_bytes[0] = 0
    for path in (COO, COO, "/roles/operations-manager/", "/roles/", "/roles/", "/", "/"):
        assert served(path)[0] == 200
        held = [compressed for (_headers, compressed), _fetch_after in page_cache.kept_here.values()]
        assert page_cache.kept_here_bytes[0] == sum(map(len, held)) <= 20_000
        assert len(held) >= 1
    monkeypatch.setattr(page_cache, "KEPT_HERE_BYTES", 100)  # smaller than any page: none is held
    served(COO)
    assert page_cache.kept_here_bytes[0] == sum(len(c) for (_h, c), _f in page_cache.kept_here.values())


def test_a_release_leaves_the_pages_made_before_behind(content, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000  # the instances started with HSTS
    page_cache.release.cache_clear()
    try:
        assert "Strict-Transport-Security" in served(COO, secure=True)[1]
        assert "Strict-Transport-Security" in served(COO, secure=True)[1]  # kept
        settings.SECURE_HSTS_SECONDS = 0  # turned off, and the instances restarted
        page_cache.release.cache_clear()
        assert "Strict-Transport-Security" not in served(COO, secure=True)[1]
    finally:
        page_cache.release.cache_clear()
