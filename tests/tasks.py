"""Running the background tasks in the tests: the database backend, as production has it, and its worker."""

import io

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    """`manage.py run_worker` on the test database, until the queue is empty."""
    call_command("run_worker", batch=True, startup_delay=False, reload=False, interval=0, stdout=io.StringIO())


def queued() -> int:
    return DBTaskResult.objects.ready().count()
