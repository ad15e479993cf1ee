"""The admin's change page of a role, opened and saved as an editor does, on the database DATABASE_URL names (ESCO
imported, for figures that mean something): `DATABASE_URL=… .venv/bin/python bench/admin_role.py [slug]`. Signs in a
staff account of its own (made once, with its second factor), then times the page's GET and the POST of the form as
the page drew it (nothing changed); prints medians of 7 in milliseconds, the page's size and each request's
queries."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
USERNAME = "bench-editor"


def timed(request) -> tuple[float, float, object, int]:
    """Milliseconds on the clock and of this process's CPU (the machine is shared: the CPU time is what a quiet one
    would take, SQLite working in this process; PostgreSQL's share is left out of it), the response, its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        response = request()
        elapsed, used = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    return elapsed, used, response, len(queries)


def signed_in_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.two_factor import sign_in_verified

    user, _ = get_user_model().objects.get_or_create(username=USERNAME, defaults={"is_staff": True, "is_superuser": True})
    client = Client(SERVER_NAME="localhost")  # a host the default settings allow
    sign_in_verified(client, user)
    return client


def report(slug: str) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
    os.environ.setdefault("DJANGO_CACHE_DIR", tempfile.mkdtemp(prefix="careerpath-bench-cache."))
    import django

    django.setup()
    from roles.models import Role, Skill
    from tests.roles.admin_forms import form_data

    role = Role.objects.get(slug=slug)
    url = f"/admin/roles/role/{role.pk}/change/"
    client = signed_in_client()
    figures: dict[str, list[tuple[float, float]]] = {"open": [], "save": [], "save and back to the list": []}
    for _ in range(RUNS):
        *times, page, get_queries = timed(lambda: client.get(url))
        assert page.status_code == 200, page.status_code
        figures["open"].append(times)
        data = form_data(page.content.decode())
        *times, answer, post_queries = timed(lambda data=data: client.post(url, data))
        assert answer.status_code == 302, answer.content.decode()[:3000]
        figures["save"].append(times)
        *times, listed, _ = timed(lambda answer=answer: client.get(answer.url))
        assert listed.status_code == 200, listed.status_code
        figures["save and back to the list"].append([sum(pair) for pair in zip(times, figures["save"][-1], strict=True)])
    lines = [f"{Role.objects.count()} roles, {Skill.objects.count()} skills; {url} ({slug}), medians of {RUNS}:"]
    for what, runs in figures.items():
        clocks, cpus = [run[0] for run in runs], [run[1] for run in runs]
        lines.append(
            f"  {what}: {statistics.median(clocks):.0f} ms ({statistics.median(cpus):.0f} ms of CPU; "
            f"{min(clocks):.0f}–{max(clocks):.0f})"
        )
    lines[1] += f", {len(page.content) / 1024:.0f} KB, {get_queries} queries"
    lines[2] += f", {post_queries} queries"
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(sys.argv[1] if len(sys.argv) > 1 else "chief-operating-officer"))
