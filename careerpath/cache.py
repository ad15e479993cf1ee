"""Public pages cached whole, under the content version they were made from; a person's own pages kept by
their views (`object_page_key`), forgotten when what they show changes.

The version is a random number kept in the "content" cache, which every process shares, and
every content change draws a new one: the pages kept under the old one are never found again and
age out. A cached page costs a lookup of the version and no query. A version that is missing (evicted,
cleared) is drawn afresh, which only causes misses: a counter starting again could come back to a
number older pages were kept under, a random draw does not.
"""

import gzip
import hashlib
import os
import re
import secrets
import sys
import threading
import time
from functools import lru_cache, wraps
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import TooManyFieldsSent
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language

from .middleware import path_could_be_typed, query_could_be_typed

PAGE_TIMEOUT = 60 * 60  # seconds; pages of an old version, and those no longer visited, age out
VERSION_KEY = "content-version"


def content_version() -> int:
    versions = caches["content"]
    stamp = version_file_stamp(versions)  # before reading: a change made meanwhile shows at the next call
    if stamp is not None and stamp == last_read[0][0]:
        return last_read[0][1]
    version = versions.get(VERSION_KEY)
    if version is None:
        drawn = secrets.randbits(62)
        # Another process may have added its own first: theirs is the one.
        version = drawn if versions.add(VERSION_KEY, drawn, timeout=None) else versions.get(VERSION_KEY, drawn)
    last_read[0] = (stamp, version)
    return version


# The version as this process last read it from its file, and the file's identity then: every request asks for
# the version, and a stat() tells whether the file changed without opening it. Writing the version always makes a
# new file (the file cache writes a temporary file and renames it over the old), so a change gives a new inode.
last_read: list[tuple] = [(None, None)]


def version_file_stamp(versions) -> tuple | None:
    """The identity of the file holding the version (None when the version is not kept in a file, or no file holds
    it yet)."""
    if not isinstance(versions, FileBasedCache):
        return None
    try:
        found = os.stat(version_file(versions))
    except OSError:
        return None
    return versions._dir, found.st_ino, found.st_mtime_ns, found.st_size


@lru_cache(maxsize=8)
def version_file(versions: FileBasedCache) -> str:
    """The file this cache keeps the version in (a digest of the key), worked out once rather than on each request."""
    return versions._key_to_file(VERSION_KEY)


def draw_content_version() -> None:
    caches["content"].set(VERSION_KEY, secrets.randbits(62), timeout=None)
    last_read[0] = (None, None)


def renew_content_version(**_signal_kwargs) -> None:
    """Leave behind every page kept so far, in every process: the content has changed."""
    # Now, so that the change shows at once, even inside the transaction that makes it (a test's);
    # and again at commit, so that a page another process renders meanwhile from the rows as they
    # were is not kept under the version drawn now.
    draw_content_version()
    if connection.in_atomic_block:
        transaction.on_commit(draw_content_version)


def renew_content_version_on_change(*models) -> None:
    """Renew the version whenever a row of these models, or of their many-to-many links, is saved or deleted."""
    for model in models:
        post_save.connect(renew_content_version, sender=model)
        post_delete.connect(renew_content_version, sender=model)
        for field in model._meta.many_to_many:
            m2m_changed.connect(renew_content_version, sender=field.remote_field.through)


KEPT_PER_VERSION = 256  # results a process keeps per function until the content changes


def per_content_version(function=None, *, key=None):
    """Keep what `function` returns, for each set of arguments, in this process until the content changes:
    for what every request needs and only an editor's change alters (the catalogue, a form's questions).
    `key`: what to keep it under, from the arguments, when they are not hashable themselves."""
    if function is None:
        return lambda function: per_content_version(function, key=key)
    kept: dict = {}
    kept_for: list = [None]

    @wraps(function)
    def wrapped(*args):
        version = content_version()
        if kept_for[0] != version or len(kept) >= KEPT_PER_VERSION:
            kept.clear()
            kept_for[0] = version
        under = key(*args) if key else args
        if under not in kept:
            kept[under] = function(*args)
        return kept[under]

    return wrapped


def versioned_key(name: str, *parts) -> str:
    """A cache key that the next content change, and the next release, leave behind."""
    return ":".join(str(part) for part in (name, release(), content_version(), *parts))


# Settings that shape what a kept page answers beyond its content: its headers, whether it is answered at all.
ANSWER_SETTINGS = (
    "ALLOWED_HOSTS",
    "CONTENT_SECURITY_POLICY",
    "DEBUG",
    "LANGUAGE_CODE",
    "LANGUAGES",
    "MIDDLEWARE",
    "PERMISSIONS_POLICY",
    "STATIC_URL",
    "USE_X_FORWARDED_HOST",
    "X_FRAME_OPTIONS",
)


@lru_cache(maxsize=1)
def release() -> str:
    """What made the pages besides the content: a digest of the code, templates, translations and static files of
    the project (a page names its assets by their digest) and of the settings that shape an answer (ANSWER_SETTINGS
    and every SECURE_ one). Kept pages carry the headers the stack gave them, and the content version lives on
    across releases: a release, or a setting changed for one (HSTS turned off), leaves the pages made before behind.
    Worked out once per process, in a few milliseconds; the same on every machine running the same release."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    folders = [Path(__file__).parent, *(Path(config.path) for config in apps.get_app_configs())]
    folders += [Path(folder) for template in settings.TEMPLATES for folder in template.get("DIRS", [])]
    folders += [Path(folder) for folder in (*settings.LOCALE_PATHS, *settings.STATICFILES_DIRS)]
    # The project's own files, and the pinned versions of the libraries rather than their files.
    ours = [folder for folder in folders if folder.is_relative_to(base) and not folder.is_relative_to(sys.prefix)]
    files = {path for folder in ours for path in folder.rglob("*") if path.is_file() and path.suffix not in (".pyc", ".po")}
    for path in sorted({*files, base / "requirements.txt"}):
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    names = sorted({*ANSWER_SETTINGS, *(name for name in dir(settings) if name.startswith("SECURE_"))})
    digest.update(repr([(name, getattr(settings, name, None)) for name in names]).encode())
    return digest.hexdigest()[:16]


def object_page_key(name: str, pk, language: str) -> str:
    """The key of a page made for one object alone (a person's result), in one language, that its view keeps:
    the next content change leaves it behind, as it does the pages kept for everyone."""
    return versioned_key(name, pk, language)


# What a page kept for one person holds in place of its CSRF token: the token is the visitor's own, put back on each
# request (`with_csrf_token`). The view renders the page with this as its `csrf_token`.
CSRF_SLOT = "csrf-token-put-back-on-each-request"


def with_csrf_token(request, content: bytes) -> bytes:
    """A kept page with this visitor's CSRF token in its forms (and the cookie it pairs with set on the response)."""
    slot = CSRF_SLOT.encode()
    return content.replace(slot, get_token(request).encode()) if slot in content else content


KEPT_PER_OBJECT = 8  # variants of an object's page (a what-if's answers) kept together, the oldest out first


def kept_variant(name: str, pk, variant: str) -> bytes | None:
    """The page kept for this object under `variant` (e.g. a query string), in the active language."""
    return (cache.get(object_page_key(name, pk, get_language())) or {}).get(variant)


def keep_variant(name: str, pk, variant: str, content: bytes, timeout: float = PAGE_TIMEOUT) -> None:
    """Keep one variant of an object's page with its others, under one key, so that `forget_object_pages` forgets
    them all at once; `timeout`: seconds until they are all left behind (the soonest a page kept says something
    untrue with nothing changed: a share shown as open after it expired)."""
    key = object_page_key(name, pk, get_language())
    variants = cache.get(key) or {}
    variants.pop(variant, None)
    variants[variant] = content
    while len(variants) > KEPT_PER_OBJECT:
        del variants[next(iter(variants))]
    cache.set(key, variants, min(timeout, PAGE_TIMEOUT))


def forget_object_pages(name: str, pk) -> None:
    """Forget the pages kept under `name` for this object, in every language."""
    cache.delete_many([object_page_key(name, pk, language) for language, _name in settings.LANGUAGES])


def forget_object_pages_on_delete(model, name: str, *, pks_of) -> None:
    """Forget the pages kept under `name` for the objects `pks_of(row)` names (None among them: no page to forget)
    whenever a row of `model` is deleted. (A row just added has no page kept yet: its pk or revision is new.)

    Now, and again at commit: a page another process renders meanwhile from the rows as they were is not kept."""

    def deleted(sender, instance, **_signal_kwargs) -> None:
        for pk in pks_of(instance):
            if pk is None:
                continue
            forget_object_pages(name, pk)
            if connection.in_atomic_block:
                transaction.on_commit(lambda pk=pk: forget_object_pages(name, pk))

    uid = f"careerpath.cache.forget_object_pages:{name}:{model._meta.label}"
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}:deleted")


def revised_pk(pk, revision: int) -> str:
    """What a page kept of one object is kept under (`object_page_key`, `keep_variant`): the object at a revision."""
    return f"{pk}@{revision}"


def revision_of(model, pk) -> int | None:
    """The `revision` of `model`'s row `pk` (`revise_on_change`), None when there is no such row: what a kept page of
    it is looked up under, read on every request for it. One short statement of its own: building it with the ORM
    took 240 µs on each request, a quarter of serving a kept result."""
    quote, meta = connection.ops.quote_name, model._meta
    revision, table, pk_column = quote(meta.get_field("revision").column), quote(meta.db_table), quote(meta.pk.column)
    statement = f"SELECT {revision} FROM {table} WHERE {pk_column} = %s"  # noqa: S608 (names from the model; pk a parameter)
    with connection.cursor() as cursor:
        cursor.execute(statement, [meta.pk.get_db_prep_value(pk, connection)])
        row = cursor.fetchone()
    return row[0] if row else None


CHANGES = frozenset({"added", "updated", "deleted"})


def revise_on_change(model, owner, *, pks_of, on=CHANGES) -> None:
    """Count a new revision of the `owner` rows `pks_of(row)` names (their `revision` field; None among them: no row)
    whenever a row of `model` is changed in one of the ways `on` names (CHANGES). The pages kept of an owner under its
    revision (`revised_pk`) are then left behind by every process at once, since each request reads the revision with
    the row: forgetting a page (`forget_object_pages`) reaches only the process's own cache where each keeps its own
    (one machine, no Redis). A page drawn from rows read before a change is kept under the revision read with them,
    never served after it."""

    assert on and on <= CHANGES, on

    def revise(row) -> None:
        if pks := [pk for pk in pks_of(row) if pk is not None]:
            owner.objects.filter(pk__in=pks).update(revision=F("revision") + 1)

    def saved(sender, instance, created, **_signal_kwargs) -> None:
        if ("added" if created else "updated") in on:
            revise(instance)

    def deleted(sender, instance, **_signal_kwargs) -> None:
        revise(instance)

    uid = f"careerpath.cache.revise_on_change:{owner._meta.label}:{model._meta.label}"
    if on & {"added", "updated"}:
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}:saved")
    if "deleted" in on:
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}:deleted")


def cached_page(*, reads: tuple[str, ...] = ()):
    """Mark a view's responses as the same for every visitor, for PageCacheMiddleware to keep.

    `reads` names the query parameters the view reads: the page is kept once for each set of their
    values, whatever else the query string holds (a tracking tag, a typo), so junk cannot fill the cache.
    """

    def mark(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.is_shared_page = True
            return response

        wrapped.page_cache_reads = frozenset(reads)
        return wrapped

    return mark


def page_reads(path: str) -> frozenset[str] | None:
    """The query parameters the page at `path` reads, or None when it is not a page kept for everyone."""
    return reads_under(path, get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=2048)
def reads_under(path: str, _urlconf: str) -> frozenset[str] | None:
    """page_reads, kept for each path: what a path resolves to changes only with the URL configuration."""
    # The URLs under /en/ resolve only while English is active, as LocaleMiddleware (later in the stack) makes it.
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            view = resolve(path).func
    except Resolver404:
        return None
    return getattr(view, "page_cache_reads", None)


def page_key(request, reads: frozenset[str]) -> str:
    """The page's key: the scheme, the host as sent, the path and the parameters it reads in a set order
    (each one's values in the order given: the comparison shows roles in that order)."""
    query = urlencode([(name, value) for name in sorted(reads & request.GET.keys()) for value in request.GET.getlist(name)])
    location = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return versioned_key("page-gz", request.scheme, request.META.get("HTTP_HOST", ""), location)


def shared_page_key(request) -> str | None:
    """The key of the page kept for everyone that would answer this request; None when it asks for none (not a GET
    of a page marked `cached_page`), or holds text no person could have typed, which is refused further on
    (careerpath.middleware.RefuseUnreadableInputMiddleware): no kept page is ever served in its place."""
    if request.method != "GET" or (reads := page_reads(request.path_info)) is None:
        return None
    if not path_could_be_typed(request) or not query_could_be_typed(request):
        return None
    try:
        return page_key(request, reads)
    except TooManyFieldsSent:  # reading the query raises again further on, where it is refused
        return None


# The pages kept for everyone that this process has served, by key, with when to fetch them again: a key holds the
# release and the content version, and the page kept under it does not change, so the process need not fetch it from
# the cache (Redis over the network, or the process's own memory) on every request. Fetched again after a minute all
# the same, so that a page kept here ages out with the cache's (PAGE_TIMEOUT) and an emptied cache shows within a
# minute. Emptied when it would hold more than KEPT_HERE_BYTES.
kept_here: dict[str, tuple[tuple[dict, bytes], float]] = {}
kept_here_bytes = [0]
kept_here_lock = threading.Lock()  # for threaded servers (gunicorn's gthread workers, ASGI)
KEPT_HERE_BYTES = 4 * 1024 * 1024
KEPT_HERE_SECONDS = 60


def kept_page(request, key: str) -> HttpResponse | None:
    """The page kept under `key` (`shared_page_key`), answered as the whole stack answered it when it was made;
    None when none is kept."""
    kept, fetch_after = kept_here.get(key, (None, 0.0))
    if kept is None or time.monotonic() > fetch_after:
        if (kept := cache.get(key)) is None:
            return None
        keep_here(key, kept)
    headers, compressed = kept
    return kept_response(request, compressed, headers)


def keep_page(key: str, response) -> None:
    patch_vary_headers(response, ("Accept-Encoding",))
    kept = (dict(response.items()), compress_string(response.content))
    cache.set(key, kept, PAGE_TIMEOUT)
    keep_here(key, kept)


def keep_here(key: str, kept: tuple[dict, bytes]) -> None:
    size = len(kept[1])
    with kept_here_lock:
        if (before := kept_here.pop(key, None)) is not None:
            kept_here_bytes[0] -= len(before[0][1])
        if size > KEPT_HERE_BYTES:
            return
        if kept_here_bytes[0] + size > KEPT_HERE_BYTES:
            kept_here.clear()
            kept_here_bytes[0] = 0
        kept_here[key] = (kept, time.monotonic() + KEPT_HERE_SECONDS)
        kept_here_bytes[0] += size


# Where the WSGI handler (careerpath.handler) leaves the key it looked up and found nothing under, in the request's
# environ (META): the middleware then keeps the page made under it without looking it up again. No header a client
# sends can set it: theirs are named HTTP_….
LOOKED_UP_IN_VAIN = "careerpath.page_cache.looked_up_in_vain"


class PageCacheMiddleware:
    """First in the stack: serve a page marked shared again, whole, without running the rest.

    What is kept is the response the whole stack produced, its security and language headers
    included, so a hit answers exactly as a miss would for a fraction of the work. The key holds
    the scheme and the Host header as sent: a plain-HTTP request still reaches its redirect to
    HTTPS, and a host outside ALLOWED_HOSTS its 400, because nothing was ever kept under them.
    The version in the key is read before the page is made, so a change made while it renders
    leaves it behind rather than passing it off as current.

    In production the WSGI handler answers a kept page before this (careerpath.handler), with the same functions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (key := request.META.get(LOOKED_UP_IN_VAIN)) is None:
            if (key := shared_page_key(request)) is None:
                return self.get_response(request)
            if (kept := kept_page(request, key)) is not None:
                return kept
        response = self.get_response(request)
        if may_keep(response):
            keep_page(key, response)
        return response


def kept_response(request, compressed: bytes, headers: dict | None = None) -> HttpResponse:
    """A page kept gzip-compressed (`compress_string`), sent as it is to a browser that accepts it, else unpacked.
    Compressed once, when it is kept, rather than on each request, and a sixth of the bytes to keep and fetch from
    Redis (a profile is 80 KB of HTML, 13 KB compressed). Only pages without a secret are kept compressed: one holding
    a CSRF token beside text a visitor sent would let them guess it from the size (BREACH); a person's own page with a
    token (the what-if, the plan) is kept and sent as it is."""
    if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(compressed, headers=headers)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed), headers=headers)
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


ACCEPTS_GZIP = re.compile(r"\bgzip\b")


MAX_PAGE_BYTES = 200 * 1024  # a larger page is served but not kept: with the cache's entry limit, a bound on memory


def may_keep(response) -> bool:
    # A cookie, or a Vary on Cookie, means the response was made for this visitor alone.
    return (
        getattr(response, "is_shared_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and len(response.content) <= MAX_PAGE_BYTES
    )
