"""gunicorn's settings, read from the working directory by every `gunicorn careerpath.wsgi` started here."""

import os

SHARED_MEMORY = "/dev/shm"  # noqa: S108 (gunicorn makes a unique file there with mkstemp and unlinks it at once)

# Each worker touches its heartbeat file on every request: in memory, that costs no disk write.
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
