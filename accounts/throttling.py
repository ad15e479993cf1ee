"""Password guessing, counted by django-axes on every sign-in page (the admin's and the counsellors').

Failures are counted per username and per address (settings.AXES_LOCKOUT_PARAMETERS): five against one account,
from anywhere, lock that account; five from one address, whatever the accounts, lock that address; for an hour
after the last failure that counts. A success clears only the failures of that username from that address:
someone else's sign-in, or one's own on another account, never wipes the count of guesses at an account.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from careerpath.ratelimits import too_many_requests


class OwnFailuresHandler(AxesDatabaseHandler):
    """axes' database handler, but a success resets only the signing-in account's failures from its address
    (axes resets every failure matching any lockout parameter: the address's too, whatever account they tried)."""

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        count, _per_model = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count


def unlocked_at(request: HttpRequest, credentials: dict | None):
    """When every count that locks this request falls below the limit: each failure counts for the cool-off after
    the last attempt of its record, so the oldest records expire first."""
    limit = get_failure_limit(request, credentials)
    cool_off = get_cool_off(request) or timedelta(0)
    latest = timezone.now()
    for attempts in OwnFailuresHandler().get_user_attempts(request, credentials):
        records = list(attempts.order_by("attempt_time").values_list("attempt_time", "failures_since_start"))
        counted = sum(failures for _time, failures in records)
        for attempt_time, failures in records:
            if counted < limit:
                break
            counted -= failures
            latest = max(latest, attempt_time + cool_off)
    return latest


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None) -> HttpResponse:
    """The locked sign-in's answer, like any limit's: 429 with Retry-After, and when to retry in words."""
    wait = max(int((unlocked_at(request, credentials) - timezone.now()).total_seconds()) + 1, 1)
    return too_many_requests(request, wait, template="lockout.html")
