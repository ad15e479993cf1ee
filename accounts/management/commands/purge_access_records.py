from datetime import timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

DEFAULT_DAYS = 90


def deleted(records) -> int:
    """Delete these records; how many there were (an attempt's expiry, deleted with it, not counted)."""
    _total, per_model = records.delete()
    return per_model.get(records.model._meta.label, 0)


class Command(BaseCommand):
    help = (
        "Delete the sign-in records django-axes keeps (usernames and addresses: access logs, failure logs, "
        "failed attempts) older than a number of days; a lockout still in force stays."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=DEFAULT_DAYS,
            metavar="DAYS",
            help=f"Delete the records of sign-ins more than DAYS days ago (default {DEFAULT_DAYS}).",
        )

    @transaction.atomic
    def handle(self, *args, older_than: int, **options):
        if older_than < 0:
            raise CommandError("--older-than must be zero or more days.")
        now = timezone.now()
        cutoff = now - timedelta(days=older_than)
        # axes' own axes_reset_logs and axes_reset_failure_logs take an age but leave the attempts, which
        # name usernames and addresses too. An attempt within its cool-off is a lockout in force: it stays.
        cool_off = get_cool_off()
        attempts_cutoff = min(cutoff, now - cool_off) if cool_off else cutoff
        removed = {
            "access log": deleted(AccessLog.objects.filter(attempt_time__lt=cutoff)),
            "failure log": deleted(AccessFailureLog.objects.filter(attempt_time__lt=cutoff)),
            "failed attempt": deleted(AccessAttempt.objects.filter(attempt_time__lt=attempts_cutoff)),
        }
        counts = ", ".join(f"{count} {kind}(s)" for kind, count in removed.items())
        self.stdout.write(f"Deleted {counts} older than {older_than} day(s).")
