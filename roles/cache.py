"""Public pages cached whole, each kept with the content version it was made from.

The version lives in the database and every content change renews it, so a change made
through any process (an editor in the admin, `load_content`) makes the kept pages of every
process stale at once. On SQLite a cached page reads it with one tiny query; on PostgreSQL each
process listens for the change instead (see ContentWatch), so a cached page needs no query at
all. Each change draws a new random version rather than counting: a counter would repeat its
values in another database (a test's, a restored backup's).
"""

import contextlib
import hashlib
import os
import secrets
import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

from .models import ContentVersion

PAGE_TIMEOUT = 60 * 60  # seconds; a stale page is replaced on its next visit, an unvisited one ages out
# Notified by a trigger on every change to the version's table (migration roles/0005).
CHANGES_CHANNEL = "careerpath_content"
# Even while listening, the version is read again this often (seconds): a connection that died
# without a word, or a pooler that drops notifications, can only delay a change this long.
LISTENER_TRUST = 30


def read_content_version(cursor) -> int:
    cursor.execute(f"SELECT number FROM {ContentVersion._meta.db_table} WHERE id = 1")  # noqa: S608 (no input)
    row = cursor.fetchone()
    return row[0] if row else 0


class ContentWatch:
    """PostgreSQL only: one connection per process listens for content changes, so the version is
    known without a query, and a cached page is served without touching the database.

    It answers None whenever it cannot vouch for the version, and the caller reads it instead: on
    another database, with PAGE_CACHE_LISTENS off (behind a pooler in transaction mode, which
    does not pass notifications on), inside a transaction (which may see changes not yet
    committed, as in tests), or when its connection is lost (it reconnects on the next call). It
    listens before it reads, so no change slips between the two.
    """

    def __init__(self):
        self._lock = threading.Lock()  # threaded servers share it
        self._listener = None
        self._pid = None  # a forked process must not share the parent's connection
        self._version = None
        self._read_at = 0.0

    def version(self) -> int | None:
        if not settings.PAGE_CACHE_LISTENS or connection.vendor != "postgresql" or connection.in_atomic_block:
            return None
        with self._lock:
            try:
                if self._listener is None or self._listener.closed or self._pid != os.getpid():
                    self._listen()
                else:
                    self._listener.poll()  # takes in the notifications already received; never waits
                    if self._listener.notifies or time.monotonic() - self._read_at > LISTENER_TRUST:
                        self._listener.notifies.clear()
                        self._version = self._read()
                return self._version
            except connection.Database.Error:
                self._drop()
                return None

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._listener is not None and self._pid == os.getpid():  # a parent's connection is the parent's to close
            with contextlib.suppress(connection.Database.Error):
                self._listener.close()
        self._listener = None

    def _listen(self) -> None:
        self._drop()
        self._listener = connection.get_new_connection(connection.get_connection_params())
        self._pid = os.getpid()
        self._listener.autocommit = True
        with self._listener.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANGES_CHANNEL}")
        self._version = self._read()

    def _read(self) -> int:
        self._read_at = time.monotonic()
        with self._listener.cursor() as cursor:
            return read_content_version(cursor)


content_watch = ContentWatch()


def content_version() -> int:
    """The current content version: the listener's when it can vouch for it, else read with a query."""
    watched = content_watch.version()
    if watched is not None:
        return watched
    with connection.cursor() as cursor:
        return read_content_version(cursor)


def content_version_of(request) -> int:
    """The content version, found once per request: a stale kept page costs no second query."""
    if not hasattr(request, "content_version"):
        request.content_version = content_version()
    return request.content_version


def bump_content_version(**_signal_kwargs) -> None:
    ContentVersion.objects.update_or_create(pk=1, defaults={"number": secrets.randbits(62)})


def cached_page(view):
    """Mark a view's successful GET responses as the same for every visitor, for PageCacheMiddleware to keep.

    The version is read before the view runs: a change made while the page renders then makes
    the kept page stale at once rather than passing it off as current.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "GET":
            return view(request, *args, **kwargs)
        version = content_version_of(request)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response.content_version = version
        return response

    return wrapped


class PageCacheMiddleware:
    """First in the stack: serve a page marked shared again, whole, without running the rest.

    What is kept is the response the whole stack produced, its security and language headers
    included, so a hit answers exactly as a miss would for a fraction of the work. The key holds
    the scheme and the Host header as sent: a plain-HTTP request still reaches its redirect to
    HTTPS, and a host outside ALLOWED_HOSTS its 400, because nothing was ever kept under them.
    Other pages cost one lookup in the cache and no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET":
            return self.get_response(request)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{request.scheme}:{request.META.get('HTTP_HOST', '')}:{path}"
        kept = cache.get(key)
        if kept is not None and kept[0] == content_version_of(request):
            _version, headers, body = kept
            return HttpResponse(body, headers=headers)
        response = self.get_response(request)
        if is_shared(response):
            cache.set(key, (response.content_version, dict(response.items()), response.content), PAGE_TIMEOUT)
        return response


def is_shared(response) -> bool:
    # A cookie, or a Vary on Cookie, means the response was made for this visitor alone.
    return (hasattr(response, "content_version") and response.status_code == 200 and not response.streaming
            and not response.cookies and "cookie" not in response.get("Vary", "").lower())
