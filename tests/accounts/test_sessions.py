"""Signed-in sessions end after 30 minutes idle and 12 hours after sign-in; people's private links use none."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from accounts.sign_in import SIGNED_IN_AT
from tests.accounts.conftest import COUNSELLOR_PASSWORD
from tests.factories import make_plan
from tests.two_factor import sign_in_through_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(counsellor):
    browser = Client()
    assert sign_in_through_pages(browser, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD).status_code == 302
    assert browser.get("/counsellor/").status_code == 200
    return browser


def the_session(browser) -> Session:
    return Session.objects.get(session_key=browser.session.session_key)


def test_each_request_gives_the_session_thirty_more_minutes_and_no_more(signed_in):
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))
    signed_in.get("/counsellor/")
    left = the_session(signed_in).expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)


def test_thirty_minutes_idle_end_the_session(signed_in):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))  # its 30 minutes ran out
    caches[settings.SESSION_CACHE_ALIAS].clear()  # with Redis (cached_db), its copy there expires with it
    response = signed_in.get("/counsellor/")
    assert response.status_code == 302 and response["Location"].startswith("/counsellor/sign-in/")


@pytest.mark.parametrize(("hours", "still_in"), [(11.9, True), (12.1, False)])
def test_twelve_hours_after_sign_in_the_session_ends_whatever_the_activity(signed_in, hours, still_in):
    session = signed_in.session
    session[SIGNED_IN_AT] = time.time() - hours * 3600
    session.save()
    assert (signed_in.get("/counsellor/").status_code == 200) is still_in


def test_peoples_results_and_plans_set_no_session(client, content):
    plan = make_plan(client)
    visitor = Client()
    for url in (plan.assessment.get_absolute_url(), plan.get_absolute_url()):
        response = visitor.get(url)
        assert response.status_code == 200 and "sessionid" not in response.cookies
