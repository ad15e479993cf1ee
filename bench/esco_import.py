"""`make bench-import`: the real ESCO import timed on the current database (DATABASE_URL, else the SQLite file).

Imports ESCO's downloads as published: ../shared/esco-full (or $ESCO_FULL_DIR: the English classification zip,
the relations zip, the French skills) and the French and English occupations of ../shared/esco-real (or
$ESCO_REAL_DIR), twice: the second run should report everything unchanged. Prints, for each run, the wall
time, the peak memory (GNU time's maximum resident set size) and the import's report. It writes to the current
database: run it on a throw-away one (`tools/throwaway-postgres`) to measure a first import.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: tests.esco locates the shared data
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GNU_TIME = "/usr/bin/time"


def timed_import(sources: list[Path]) -> tuple[float, int | None, str]:
    """Seconds, peak memory in MiB (None without GNU time) and the report of one import."""
    command = [PYTHON, "manage.py", "import_esco", *map(str, sources), "--no-progress"]
    measured = Path(GNU_TIME).is_file()
    start = time.perf_counter()
    done = subprocess.run(
        [GNU_TIME, "-v", *command] if measured else command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"import_esco failed:\n{done.stdout}{done.stderr}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr) if measured else None
    return seconds, int(peak.group(1)) // 1024 if peak else None, done.stdout


def main() -> int:
    from tests.esco import real as esco_real

    sources = [esco_real.full(), esco_real.archive()]
    missing = [str(source) for source in sources if not source.exists()]
    if missing:
        print(f"bench-import: skipped, ESCO's downloads are not at {', '.join(missing)} (set ESCO_FULL_DIR, ESCO_REAL_DIR)")
        return 0
    database = os.environ.get("DATABASE_URL", "sqlite (db.sqlite3)").split("@")[-1]
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True)
    print(f"import_esco {' '.join(source.name for source in sources)}, into {database}")
    if not shutil.which(GNU_TIME):
        print(f"  ({GNU_TIME} not found: no peak memory)")
    for run in ("first run", "second run"):
        seconds, peak, report = timed_import(sources)
        memory = f", peak memory {peak} MiB" if peak is not None else ""
        print(f"  {run}: {seconds:.1f} s{memory}")
        lines = report.splitlines()
        reasons = [line for line in lines if line.startswith("    ")]  # each skipped row's, listed by the command
        print("".join(f"    {line}\n" for line in lines if line not in reasons), end="")
        if reasons:
            print(f"      {reasons[0].strip()} …")
    return 0


if __name__ == "__main__":
    sys.exit(main())
