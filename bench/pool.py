"""Database connections of a gunicorn worker, measured: a new one per request, one kept open (the settings' choice:
DJANGO_DB_CONN_MAX_AGE=60) with psycopg2 (pinned) and with psycopg 3, and Django's own pool (psycopg 3 only).

    pip install --target /tmp/psycopg3 "psycopg[binary,pool]"   # outside the project's environment
    PSYCOPG3_PATH=/tmp/psycopg3 .venv/bin/python bench/pool.py

One gunicorn of two workers on a throw-away PostgreSQL, wrk at 16 connections on /healthz (one query) and on a
result page (a dozen), BENCH_SECONDS (10) each.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402
    SECONDS,
    assessment_request,
    free_port,
    gunicorn,
    manage,
    production_env,
    result_path,
    wrk,
)

PG = str(ROOT / "tools" / "throwaway-postgres")
PSYCOPG3 = os.environ.get("PSYCOPG3_PATH", "")
VARIANTS = [
    ("psycopg2, a connection per request", {"DJANGO_DB_CONN_MAX_AGE": "0"}),
    ("psycopg2, kept open (the settings)", {}),
    ("psycopg 3, kept open", {"PYTHONPATH": PSYCOPG3}),
    ("psycopg 3, Django's pool", {"PYTHONPATH": PSYCOPG3, "DJANGO_SETTINGS_MODULE": "bench.pool_settings"}),
]


def main() -> int:
    folder = tempfile.mkdtemp(prefix="careerpath-pool-pg.")
    url = subprocess.run([PG, "start", str(free_port()), folder], capture_output=True, text=True, check=True).stdout.strip()
    try:
        env = {**production_env(url), "DJANGO_SETTINGS_MODULE": "careerpath.settings"}
        manage(env, "migrate", "--no-input")
        manage(env, "load_content")
        print(f"connections of 2 gunicorn workers, PostgreSQL, wrk 16 connections, {SECONDS} s per page")
        print(f"  {'variant':38} {'/healthz req/s':>15} {'p99 ms':>8} {'result req/s':>13} {'p99 ms':>8}")
        for name, extra in VARIANTS if PSYCOPG3 else VARIANTS[:2]:
            with gunicorn({**env, **extra}, free_port()) as (base, _server):
                result = result_path(base, assessment_request(base))
                wrk(base, result, 16, 2)  # warm: the result page cached, the connections made
                health, page = wrk(base, "/healthz", 16, SECONDS), wrk(base, result, 16, SECONDS)
            print(
                f"  {name:38} {health.requests_per_second:15.0f} {health.p99_ms:8.1f} "
                f"{page.requests_per_second:13.0f} {page.p99_ms:8.1f}"
            )
    finally:
        subprocess.run([PG, "stop", folder], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
