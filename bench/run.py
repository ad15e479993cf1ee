"""`make bench`: the site under load, then the ESCO-size scoring and route planning.

For PostgreSQL and SQLite in turn: migrate, load the content, start gunicorn with production
settings (2 workers), warm up, and load each page from wrk on loopback for a fixed time. Prints
requests/s, p50, p99, errors and the throughput as a share of /healthz measured in the same run,
then a 60 s mixed load at 32 connections. A third run on PostgreSQL first imports a synthetic
ESCO-size set (tests/esco/files.py) with import_esco, prints its time, then the same pages plus
search and imported profiles with the whole catalogue loaded. Then, when ESCO's real downloads are there
(../shared/esco-full and esco-real), their import in French and English, twice, on SQLite and PostgreSQL.
Exits non-zero on any error.
"""

import contextlib
import gzip
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages (bench, pathways) come from the root
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
SOAK_SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "60"))
PORT = 8765
BROWSERS_ACCEPT = "gzip, deflate, br, zstd"  # the encodings Chromium and Firefox accept
COMPARED = ["chief-operating-officer", "executive-director-of-operations", "operations-manager", "facilities-manager"]


def production_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        # One machine: its own files for the content version and rate counts (make cluster shares them in Redis).
        "DJANGO_SINGLE_MACHINE": "1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # TLS ends at the load balancer; here there is none
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": database_url,
        # The figures measure the pages, not the limits: loopback is one address sending thousands.
        "DJANGO_RATELIMIT_ASSESSMENTS": os.environ.get("DJANGO_RATELIMIT_ASSESSMENTS", "1000000/h"),
        "DJANGO_RATELIMIT_ROUTES": os.environ.get("DJANGO_RATELIMIT_ROUTES", "1000000/m"),
        "DJANGO_RATELIMIT_PLANS": os.environ.get("DJANGO_RATELIMIT_PLANS", "1000000/h"),
        "DJANGO_RATELIMIT_PDFS": os.environ.get("DJANGO_RATELIMIT_PDFS", "1000000/h"),
        "DJANGO_RATELIMIT_WHAT_IF": os.environ.get("DJANGO_RATELIMIT_WHAT_IF", "1000000/h"),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def database(kind: str):
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.sqlite3"
        return
    folder = tempfile.mkdtemp(prefix="careerpath-bench-pg.")
    started = subprocess.run(
        [str(ROOT / "tools" / "throwaway-postgres"), "start", str(free_port()), folder], capture_output=True, text=True
    )
    if started.returncode:
        raise SystemExit(f"PostgreSQL did not start:\n{started.stderr}")
    url = started.stdout.strip()
    try:
        yield url
    finally:
        subprocess.run([str(ROOT / "tools" / "throwaway-postgres"), "stop", folder], check=False)


def manage(env: dict, *args: str) -> str:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


@contextlib.contextmanager
def gunicorn(env: dict, port: int = PORT):
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "careerpath.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(base + "/healthz", timeout=1).status == 200:
                    break
            time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def assessment_request(base: str) -> tuple[str, str, dict]:
    """A valid assessment POST (path, body, headers), with a CSRF token and cookie from the form."""
    path = "/assessment/?target=executive-director-of-operations"
    response = urllib.request.urlopen(base + path)
    html = response.read().decode()
    cookie = response.headers["Set-Cookie"].split(";")[0]
    fields = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1),
        "position": "student",
        "degree_level": "bachelor",
        "degree_field": "business-management",
        "years_operations": 2,
        "years_people": 0,
        "years_customer-service": 0,
        "years_facilities": 0,
        "years_business": 0,
        "preferred_sector": "both",
        "preferred_scale": "",
        "consent": "on",
    }
    fields.update({name: 2 for name in set(re.findall(r'name="(skill_\d+)"', html))})
    return path, urllib.parse.urlencode(fields), {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}


def result_path(base: str, post: tuple[str, str, dict]) -> str:
    path, body, headers = post

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(base + path, data=body.encode(), headers=headers)
    try:
        urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as redirect:
        return redirect.headers["Location"]
    raise RuntimeError("the assessment POST did not redirect to a result")


def plan_path(base: str, result: str, post: tuple[str, str, dict]) -> str:
    """The result's quickest route made a plan, with two of its steps ticked."""
    _path, body, headers = post
    token = dict(urllib.parse.parse_qsl(body))["csrfmiddlewaretoken"]
    for path, fields in [
        (f"{result}plan/", {"route": "route-best"}),
        (f"{result}plan/tick/", {"item": "step-1"}),
        (f"{result}plan/tick/", {"item": "step-2"}),
    ]:
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        urllib.request.urlopen(urllib.request.Request(base + path, data=data, headers=headers))
    return f"{result}plan/"


def what_if_path(result: str, post: tuple[str, str, dict]) -> str:
    """The result's what-if with the saved answers, every skill one level higher: computed, never stored."""
    answers = dict(urllib.parse.parse_qsl(post[1]))
    del answers["csrfmiddlewaretoken"], answers["consent"]
    answers.update({name: int(level) + 1 for name, level in answers.items() if name.startswith("skill_")})
    return f"{result}what-if/?{urllib.parse.urlencode(answers)}"


@dataclass
class Figures:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(base: str, path: str, connections: int, seconds: int, script: str = "") -> Figures:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    # As a browser asks: a kept public page comes compressed (careerpath.cache.kept_response).
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"Accept-Encoding: {BROWSERS_ACCEPT}"]
    command += ["-s", lua.name, base + path]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    errors += int(next(iter(re.findall(r"Non-2xx or 3xx responses: (\d+)", output)), 0))
    return Figures(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=to_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        p99_ms=to_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        errors=errors,
    )


def lua_post(body: str, headers: dict) -> str:
    lines = ['wrk.method = "POST"', f"wrk.body = {lua_string(body)}"]
    lines += [f"wrk.headers[{lua_string(name)}] = {lua_string(value)}" for name, value in headers.items()]
    return "\n".join(lines)


def lua_rotation(paths: list[str]) -> str:
    items = ", ".join(lua_string(p) for p in paths)
    return (
        f"local paths = {{{items}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n"
    )


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_weight(base: str, path: str) -> tuple[int, list[str]]:
    """Compressed bytes of the page and the stylesheets and scripts it loads; requests to other sites."""

    def fetch(url: str) -> bytes:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            return raw if response.headers.get("Content-Encoding") == "gzip" else gzip.compress(raw)

    html = gzip.decompress(fetch(base + path)).decode()
    assets = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)
    outside = [url for url in assets if not url.startswith("/")]
    size = len(fetch(base + path)) + sum(len(fetch(base + url)) for url in assets if url.startswith("/"))
    return size, outside


def import_synthetic_esco(env: dict) -> tuple[float, str]:
    """Seconds to import an ESCO-size set in French and English, and the import's report."""
    from tests.esco import files as esco_files

    with tempfile.TemporaryDirectory() as folder:
        esco_files.write(Path(folder), esco_files.synthetic())
        start = time.perf_counter()
        report = manage(env, "import_esco", folder, "--no-progress")
        return time.perf_counter() - start, report


def import_real_esco(kind: str) -> tuple[list[tuple[str, float, str]], str] | None:
    """ESCO's downloads as published (../shared/esco-full, $ESCO_FULL_DIR) with the French and English occupations
    (../shared/esco-real, $ESCO_REAL_DIR), read straight from their archives, into a fresh database with the
    content loaded: seconds and report of the first import, then of a second one; then the times of starting from
    an ESCO job (bench/esco_jobs.py). None when they are not there."""
    from tests.esco import real as esco_real

    sources = [esco_real.full(), esco_real.archive()]
    if not all(source.exists() for source in sources):
        return None
    runs = []
    with database(kind) as url:
        env = production_env(url)
        manage(env, "migrate", "--no-input")
        manage(env, "load_content")
        manage(env, "collectstatic", "--no-input")  # the profile timed after the imports is served as in production
        for name in ("first import", "second import"):
            start = time.perf_counter()
            report = manage(env, "import_esco", *map(str, sources), "--no-progress")
            runs.append((name, time.perf_counter() - start, report))
        jobs = subprocess.run(
            [PYTHON, str(ROOT / "bench" / "esco_jobs.py")],
            env={**env, "DJANGO_CACHE_DIR": tempfile.mkdtemp(prefix="careerpath-bench-cache.")},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return runs, jobs


def print_real_esco_imports() -> None:
    from tests.esco import real as esco_real

    for kind in ("sqlite", "postgresql"):
        imported = import_real_esco(kind)
        if imported is None:
            print(f"\nreal ESCO import: skipped, no downloads at {esco_real.full()} and {esco_real.archive()}")
            return
        runs, jobs = imported
        print(f"\n{kind}: import_esco of ESCO v1.1.1's downloads whole and the v1.1.2 occupations, in fr and en")
        for name, seconds, report in runs:
            print(f"  {name}: {seconds:.1f} s")
            print("".join(f"    {line}\n" for line in report.splitlines() if not line.startswith("    ")), end="")
        print(jobs, end="")


def run_database(kind: str, with_esco: bool = False):
    with database(kind) as url:
        env = production_env(url)
        manage(env, "migrate", "--no-input")
        manage(env, "load_content")
        manage(env, "collectstatic", "--no-input")
        imported = import_synthetic_esco(env) if with_esco else None
        with gunicorn(env) as (base, _process):
            figures, soak, weights, pdf = measure(base, with_esco)
        uncached = uncached_times(env)
    return figures, soak, weights, imported, uncached, pdf


def run_cluster():
    """The same pages through make cluster's set-up (tools/cluster.py): haproxy, two instances of two workers each,
    PostgreSQL, Redis holding the pages, the content version, the rate counts and the sessions. The same two cores
    run all of it and wrk."""
    from tools.cluster import cluster

    lifted = {name: value for name, value in production_env("").items() if name.startswith("DJANGO_RATELIMIT_")}
    with cluster(**lifted) as running:
        manage(running.env, "collectstatic", "--no-input")
        figures, soak, weights, pdf = measure(running.address, with_esco=False)
    return figures, soak, weights, None, "", pdf


def measure(base: str, with_esco: bool):
    """Each page loaded in turn, then mixed; the pages' weights; the plan's PDF."""
    post = assessment_request(base)
    result = result_path(base, post)
    plan = plan_path(base, result, post)
    pages = [
        ("/healthz", "/healthz", ""),
        ("home page", "/", ""),
        ("career map", "/roles/map/", ""),
        ("role list", "/roles/", ""),
        ("role profile", "/roles/chief-operating-officer/", ""),
        ("comparison, 4 roles", "/compare/?" + "&".join(f"roles={slug}" for slug in COMPARED), ""),
        ("assessment POST", post[0], lua_post(post[1], post[2])),
        ("result page", result, ""),
        ("what-if page", what_if_path(result, post), ""),
        ("plan page", plan, ""),
    ]
    if with_esco:
        pages += [
            ("role search", "/roles/?q=metier+12", ""),
            ("role list, page 50", "/roles/?page=50", ""),
            ("imported profile", "/roles/metier-1234/", ""),
        ]
    for _name, path, script in pages:  # warm-up: caches, connections, imports
        wrk(base, path, 4, 2, script)
    figures = [(name, wrk(base, path, 16, SECONDS, script)) for name, path, script in pages]
    soak = wrk(base, "/", 32, SOAK_SECONDS, lua_rotation([p for _, p, s in pages if not s]))
    weights = [(name, *page_weight(base, path)) for name, path, script in pages[1:] if not script]
    return figures, soak, weights, pdf_times(base, f"{plan}pdf/")


def pdf_times(base: str, path: str, runs: int = 5) -> str:
    """A plan's PDF, one request at a time: seconds of a worker's time each (a few an hour per address as
    deployed), so it is timed rather than loaded with wrk."""
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        with urllib.request.urlopen(base + path) as response:
            size = len(response.read())
        times.append((time.perf_counter() - start) * 1000)
    return (
        f"  plan PDF, one request at a time, median of {runs}: {statistics.median(times):.0f} ms "
        f"(slowest {max(times):.0f} ms), {size / 1024:.0f} KB\n"
    )


UNCACHED = """
import statistics, time
from django.test import Client
from careerpath.cache import draw_content_version
client = Client(HTTP_HOST="127.0.0.1")
for name, path in [("home page", "/"), ("career map", "/roles/map/"), ("role profile", "/roles/chief-operating-officer/")]:
    runs = []
    for _ in range(15):
        draw_content_version()  # nothing kept: the page, the map's geometry and the catalogue are made again
        start = time.perf_counter()
        assert client.get(path).status_code == 200, path
        runs.append((time.perf_counter() - start) * 1000)
    print(f"  {name}, made from nothing kept (median of 15, one process): {statistics.median(runs):.1f} ms")
"""


def uncached_times(env: dict) -> str:
    """What a page costs when nothing is kept: right after a content change, in every process."""
    return manage(
        {**env, "DJANGO_CACHE_DIR": tempfile.mkdtemp(prefix="careerpath-bench-cache.")}, "shell", "--no-imports", "-c", UNCACHED
    )


def esco_route_time() -> tuple[float, float]:
    """Median ms of scoring plus route planning for one profile; and of compiling the catalogue."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
    import django

    django.setup()
    from bench.synthetic import esco_sized_catalogue, sample_profile
    from pathways.evaluation import evaluate

    catalogue = esco_sized_catalogue()
    target = max(catalogue.roles) - 100
    profile = sample_profile(catalogue, target)
    start = time.perf_counter()
    # Built once per catalogue version, then reused by every person's evaluation.
    _ = catalogue.skill_users, catalogue.moves_from, catalogue.moves_into, catalogue.move_table
    compile_ms = (time.perf_counter() - start) * 1000
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        evaluate(catalogue, profile, target)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), compile_ms


# The passes of a run, in order; BENCH_RUNS names some of them (comma-separated) to run those alone.
PASSES = {"postgresql": ("postgresql", False), "sqlite": ("sqlite", False), "postgresql-esco": ("postgresql", True)}
TITLES = {
    "postgresql": "postgresql, one instance (gunicorn, 2 workers)",
    "sqlite": "sqlite, one instance (gunicorn, 2 workers)",
    "postgresql-esco": "postgresql, one instance, with the synthetic ESCO-size catalogue imported",
    "cluster": "cluster: haproxy, 2 instances (gunicorn, 2 workers each), postgresql, redis",
}
EVERY_RUN = [*PASSES, "cluster", "real-esco", "esco-route"]
RUNS_ASKED = [name.strip() for name in os.environ.get("BENCH_RUNS", ",".join(EVERY_RUN)).split(",") if name.strip()]
RUNS = [name for name in TITLES if name in RUNS_ASKED]


def main() -> int:
    if unknown := set(RUNS_ASKED) - set(EVERY_RUN):
        raise SystemExit(f"BENCH_RUNS: no such run {', '.join(sorted(unknown))} (runs: {', '.join(EVERY_RUN)})")
    failed = False
    print(
        f"careerpath benchmark — {time.strftime('%Y-%m-%d %H:%M %Z')} — {os.cpu_count()} cores, "
        f"gunicorn 2 workers, wrk 2 threads, {SECONDS} s per page at 16 connections"
    )
    for run in RUNS:
        figures, soak, weights, imported, uncached, pdf = run_cluster() if run == "cluster" else run_database(*PASSES[run])
        healthz = figures[0][1].requests_per_second
        print(f"\n{TITLES[run]}")
        if imported:
            seconds, report = imported
            print(f"  import_esco of 3,000 occupations, 14,000 skills, 130,000 relations, in fr and en: {seconds:.1f} s")
            print("".join(f"    {line}\n" for line in report.splitlines()), end="")
        print(f"  {'page':<22}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs /healthz':>13}")
        for name, f in figures:
            print(
                f"  {name:<22}{f.requests_per_second:>9.0f}{f.p50_ms:>9.2f}{f.p99_ms:>9.2f}{f.errors:>8}"
                f"{f.requests_per_second / healthz:>12.0%}"
            )
            failed |= f.errors > 0
        print(
            f"  mixed pages, 32 connections, {SOAK_SECONDS} s: {soak.requests_per_second:.0f} req/s, "
            f"p99 {soak.p99_ms:.2f} ms, {soak.errors} errors"
        )
        failed |= soak.errors > 0
        for name, size, outside in weights:
            print(f"  weight of {name}: {size / 1024:.1f} KB compressed with its styles; outside requests: {outside or 'none'}")
            failed |= bool(outside)
        print(uncached, end="")
        print(pdf, end="")
    if "real-esco" in RUNS_ASKED:
        print_real_esco_imports()
    if "esco-route" in RUNS_ASKED:
        median, compile_ms = esco_route_time()
        print(
            f"\nESCO-size catalogue (3,000 roles, 14,000 skills, 130,000 links, 10,000 transitions): "
            f"scoring + route planning for one profile, median of 7: {median:.0f} ms "
            f"(indexes built once per catalogue: {compile_ms:.0f} ms)"
        )
    if failed:
        print("\nFAILED: errors under load, or a request outside the site")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
