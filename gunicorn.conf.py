"""gunicorn's settings, read from the working directory by every `gunicorn careerpath.wsgi` started here."""

import gc
import os

SHARED_MEMORY = "/dev/shm"  # noqa: S108 (gunicorn makes a unique file there with mkstemp and unlinks it at once)

# Each worker touches its heartbeat file on every request: in memory, that costs no disk write.
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None

# Access log lines (when `--access-logfile` is given) carry the path without its query string nor the referring
# address: a what-if's answers travel in its query string, and they are a person's, not the server's.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    """Once the worker has loaded the site: what loading made (Django, the apps, their modules and models, 110,000
    objects) lives as long as the process, so it is set aside from the garbage collector, whose full passes stop
    walking it. A full pass over everything took 58 ms, and one came about every hundred assessments saved."""
    gc.freeze()
