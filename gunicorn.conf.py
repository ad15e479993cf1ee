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
    """Once the worker has loaded the site: its views imported now, not by the first request that reaches the worker
    (0.6 s, most of it the PDF library's). Then what loading made (Django, the apps, their modules and models) is set
    aside from the garbage collector, as it lives as long as the process: its full passes, which took 58 ms and came
    about every hundred assessments saved, stop walking it."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every URL configuration, and the views they name)
    gc.collect()  # what the imports left unreachable is freed, not frozen with the rest
    gc.freeze()
