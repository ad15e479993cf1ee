"""Background tasks survive their worker: killed mid-task (SIGKILL: no chance to clean up), the task runs again on
the next worker, once the dead one's lease has run out."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never came"
        time.sleep(0.1)


@pytest.mark.slow
def test_a_task_whose_worker_is_killed_mid_task_runs_again_on_the_next_worker(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_TASKS_BACKEND": "database",
        "DJANGO_TASKS_LEASE_SECONDS": "1",
    }

    def manage(*args: str, **popen) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, **popen)

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def worker(name: str) -> subprocess.Popen:
        options = ["--worker-id", name, "--interval", "0.1", "--no-startup-delay", "--no-reload", "-v", "0"]
        return manage("run_worker", *options, stdout=subprocess.DEVNULL)

    run("migrate", "django_tasks_database", "-v", "0")
    run("migrate", "background", "-v", "0")
    marks = tmp_path / "marks"
    marks.mkdir()
    run(
        "shell",
        "-c",
        f"from tests.careerpath.background_tasks import wait_on_first_attempt as t; t.enqueue({str(marks)!r}, 120)",
    )
    first = worker("first")
    try:
        wait_for(marks / "started-1")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    second = worker("second")
    try:
        wait_for(marks / "finished")
    finally:
        second.terminate()  # SIGTERM: it finishes its task, if any, then stops
        assert second.wait(timeout=30) == 0
    assert (marks / "finished").read_text() == "2"
    result = json.loads(
        run(
            "shell",
            "-v",
            "0",
            "-c",
            "import json; from django_tasks_db.models import DBTaskResult as R; r = R.objects.get(); "
            "print(json.dumps([r.status, r.worker_ids, r.return_value]))",
        )
    )
    assert result == ["SUCCESSFUL", ["first", "second"], 2]
