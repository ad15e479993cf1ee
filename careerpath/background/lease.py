"""A worker's lease on the tasks it runs: it beats while it lives (`WorkerBeat`); a task it holds goes back to the
queue once it has not beaten for its lease, since the database backend would keep such a task "running" for ever.
Every worker rescues the others' lost tasks as it beats, so one surviving worker is enough."""

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerBeat

logger = logging.getLogger(__name__)

ATTEMPTS = 3  # a task whose worker died this many times fails, rather than kill another (out of memory, say)
FORGOTTEN = timedelta(days=1)  # a worker silent this long is no longer listed
RESULTS_KEPT_DAYS = 14  # a finished task's row, read by nothing after a day (a PDF's, an import's), goes after this
PRUNE_EVERY = 60 * 60  # seconds between two prunings by a worker's heart


def lease() -> timedelta:
    """How long a worker may stay silent before its tasks are taken back (settings.TASKS_LEASE_SECONDS)."""
    return timedelta(seconds=settings.TASKS_LEASE_SECONDS)


def beat_every() -> float:
    return settings.TASKS_LEASE_SECONDS / 6  # six beats missed: the worker is gone


class WorkerLost(Exception):
    """The task's worker stopped without finishing it, ATTEMPTS times."""


def beat(worker_id: str) -> None:
    WorkerBeat.objects.update_or_create(worker_id=worker_id, defaults={"beat_at": timezone.now()})


def rescue_lost_tasks(*, now=None) -> list[str]:
    """Put back in the queue the tasks running on a worker that stopped beating; fail, saying why, those that lost
    their worker ATTEMPTS times. Returns the ids of the tasks it touched."""
    now = now or timezone.now()
    alive = set(WorkerBeat.objects.filter(beat_at__gte=now - lease()).values_list("worker_id", flat=True))
    touched = []
    with transaction.atomic():
        held = DBTaskResult.objects.running().filter(started_at__lt=now - lease()).select_for_update(skip_locked=True)
        for result in held:
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) >= ATTEMPTS:
                result.set_failed(WorkerLost(f"the worker running it stopped {len(result.worker_ids)} times"))
                logger.error("Task %s failed: its worker stopped %d times", result.id, len(result.worker_ids))
            else:
                DBTaskResult.objects.filter(pk=result.pk).update(status=TaskResultStatus.READY)
                logger.warning("Task %s back in the queue: worker %s stopped", result.id, result.worker_ids[-1:])
            touched.append(str(result.pk))
    WorkerBeat.objects.filter(beat_at__lt=now - FORGOTTEN).delete()
    return touched


class Heart(threading.Thread):
    """Beats for its worker six times a lease, in a thread (and a database connection) of its own, so that
    a long task does not stop it; rescues the other workers' lost tasks on each beat."""

    def __init__(self, worker_id: str, every: float | None = None):
        super().__init__(name=f"heart-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.every = every or beat_every()
        self.stopped = threading.Event()

    def run(self) -> None:
        pruned_at = -float("inf")
        try:
            while not self.stopped.wait(self.every):
                self.beat_once()
                if time.monotonic() - pruned_at >= PRUNE_EVERY:
                    pruned_at = time.monotonic()
                    prune_finished_tasks()
        finally:
            connection.close()

    def beat_once(self) -> None:
        try:
            beat(self.worker_id)
            rescue_lost_tasks()
        except DatabaseError as error:  # the database away, or SQLite locked by a long import: the next beat
            logger.warning("Worker %s could not beat: %s", self.worker_id, error)
        except Exception:  # anything else: said, but the heart goes on, or the worker's tasks would be taken back
            logger.exception("Worker %s could not beat", self.worker_id)

    def stop(self) -> None:
        self.stopped.set()


def prune_finished_tasks() -> None:
    """Delete the rows of tasks finished (done or failed) over RESULTS_KEPT_DAYS ago, on every queue: without it they
    pile up, one a PDF. django-tasks-db's own command, as `manage.py prune_db_task_results` runs it by hand."""
    try:
        call_command("prune_db_task_results", queue_name="*", min_age_days=RESULTS_KEPT_DAYS, verbosity=0)
    except DatabaseError as error:  # the database away: the next time
        logger.warning("Finished tasks not pruned: %s", error)
