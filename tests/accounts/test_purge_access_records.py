"""Sign-in records (usernames and addresses, kept by django-axes) are deleted once old enough."""

import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import CommandError, call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

SIGN_IN = {"user_agent": "Firefox", "http_accept": "text/html", "path_info": "/counsellor/sign-in/"}
MODELS = (AccessLog, AccessFailureLog, AccessAttempt)


def record(model, username: str, *, age: timedelta):
    extra = {"get_data": "", "post_data": "", "failures_since_start": 1} if model is AccessAttempt else {}
    row = model.objects.create(username=username, ip_address="203.0.113.7", **SIGN_IN, **extra)
    model.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - age)
    return row


def usernames_left() -> dict[str, set[str]]:
    return {model.__name__: set(model.objects.values_list("username", flat=True)) for model in MODELS}


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_access_records", *args, stdout=out)
    return out.getvalue()


def test_records_older_than_ninety_days_go_by_default_and_newer_ones_stay(db):
    for model in MODELS:
        record(model, "old", age=timedelta(days=91))
        record(model, "recent", age=timedelta(days=89))
    said = purge()
    assert usernames_left() == {model.__name__: {"recent"} for model in MODELS}
    assert "1 access log(s), 1 failure log(s), 1 failed attempt(s) older than 90 day(s)" in said


def test_the_period_is_a_number_of_days(db):
    for model in MODELS:
        record(model, "last-month", age=timedelta(days=31))
        record(model, "last-week", age=timedelta(days=7))
    purge("--older-than", "30")
    assert usernames_left() == {model.__name__: {"last-week"} for model in MODELS}


def test_a_lockout_in_force_stays_whatever_the_period(db):
    record(AccessAttempt, "locked", age=timedelta(minutes=10))  # within the hour's cool-off
    record(AccessAttempt, "cooled", age=timedelta(hours=2))
    purge("--older-than", "0")
    assert usernames_left()["AccessAttempt"] == {"locked"}


def test_a_negative_period_is_refused(db):
    record(AccessLog, "old", age=timedelta(days=400))
    with pytest.raises(CommandError):
        purge("--older-than", "-1")
    assert AccessLog.objects.exists()
