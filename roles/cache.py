"""Public pages cached whole, each kept with the content version it was made from.

The version lives in the database and every content change renews it, so a change made
through any process (an editor in the admin, `load_content`) makes the kept pages of every
process stale at once, at the price of one tiny query per cached page. Each change draws a new
random version rather than counting: a counter would repeat its values in another database (a
test's, a restored backup's).
"""

import hashlib
import secrets
from functools import wraps

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

from .models import ContentVersion

PAGE_TIMEOUT = 60 * 60  # seconds; a stale page is replaced on its next visit, an unvisited one ages out


def content_version() -> int:
    # Read on every cached page: plain SQL, as cheap as the health check's own query.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {ContentVersion._meta.db_table} WHERE id = 1")  # noqa: S608 (no input)
        row = cursor.fetchone()
    return row[0] if row else 0


def content_version_of(request) -> int:
    """The content version, read once per request: a stale kept page costs no second query."""
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
