"""`make soak`: the site under mixed load while things go wrong, on PostgreSQL with production settings.

On make cluster's set-up (bench/soak_cluster.py), by default. `soak.py one-machine`: one gunicorn; for
SOAK_SECONDS (60) at 32 connections, pages and assessment POSTs in turn, a gunicorn worker
killed with SIGKILL a quarter of the way, the database stopped for 10 s at the half and started
again. Prints the requests, the responses by status class, the connections dropped, and the rows
saved against the POSTs answered 303. Exits non-zero on any 500, a lost or extra row, or a 503
outside the outage.
"""

import collections
import http.client
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import assessment_request, free_port, gunicorn, manage, production_env, result_path  # noqa: E402

SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
CONNECTIONS = 32
OUTAGE_SECONDS = 10
RECOVERY_GRACE = 3.0  # seconds after the database is back during which a 503 may still be on its way
PG = str(ROOT / "tools" / "throwaway-postgres")
# The public pages the clients ask for, each served from the page cache once made.
PUBLIC_PAGES = [
    "/",
    "/roles/",
    "/roles/chief-operating-officer/",
    "/en/roles/operations-manager/",
    "/compare/?roles=chief-operating-officer&roles=operations-manager",
]


def saved_rows(env: dict) -> int:
    shown = manage(
        env, "shell", "--no-imports", "-c", "from pathways.models import Assessment; print(Assessment.objects.count())"
    )
    return int(shown.split()[-1])


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_class = collections.Counter()
        self.posts_saved = 0
        self.dropped = 0
        self.late_503 = []  # times of 503s outside the outage
        self.outage = [float("inf"), float("inf")]

    def count(self, status: int, was_post: bool, at: float) -> None:
        with self.lock:
            self.by_class[f"{status // 100}xx"] += 1
            self.by_class[str(status)] += status in (429, 500, 503)
            if was_post and status == 303:
                self.posts_saved += 1
            if status == 503 and not (self.outage[0] <= at <= self.outage[1] + RECOVERY_GRACE):
                self.late_503.append(round(at, 1))


def client(port: int, requests: list, tally: Tally, until: float, offset: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    turn = offset
    while time.monotonic() < until:
        method, path, body, headers = requests[turn % len(requests)]
        turn += 1
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            tally.count(response.status, method == "POST", time.monotonic())
        except (OSError, http.client.HTTPException):
            with tally.lock:
                tally.dropped += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)


def one_machine() -> int:
    folder = tempfile.mkdtemp(prefix="careerpath-soak-pg.")
    url = subprocess.run([PG, "start", str(free_port()), folder], capture_output=True, text=True, check=True).stdout.strip()
    try:
        # The limits as deployed: one address sending everything, so 429s come once it is past them.
        env = {**production_env(url), "DJANGO_RATELIMIT_ASSESSMENTS": "20/h", "DJANGO_RATELIMIT_ROUTES": "60/m"}
        manage(env, "migrate", "--no-input")
        manage(env, "load_content")
        manage(env, "collectstatic", "--no-input")
        with gunicorn(env) as (base, master):
            post = assessment_request(base)
            result = result_path(base, post)
            path, body, headers = post
            pages = [*PUBLIC_PAGES, result, "/healthz"]
            requests = [("GET", page, None, {}) for page in pages] + [("POST", path, body, headers)]
            before = saved_rows(env)
            tally = Tally()
            start = time.monotonic()
            until = start + SECONDS
            port = int(base.rsplit(":", 1)[1])
            threads = [threading.Thread(target=client, args=(port, requests, tally, until, n)) for n in range(CONNECTIONS)]
            for thread in threads:
                thread.start()
            time.sleep(SECONDS / 4)
            workers = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True).stdout.split()
            os.kill(int(workers[0]), signal.SIGKILL)
            killed_at = time.monotonic() - start
            time.sleep(max(0.0, start + SECONDS / 2 - time.monotonic()))
            tally.outage[0] = time.monotonic()
            subprocess.run([PG, "pause", folder], check=True)
            time.sleep(OUTAGE_SECONDS)
            subprocess.run([PG, "resume", folder], check=True)
            tally.outage[1] = time.monotonic()
            for thread in threads:
                thread.join()
            after = saved_rows(env)
    finally:
        subprocess.run([PG, "stop", folder], check=False)

    total = sum(n for key, n in tally.by_class.items() if key.endswith("xx"))
    print(
        f"careerpath soak — {time.strftime('%Y-%m-%d %H:%M %Z')} — PostgreSQL, gunicorn 2 workers, "
        f"{CONNECTIONS} connections, {SECONDS} s"
    )
    print(
        f"  a worker killed with SIGKILL at {killed_at:.0f} s; the database stopped at "
        f"{tally.outage[0] - start:.0f} s for {tally.outage[1] - tally.outage[0]:.0f} s, then started again"
    )
    print(f"  requests answered: {total} ({total / SECONDS:.0f}/s); connections dropped: {tally.dropped}")
    print(
        "  by status class: " + ", ".join(f"{key} {tally.by_class[key]}" for key in sorted(tally.by_class) if key.endswith("xx"))
    )
    print(
        f"  429: {tally.by_class['429']}, 500: {tally.by_class['500']}, 503: {tally.by_class['503']} "
        f"(outside the outage: {len(tally.late_503)})"
    )
    print(f"  rows saved: {after - before}; POSTs answered 303: {tally.posts_saved}")
    failed = tally.by_class["500"] or after - before != tally.posts_saved or tally.late_503
    print("FAILED" if failed else "passed: no 500, no row lost, 503s only while the database was away")
    return 1 if failed else 0


def main(arguments: list[str]) -> int:
    if arguments == ["one-machine"]:
        return one_machine()
    from bench.soak_cluster import soak_the_cluster

    return soak_the_cluster()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
