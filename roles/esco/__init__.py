"""Import ESCO's CSV download: ISCO groups, skills, occupations, the links between them, and each skill's group in
ESCO's skills hierarchy.

Files are found in ESCO's download archives or folders (`sources`), read by column name and streamed (`reading`),
checked whole before anything is written (`checking`: a file that cannot be read is refused, an unusable row is
skipped and reported), then written in batches, labels tidied, skills placed in the hierarchy (`writing`,
`tidying`, `hierarchy`). Rows are keyed by their ESCO URI, so a second import updates rather than duplicates; a
role or skill written by the team, or edited by an editor after an import (origin "edited"), is never touched.
"""

from pathlib import Path

from django.db import transaction

from roles.neighbours import compute_neighbours
from roles.search_index import write_index

from .checking import Skipped, check
from .reading import EscoFile, EscoFileError, detect_version
from .sources import esco_files
from .writing import Importer, Report

__all__ = ["EscoFile", "EscoFileError", "Importer", "Report", "Skipped", "check", "import_esco"]


def import_esco(
    sources: list[Path],
    languages: list[str],
    *,
    dry_run: bool = False,
    version: str | None = None,
    advance=lambda n: None,
    on_phase=lambda phase, total: None,
) -> tuple[str, Report]:
    """Check every file, then write them, then recompute the occupations' neighbours and the search index if anything
    was written;
    with `dry_run`, everything is rolled back at the end."""
    files = esco_files(sources, languages)
    total = sum(f.size for f in files)
    version = version or detect_version(files)
    on_phase("checking", total)
    skipped = check(files, advance)
    report = Report(skipped)
    on_phase("importing", total)
    with transaction.atomic():
        # One transaction around the whole import: stopped part-way, by an error or Ctrl-C,
        # it leaves the database as it was.
        Importer(files, version, report, advance, skipped, languages=languages).run()
        if dry_run:
            transaction.set_rollback(True)
        elif any(action in ("created", "updated") for _kind, action in report):
            # Recomputed whole, replacing the last computation: not new catalogue entries.
            on_phase("neighbours", 0)
            report.note("neighbours", "recomputed", compute_neighbours().neighbours)
            write_index()  # the search index, whole: the rows were written in bulk, without signals
    return version, report
