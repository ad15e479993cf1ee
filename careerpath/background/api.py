"""The tasks API, from Django itself when it has it (Django 6's `django.tasks`), else from the django-tasks backport:
the apps import it from here, so that moving to Django 6 changes settings.TASKS alone."""

try:
    from django.tasks import TaskResultStatus, default_task_backend, task
    from django.tasks.exceptions import TaskResultDoesNotExist
except ImportError:  # Django 5.2: the backport, the same API
    from django_tasks import TaskResultStatus, default_task_backend, task
    from django_tasks.exceptions import TaskResultDoesNotExist

__all__ = ["TaskResultStatus", "default_task_backend", "failure", "task"]


def failure(task_id: str) -> str | None:
    """Why the task failed, in a line an editor reads; None while it has not failed, or when the backend keeps no
    results (the immediate backend: the task ran in the request, which saw its outcome)."""
    if not task_id or not default_task_backend.supports_get_result:
        return None
    try:
        result = default_task_backend.get_result(task_id)
    except TaskResultDoesNotExist:
        return None
    if result.status != TaskResultStatus.FAILED or not result.errors:
        return None
    error = result.errors[-1]
    last_line = error.traceback.strip().splitlines()[-1] if error.traceback.strip() else ""
    return last_line or error.exception_class_path
