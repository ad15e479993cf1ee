from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pathways.loading import load_transition_content
from roles.loading import ContentError, load_role_content
from roles.search_index import write_index


class Command(BaseCommand):
    help = (
        "Load the curated content (roles, skills, degrees, transitions) shipped with the code. "
        "Creates what is missing and never changes or deletes what editors made; safe to run twice."
    )

    def handle(self, *args, **options):
        report: Counter = Counter()
        try:
            with transaction.atomic():
                load_role_content(report)
                load_transition_content(report)
                write_index()  # the search index, whole: content is written in bulk, without signals
        except ContentError as error:
            raise CommandError(f"Content not loaded: {error}") from error
        if not report:
            self.stdout.write("Content already loaded: nothing to create.")
        for label, count in sorted(report.items()):
            self.stdout.write(f"created {count} {label}")
