"""The ESCO import and the neighbours' recomputation as background tasks, which an editor starts from the admin
(roles.admin.EscoRunAdmin) and follows there: how far it has gone, then its report, or why it failed.

Each runs in one transaction (roles.esco.import_esco, roles.neighbours.compute_neighbours): one that fails, or whose
worker is killed, has written nothing; a killed one runs again on the next worker (careerpath.background.lease).
"""

import time
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from careerpath.background import progress
from careerpath.background.api import failure, task

from .esco import EscoFileError, import_esco
from .models import EscoRun, EscoRunKind, EscoRunState
from .neighbours import compute_neighbours

REPORT_EVERY = 0.5  # seconds between two reports of the bytes read: the import calls `advance` for every row
ARCHIVES = (".zip", ".tar.gz", ".tgz", ".csv.gz")
BUNDLES = (".tar.gz", ".tgz")  # a whole download in one file, kept in a folder of its own (esco-real/….tar.gz)


def downloads() -> list[Path]:
    """ESCO's downloads on the server (settings.ESCO_DOWNLOADS, ../shared beside the checkout): its folders and
    archives named esco*, and the .tar.gz inside those folders, in the order `make esco` names them."""
    folder = Path(settings.ESCO_DOWNLOADS)
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.glob("esco*")):
        if entry.is_dir():
            inner = sorted(path for path in entry.iterdir() if path.is_file() and path.name.endswith(BUNDLES))
            found += inner or [entry]
        elif entry.name.endswith(ARCHIVES):
            found.append(entry)
    return found


def start(run: EscoRun) -> None:
    """Queue the run (with the immediate backend, run it now)."""
    result = run_esco.enqueue(run.pk)
    EscoRun.objects.filter(pk=run.pk, task_id="").update(task_id=str(result.id))


def shown_state(run: EscoRun) -> tuple[str, str]:
    """The run's state and error as an editor should read them: a run whose task failed without saying so (its
    worker died too often, careerpath.background.lease) has failed, with the task's reason."""
    if run.state in (EscoRunState.QUEUED, EscoRunState.RUNNING) and (why := failure(run.task_id)):
        return EscoRunState.FAILED, why
    return run.state, run.error


class Reporter:
    """The run's progress, into the shared cache: the phase, and the bytes read of the phase's total."""

    def __init__(self, run: EscoRun):
        self.key = run.progress_key
        self.phase, self.total, self.done, self.reported_at = "", 0, 0, 0.0

    def on_phase(self, phase: str, total: int = 0) -> None:
        self.phase, self.total, self.done = phase, total, 0
        self.report()

    def advance(self, count: int) -> None:
        self.done += count
        if time.monotonic() - self.reported_at >= REPORT_EVERY:
            self.report()

    def report(self) -> None:
        self.reported_at = time.monotonic()
        progress.report(self.key, phase=self.phase, done=min(self.done, self.total), total=self.total)


@task()
def run_esco(run_id: int) -> None:
    """Run an editor's import or recomputation, and write how it ended on its row."""
    run = EscoRun.objects.get(pk=run_id)
    EscoRun.objects.filter(pk=run_id).update(state=EscoRunState.RUNNING, started_at=timezone.now(), error="", report="")
    reporter = Reporter(run)
    try:
        lines = import_lines(run, reporter) if run.kind == EscoRunKind.IMPORT else neighbour_lines(reporter)
    except EscoFileError as error:  # a file refused before anything was written: the run failed, the task did its job
        finish(run_id, EscoRunState.FAILED, error=f"Nothing imported: {error}")
        return
    except Exception as error:
        finish(run_id, EscoRunState.FAILED, error=f"Nothing written: {type(error).__name__}: {error}")
        raise
    reporter.on_phase("done")
    finish(run_id, EscoRunState.DONE, report="\n".join(lines))


def finish(run_id: int, state: str, *, report: str = "", error: str = "") -> None:
    EscoRun.objects.filter(pk=run_id).update(state=state, report=report, error=error, finished_at=timezone.now())


def import_lines(run: EscoRun, reporter: Reporter) -> list[str]:
    version, report = import_esco(
        [Path(source) for source in run.sources], run.languages, advance=reporter.advance, on_phase=reporter.on_phase
    )
    return [f"ESCO {version}, {', '.join(run.languages)}:", *report.lines()]


def neighbour_lines(reporter: Reporter) -> list[str]:
    outcome = compute_neighbours(on_phase=reporter.on_phase)
    found = outcome.thresholds
    return [
        f"{outcome.occupations} occupations compared, {outcome.neighbours} neighbours written in {outcome.seconds:.1f} s.",
        f"viable above {found.viable:.2f}, highly viable above {found.highly_viable:.2f}.",
    ]
