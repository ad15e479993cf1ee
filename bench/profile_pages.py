"""The private pages in one process, timed and profiled: where a request's time goes, without gunicorn and wrk.

    .venv/bin/python bench/profile_pages.py [page ...]        # pages: healthz profile post result what-if plan
    BENCH_PROFILE=plan .venv/bin/python bench/profile_pages.py plan   # and cProfile's 30 costliest calls
    # BENCH_PROFILE_SORT=tottime, BENCH_PROFILE_LINES=40: another order, more lines;
    # BENCH_PROFILE_CALLERS="normalize_choices": who calls the functions that match

A throw-away PostgreSQL server (as make bench), production settings (debug off, one machine), the content loaded, an
assessment saved as make bench posts it, made a plan with two steps ticked. Each page is asked 5 times to warm up,
then 30 times (BENCH_PROFILE_RUNS): the median and mean in milliseconds and the queries of one request. Django's test
client, so the figures leave out the HTTP server and the network; compare them with /healthz's, measured the same way.
"""

import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import BROWSERS_ACCEPT, database, manage, production_env  # noqa: E402

PAGES = ["healthz", "profile", "post", "result", "what-if", "plan"]
RUNS = int(os.environ.get("BENCH_PROFILE_RUNS", 30))


def requests(client) -> dict:
    """Each page as a function that asks it once."""
    path = "/assessment/?target=executive-director-of-operations"
    html = client.get(path).content.decode()
    fields = {
        "position": "student",
        "degree_level": "bachelor",
        "degree_field": "business-management",
        "years_operations": 2,
        "preferred_sector": "both",
        "consent": "on",
    }
    fields.update({name: 2 for name in set(re.findall(r'name="(skill_\d+)"', html))})
    body = urllib.parse.urlencode(fields)
    form = "application/x-www-form-urlencoded"
    result = client.post(path, body, content_type=form)["Location"]
    client.post(f"{result}plan/", {"route": "route-best"})
    for step in ("step-1", "step-2"):
        client.post(f"{result}plan/tick/", {"item": step})
    tried = {name: int(value) + 1 for name, value in fields.items() if name.startswith("skill_")}
    what_if = f"{result}what-if/?{urllib.parse.urlencode({**fields, **tried})}"
    return {
        "healthz": lambda: client.get("/healthz"),
        "profile": lambda: client.get("/roles/chief-operating-officer/"),
        "post": lambda: client.post(path, body, content_type=form),
        "result": lambda: client.get(result),
        "what-if": lambda: client.get(what_if),
        "plan": lambda: client.get(f"{result}plan/"),
    }


def measure(asked: list[str], profiled: str) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pages = requests(Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING=BROWSERS_ACCEPT))  # as make bench asks
    for name in asked:
        for _ in range(5):
            pages[name]()
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            pages[name]()
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            status = pages[name]().status_code
        median, mean = statistics.median(times), statistics.fmean(times)  # the mean is what sets a rate
        print(f"{name:<10}{median:>8.2f} ms median, {mean:>6.2f} ms mean of {RUNS}, status {status}, {len(queries)} queries")
        if name == profiled:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(RUNS):
                pages[name]()
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats(os.environ.get("BENCH_PROFILE_SORT", "cumulative"))
            stats.print_stats(int(os.environ.get("BENCH_PROFILE_LINES", 30)))
            if callers := os.environ.get("BENCH_PROFILE_CALLERS"):
                stats.print_callers(callers)
            print(out.getvalue())


def main() -> None:
    asked = sys.argv[1:] or PAGES
    if unknown := set(asked) - set(PAGES):
        raise SystemExit(f"no such page: {', '.join(sorted(unknown))} (pages: {', '.join(PAGES)})")
    with database("postgresql") as url:
        env = production_env(url)
        manage(env, "migrate", "--no-input")
        manage(env, "load_content")
        os.environ.update({**env, "DJANGO_SETTINGS_MODULE": "careerpath.settings"})
        measure(asked, os.environ.get("BENCH_PROFILE", ""))


if __name__ == "__main__":
    main()
