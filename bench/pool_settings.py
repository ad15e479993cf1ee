"""careerpath's settings with Django's connection pool (psycopg 3), for bench/pool.py's comparison only."""

from careerpath.settings import *  # noqa: F403
from careerpath.settings import DATABASES

# A pool hands each request a connection and takes it back: no connection is kept by the worker itself.
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["OPTIONS"]["pool"] = {"min_size": 1, "max_size": 2}
