from django.core.management.base import BaseCommand, CommandError

from pathways.assessments import purge_assessments


class Command(BaseCommand):
    help = (
        "Delete saved self-assessments older than a number of days, with their ratings and their plan "
        "(a plan worked on within those days keeps its assessment)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            help="Delete assessments created more than DAYS days ago, unless their plan moved on since.",
        )

    def handle(self, *args, older_than: int, **options):
        if older_than < 0:
            raise CommandError("--older-than must be zero or more days.")
        removed = purge_assessments(older_than_days=older_than)
        self.stdout.write(f"Deleted {removed} assessment(s) older than {older_than} day(s).")
