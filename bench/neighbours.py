"""`make bench-neighbours`: the time and peak memory of compute_neighbours on every ESCO occupation.

With DATABASE_URL set, on that database as it is (import ESCO into it first). Otherwise a throw-away SQLite
database is made, ESCO imported into it from $ESCO_DIR (a folder of ESCO's CSV files), else from the real archive
(../shared/esco-real, or $ESCO_REAL_DIR), and compute_neighbours is run on it, in a process of its own so that its
peak resident memory is its own. The target: under 30 s and 1 GB for ESCO's 3,007 occupations.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SECONDS_TARGET, MEGABYTES_TARGET = 30, 1024


def manage(env: dict, *args: str) -> str:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


@contextlib.contextmanager
def esco_folder():
    if os.environ.get("ESCO_DIR"):
        yield Path(os.environ["ESCO_DIR"])
        return
    from tests.esco import real

    if not real.archive().is_file():
        sys.exit(f"No ESCO data: set ESCO_DIR, or DATABASE_URL to an imported database ({real.archive()} is missing).")
    with real.unpacked() as folder:
        yield folder


@contextlib.contextmanager
def database() -> dict:
    if os.environ.get("DATABASE_URL"):
        yield dict(os.environ)
        return
    with tempfile.TemporaryDirectory(prefix="bench-neighbours.") as folder, esco_folder() as esco:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
        manage(env, "migrate", "--no-input")
        started = time.perf_counter()
        manage(env, "import_esco", str(esco), "--no-progress")
        print(f"imported {esco} into a throw-away SQLite database in {time.perf_counter() - started:.1f} s")
        yield env


def timed(env: dict, *args: str) -> tuple[str, float, float]:
    """What a manage.py command prints, its wall time and its own peak resident memory in MB (not its elders')."""
    with tempfile.TemporaryFile(mode="w+") as out:
        started = time.perf_counter()
        process = subprocess.Popen([PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=out)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(args)} failed")
        out.seek(0)
        return out.read(), seconds, usage.ru_maxrss / 1024  # kB on Linux


def main() -> int:
    with database() as env:
        printed, seconds, megabytes = timed(env, "compute_neighbours", "--no-progress")
    print(printed.rstrip())
    print(f"compute_neighbours: {seconds:.1f} s wall (the process, Django's start included), peak {megabytes:.0f} MB")
    within = seconds < SECONDS_TARGET and megabytes < MEGABYTES_TARGET
    print(f"target {SECONDS_TARGET} s and {MEGABYTES_TARGET} MB: {'met' if within else 'MISSED'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
