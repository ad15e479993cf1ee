import sys
import time

from django.core.management.base import BaseCommand

from roles.neighbours import NEIGHBOURS, compute_neighbours


class Command(BaseCommand):
    help = (
        "Compare every ESCO occupation with every other by their skills (as Nesta's Mapping Career Causeways did), "
        "recalibrate the 'viable' and 'highly viable' thresholds on them, and replace each occupation's nearest "
        "neighbours, in one transaction. import_esco runs it after every import that wrote something."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=NEIGHBOURS, help=f"neighbours kept per occupation ({NEIGHBOURS})")
        parser.add_argument("--no-progress", action="store_true", help="no progress lines (for logs)")

    def handle(self, *args, count: int, no_progress: bool, **options):
        started = time.perf_counter()

        def on_phase(phase: str) -> None:
            if not no_progress:
                print(f"{time.perf_counter() - started:6.1f} s  {phase}…", file=sys.stderr, flush=True)

        outcome = compute_neighbours(count=count, on_phase=on_phase)
        found = outcome.thresholds

        def unrounded(value: float | None) -> str:
            return f"{value:.3f}" if value is not None else "none (no group of two occupations)"

        self.stdout.write(f"{outcome.occupations} occupations compared, {outcome.neighbours} neighbours written.")
        self.stdout.write(
            f"viable: similarity above {found.viable:.2f} "
            f"(mean minus one standard deviation of the average within {found.unit_groups} ISCO unit groups: "
            f"{unrounded(found.viable_unrounded)})"
        )
        self.stdout.write(
            f"highly viable: above {found.highly_viable:.2f} "
            f"(the same within {found.broad_groups} broad ESCO groups: {unrounded(found.highly_viable_unrounded)})"
        )
        self.stdout.write(f"in {outcome.seconds:.1f} s")
