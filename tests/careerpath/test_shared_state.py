"""What several instances share lives in Redis: rate counts exact under concurrency, and a Redis that is away
costs the pages it is not needed for nothing, and the requests it is needed for a 503, never a 500."""

import threading

import pytest
from django.test import RequestFactory

from bench.run import free_port
from careerpath.ratelimits import seconds_to_wait
from pathways.models import Assessment
from tests.assessments import submit
from tests.html import page_of, text_of

CLIENTS = 32


def in_redis(url: str, forgive: str) -> dict:
    return {"BACKEND": "careerpath.redis_cache.SharedCache", "LOCATION": url, "OPTIONS": {"forgive": forgive}}


@pytest.fixture
def counts_in_redis(settings, redis_url):
    settings.CACHES = {**settings.CACHES, "ratelimit": in_redis(redis_url, "")}
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pdfs": "30/h"}


def let_through_at_once(address: str) -> int:
    """CLIENTS requests of one address counted at the same instant, each on its own thread: how many pass."""
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    start, passed, lock = threading.Barrier(CLIENTS), [], threading.Lock()

    def one_client():
        start.wait()
        wait = seconds_to_wait(request, "pdfs")
        with lock:
            passed.append(wait is None)

    threads = [threading.Thread(target=one_client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(passed)


@pytest.mark.parametrize("address", ["198.51.100.1", "198.51.100.2", "2001:db8::1"])
def test_a_limit_of_30_lets_exactly_30_through_32_clients_at_once(counts_in_redis, address):
    assert let_through_at_once(address) == 30


@pytest.fixture
def redis_away(settings):
    """Every cache pointed at a port where nothing answers, as while Redis restarts."""
    away = f"redis://127.0.0.1:{free_port()}/0"
    forgiven = {"default": "all", "content": "reads", "ratelimit": "", "sessions": "reads"}  # as settings.py has them
    settings.CACHES = {alias: in_redis(away, forgiven[alias]) for alias in settings.CACHES}


def test_while_redis_is_away_public_pages_are_still_served(content, client, redis_away):
    for _ in range(2):
        response = client.get("/roles/")
        assert response.status_code == 200
        assert "Directeur des opérations" in response.content.decode()


@pytest.mark.parametrize(("lang", "message"), [("", "momentanément indisponible"), ("/en", "temporarily unavailable")])
def test_while_redis_is_away_a_counted_post_answers_503_and_saves_nothing(content, client, redis_away, lang, message):
    response = submit(client, lang=lang)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert message in text_of(page_of(response))
    assert Assessment.objects.count() == 0
