"""How far a task has gone, for the page that shows it: kept in the cache every process shares (files on one
machine, Redis on several), not in the database, because the task may be inside a transaction (the ESCO import
is one) that no other connection sees into until it ends, and that would take the progress back with it."""

from django.core.cache import caches

KEPT = 60 * 60 * 24  # seconds: a day after its last report, a task's progress is forgotten


def cache():
    return caches["content"]


def report(key: str, **state) -> None:
    cache().set(f"task-progress:{key}", state, KEPT)


def read(key: str) -> dict:
    return cache().get(f"task-progress:{key}") or {}
