"""`make cluster`: careerpath as it runs on several machines, on this one's loopback.

A throw-away PostgreSQL server, Redis (deploy/redis.conf), the migrations run once, two gunicorn instances of the
site with production settings, the background-task worker when there is one (CLUSTER_WORKER), and haproxy
(deploy/haproxy.cfg) in front. Prints the address, then stops everything on Ctrl-C.

Ports (each a free one when unset): CLUSTER_PORT (haproxy), CLUSTER_WEB_PORTS (comma-separated, one per instance),
CLUSTER_PG_PORT, CLUSTER_REDIS_PORT.
"""

import contextlib
import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import free_port, manage  # noqa: E402

PG = str(ROOT / "tools" / "throwaway-postgres")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
INSTANCES = 2
WORKERS_PER_INSTANCE = 2


def port(name: str) -> int:
    return int(os.environ.get(name) or free_port())


def web_ports() -> list[int]:
    given = [int(p) for p in os.environ.get("CLUSTER_WEB_PORTS", "").split(",") if p.strip()]
    return given[:INSTANCES] + [free_port() for _ in range(INSTANCES - len(given))]


def cluster_env(database_url: str, redis_url: str, **extra: str) -> dict:
    """Production settings, as every instance of a deployment has them (deploy/careerpath.env)."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # no TLS on loopback; in production haproxy ends it
        "DJANGO_LOG_LEVEL": os.environ.get("CLUSTER_LOG_LEVEL", "ERROR"),
        "DATABASE_URL": database_url,
        "DJANGO_CACHE_URL": redis_url,
        "DJANGO_PROXY_COUNT": "1",  # haproxy
        "DJANGO_SINGLE_MACHINE": "",
        # Slow work (PDFs, imports) queued in the database for the worker (CLUSTER_WORKER), not done in the request.
        "DJANGO_TASKS_BACKEND": "database" if os.environ.get("CLUSTER_WORKER", "").strip() else "immediate",
        **extra,
    }


def wait_until_healthy(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(url, timeout=1).status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {seconds:.0f} s")


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    """Stop a process started in a session of its own, with its children (gunicorn's workers)."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@dataclass
class Cluster:
    folder: Path
    env: dict
    address: str
    web_ports: list[int]
    redis_port: int
    webs: list[subprocess.Popen | None] = field(default_factory=list)
    redis: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    haproxy: subprocess.Popen | None = None

    def start_redis(self) -> None:
        self.redis = start_redis(self.redis_port, self.folder)

    def stop_redis(self) -> None:
        stop(self.redis)

    def start_web(self, index: int, *, wait: bool = True) -> None:
        bind = f"127.0.0.1:{self.web_ports[index]}"
        process = subprocess.Popen(
            [GUNICORN, "careerpath.wsgi", "--workers", str(WORKERS_PER_INSTANCE), "--log-level", "warning", "--bind", bind],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        if index < len(self.webs):
            self.webs[index] = process
        else:
            self.webs.append(process)
        if wait:
            wait_until_healthy(f"http://127.0.0.1:{self.web_ports[index]}/healthz")

    def kill_web(self, index: int) -> None:
        """As a machine lost: gunicorn and its workers at once, with the requests they were answering."""
        stop(self.webs[index], signal.SIGKILL)

    def start_worker(self, command: str) -> None:
        self.worker = subprocess.Popen(shlex.split(command), cwd=ROOT, env=self.env, start_new_session=True)

    def kill_worker(self) -> None:
        stop(self.worker, signal.SIGKILL)

    def start_haproxy(self) -> None:
        host, _, bind_port = self.address.removeprefix("http://").partition(":")
        servers = {f"CAREERPATH_WEB{n + 1}": f"127.0.0.1:{p}" for n, p in enumerate(self.web_ports)}
        env = {**os.environ, "CAREERPATH_BIND": f"{host}:{bind_port}", "CAREERPATH_HOST": host, **servers}
        config = str(ROOT / "deploy" / "haproxy.cfg")
        self.haproxy = subprocess.Popen(["haproxy", "-f", config], cwd=ROOT, env=env, start_new_session=True)
        wait_until_healthy(f"{self.address}/healthz")

    def stop_all(self) -> None:
        for process in [self.haproxy, self.worker, *self.webs, self.redis]:
            stop(process)


def start_redis(redis_port: int, folder: Path) -> subprocess.Popen:
    """Debian's redis-server with deploy/redis.conf on a port of its own; returns once it answers."""
    process = subprocess.Popen(
        ["redis-server", str(ROOT / "deploy" / "redis.conf"), "--port", str(redis_port), "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        probe = subprocess.run(["redis-cli", "-p", str(redis_port), "ping"], capture_output=True, text=True)
        if probe.stdout.strip() == "PONG":
            return process
        time.sleep(0.1)
    stop(process)
    raise RuntimeError(f"redis-server did not answer on port {redis_port}")


@contextlib.contextmanager
def cluster(**extra_env: str):
    """Everything started, the content loaded; stopped and removed on the way out, whatever happened."""
    folder = Path(tempfile.mkdtemp(prefix="careerpath-cluster."))
    # A folder of its own, which throwaway-postgres gives to the postgres user.
    pg_folder = Path(tempfile.mkdtemp(prefix="careerpath-cluster-pg."))
    redis_port = port("CLUSTER_REDIS_PORT")
    running = None
    try:
        database_url = subprocess.run(
            [PG, "start", str(port("CLUSTER_PG_PORT")), str(pg_folder)], stdout=subprocess.PIPE, text=True, check=True
        ).stdout.strip()
        env = cluster_env(database_url, f"redis://127.0.0.1:{redis_port}/0", **extra_env)
        running = Cluster(folder, env, f"http://127.0.0.1:{port('CLUSTER_PORT')}", web_ports(), redis_port)
        running.start_redis()
        # Once for the whole cluster, before any instance starts: never from each instance.
        manage(env, "migrate", "--no-input")
        manage(env, "load_content")
        for index in range(INSTANCES):
            running.start_web(index)
        if worker := os.environ.get("CLUSTER_WORKER", "").strip():
            running.start_worker(worker)
        running.start_haproxy()
        yield running
    finally:
        if running is not None:
            running.stop_all()
        subprocess.run([PG, "stop", str(pg_folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def describe(running: Cluster) -> str:
    worker = os.environ.get("CLUSTER_WORKER", "").strip()
    lines = [
        f"careerpath cluster on {running.address}/ (haproxy, deploy/haproxy.cfg; health checks on /healthz)",
        f"  instances: {', '.join(f'127.0.0.1:{p}' for p in running.web_ports)} "
        f"(gunicorn, {WORKERS_PER_INSTANCE} workers each, production settings)",
        f"  PostgreSQL: {running.env['DATABASE_URL']} (throw-away); Redis: {running.env['DJANGO_CACHE_URL']}",
        f"  background-task worker: {worker}"
        if worker
        else "  background-task worker: none yet (CLUSTER_WORKER is empty: the command that runs it goes there)",
    ]
    return "\n".join(lines)


def main() -> int:
    stopping = False

    def interrupted(_signum, _frame):
        nonlocal stopping
        stopping = True

    with cluster() as running:
        print(describe(running), flush=True)
        print("Ctrl-C stops everything.", flush=True)
        signal.signal(signal.SIGINT, interrupted)
        signal.signal(signal.SIGTERM, interrupted)
        while not stopping:
            time.sleep(0.5)
        print("\nstopping haproxy, the instances, Redis and PostgreSQL…", flush=True)
    print("stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
