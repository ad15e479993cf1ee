from django.core.management.base import BaseCommand, CommandError

from pathways.assessments import purge_assessments


class Command(BaseCommand):
    help = (
        "Delete saved self-assessments older than a number of days, with their what-if versions, ratings and plans, "
        "a chain of versions whole or not at all (one version saved or one plan worked on within those days keeps "
        "the chain)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            help="Delete assessments created more than DAYS days ago, unless a version of theirs was saved or a plan "
            "moved on since.",
        )

    def handle(self, *args, older_than: int, **options):
        if older_than < 0:
            raise CommandError("--older-than must be zero or more days.")
        removed = purge_assessments(older_than_days=older_than)
        self.stdout.write(f"Deleted {removed} assessment(s) older than {older_than} day(s).")
