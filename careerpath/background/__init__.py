"""Background tasks: Django's tasks API (the django-tasks backport; `django.tasks` from Django 6), run by
`manage.py run_worker` on the database backend (django-tasks-db), or in the request with the immediate backend
(settings.TASKS, from DJANGO_TASKS_BACKEND).

What the database backend leaves out is here: a task whose worker died (killed, out of memory, its machine gone)
stays "running" for ever there. Each worker beats (`WorkerBeat`) while it lives; a task held by a worker that has
not beaten for its lease goes back to the queue, and after `ATTEMPTS` such losses it fails, saying so (`lease`).
A task's progress, for a page that shows it, goes through the cache every process shares (`progress`), since the
task may be inside a transaction no other connection sees into until it ends.
"""
