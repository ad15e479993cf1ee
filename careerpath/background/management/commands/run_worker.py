from django_tasks_db.management.commands import db_worker

from careerpath.background.lease import Heart, beat, rescue_lost_tasks


class Command(db_worker.Command):
    help = (
        "Run the background tasks (PDFs, the ESCO import, the neighbours) as they are queued: django-tasks-db's "
        "db_worker, with a lease: the worker beats while it lives, and a task whose worker stopped goes back to the "
        "queue (careerpath.background.lease). Stop it with SIGTERM: it finishes its task first."
    )

    def handle(self, *args, worker_id: str, **options):
        beat(worker_id)
        rescue_lost_tasks()
        heart = Heart(worker_id)
        heart.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heart.stop()
