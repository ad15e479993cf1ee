import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from roles.esco import EscoFileError, import_esco

INTERRUPTED = 130  # what a shell reports for a command stopped by Ctrl-C (128 + SIGINT)


class Command(BaseCommand):
    help = (
        "Import ESCO (occupations, skills, their relations, ISCO groups, the skills hierarchy) from its downloads as "
        "ESCO publishes them: folders of CSV files, zip archives, .tar.gz, .csv.gz; several at once, the last one "
        "named winning where two hold the same file. Checks every file first; a second run updates rather than "
        "duplicates; the team's roles and skills, and anything an editor changed, are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "sources",
            type=Path,
            nargs="+",
            help="ESCO's downloads: a folder of *_<lang>.csv files (or of archives), a .zip, a .tar.gz, a .csv.gz",
        )
        parser.add_argument("--languages", default="fr,en", help="comma-separated languages to read (default: fr,en)")
        parser.add_argument("--dry-run", action="store_true", help="check and report, then roll everything back")
        parser.add_argument(
            "--esco-version", help="the ESCO version to cite (default: 1.2 if occupations have naceCode, else 1.1)"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for logs)")

    def handle(
        self, *args, sources: list[Path], languages: str, dry_run: bool, esco_version: str | None, no_progress: bool, **options
    ):
        wanted = [language.strip() for language in languages.split(",") if language.strip()]
        supported = [code for code, _name in settings.LANGUAGES]
        if not wanted or any(language not in supported for language in wanted):
            raise CommandError(f"--languages must name some of {', '.join(supported)}; got “{languages}”.")
        bar = None

        def on_phase(phase: str, total: int) -> None:
            nonlocal bar
            if bar is not None:
                bar.close()
            bar = tqdm(total=total, desc=phase, unit="B", unit_scale=True, disable=no_progress, file=sys.stderr)

        try:
            version, report = import_esco(
                sources, wanted, dry_run=dry_run, version=esco_version, advance=lambda n: bar.update(n), on_phase=on_phase
            )
        except EscoFileError as error:
            raise CommandError(f"Nothing imported: {error}") from error
        except KeyboardInterrupt:
            if bar is not None:
                bar.leave = False  # the message below is the only line left
            # The import runs in one transaction: stopped anywhere, it has written nothing.
            raise CommandError("Interrupted: nothing was written, the database is as it was.", returncode=INTERRUPTED) from None
        finally:
            if bar is not None:
                bar.close()
        self.stdout.write(("Dry run, nothing written. " if dry_run else "") + f"ESCO {version}, languages {', '.join(wanted)}:")
        for line in report.lines():
            self.stdout.write(f"  {line}")
