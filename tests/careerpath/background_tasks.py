"""A task the background tests queue: it leaves a mark when it starts, then waits on its first attempt, long enough
for the test to kill its worker."""

import time
from pathlib import Path

from careerpath.background.api import task


@task()
def wait_on_first_attempt(folder: str, seconds: float) -> int:
    marks = Path(folder)
    attempt = len(list(marks.glob("started-*"))) + 1
    (marks / f"started-{attempt}").touch()
    if attempt == 1:
        time.sleep(seconds)
    (marks / "finished").write_text(str(attempt))
    return attempt
