"""Running the background tasks in the tests: the database backend, as production has it, and its worker."""

import io
from unittest import mock

from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    """`manage.py run_worker` on the test database, until the queue is empty. In this thread, inside the test's
    transaction: the worker's closing of connections it finds in a transaction, as it would after a request, is
    left out (as Django's test client leaves it out after each request); and its heart beats too rarely to beat
    during a test, since it would beat on a connection of its own, outside the test's transaction
    (tests/careerpath/test_background.py has workers beat, in processes of their own)."""
    with (
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
        override_settings(TASKS_LEASE_SECONDS=3600),
    ):
        call_command("run_worker", batch=True, startup_delay=False, reload=False, interval=0, stdout=io.StringIO())


def queued() -> int:
    return DBTaskResult.objects.ready().count()
