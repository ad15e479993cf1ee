"""The owner's plan page, kept between visits: served again while nothing it shows has changed, never after."""

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plans.models import Plan, Share
from tests.assessments import submit
from tests.factories import make_plan, plan_url, share_with
from tests.html import page_of, text_of, texts

pytestmark = pytest.mark.django_db


def token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def without_token(response) -> str:
    return response.content.decode().replace(token_in(response), "")


def test_the_plan_page_asked_again_is_served_kept_with_the_visitors_own_token(content):
    owner = Client(enforce_csrf_checks=True)
    plan = make_plan(Client())
    first = owner.get(plan_url(plan))
    with CaptureQueriesContext(connection) as queries:
        again = owner.get(plan_url(plan))
    assert len(queries) == 1  # only whether the plan still exists
    assert without_token(again) == without_token(first)

    # Another visitor on the same link gets the kept page with their own token, which their cookie accepts.
    other = Client(enforce_csrf_checks=True)
    page = other.get(plan_url(plan))
    assert token_in(page) != token_in(again)
    sent = other.post(plan_url(plan, tail="note/"), {"csrfmiddlewaretoken": token_in(page), "step": 1, "text": "appeler"})
    assert sent.status_code == 303
    owner.cookies.clear()  # without the cookie the token pairs with, refused
    refused = owner.post(plan_url(plan, tail="note/"), {"csrfmiddlewaretoken": token_in(page), "step": 1, "text": "x"})
    assert refused.status_code == 403


def test_every_change_to_the_plan_shows_on_its_page_at_once(client, content, make_counsellor):
    plan = make_plan(client)

    def page():
        return page_of(client.get(plan_url(plan)))

    assert not page().select("#step-1 .plan-note")
    client.post(plan_url(plan, tail="note/"), {"step": 1, "text": "appeler Marie"})
    assert "appeler Marie" in text_of(page().select_one("#step-1 .plan-note"))

    client.post(plan_url(plan, tail="tick/"), {"item": "step-1"})
    assert page().select("#step-1 input[name=undo]")  # ticked: the step offers to untick it

    claire, browser = make_counsellor("claire")
    share = share_with(client, plan, claire)
    assert "Claire" in text_of(page().select_one(".plan-shares"))
    assert browser.post(share.get_absolute_url(), {"step": 2, "text": "Visez un stage."}).status_code == 303
    assert "Visez un stage." in text_of(page().select_one("#step-2 .plan-comment"))

    # The counsellor's name, as the plan shows it, changes with their account.
    claire.user.first_name = "Clarisse"
    claire.user.save()
    assert "Clarisse" in text_of(page().select_one(".plan-shares"))
    assert "Clarisse" in text_of(page().select_one("#step-2 .plan-comment"))

    client.post(plan_url(plan, tail=f"shares/{share.pk}/revoke/"))
    assert "Clarisse" not in text_of(page().select_one("#sharing"))


def test_a_message_after_a_change_is_shown_once_and_never_kept(client, content):
    plan = make_plan(client)
    client.get(plan_url(plan))  # kept
    skill = page_of(client.get(plan_url(plan))).select_one(".plan-rerating input[name=skill]")["value"]
    assert client.post(plan_url(plan, tail="rating/"), {"skill": skill, "level": 5}).status_code == 303
    said = texts(page_of(client.get(plan_url(plan))), ".alert")
    assert any("est maintenant à 5" in text for text in said)
    assert not any("est maintenant à 5" in text for text in texts(page_of(client.get(plan_url(plan))), ".alert"))


def test_a_kept_plan_page_goes_when_a_share_expires_and_when_the_plan_is_deleted(client, content):
    plan = make_plan(client)
    share = share_with(client, plan, None)
    share.expires_at = timezone.now() + timedelta(seconds=1)
    share.save()
    client.get(plan_url(plan))  # the message that the link is made, once
    assert "jusqu’au" in text_of(page_of(client.get(plan_url(plan))).select_one(".plan-shares"))  # kept
    time.sleep(1.1)  # the share expires; nothing in the database changes
    assert "expiré le" in text_of(page_of(client.get(plan_url(plan))).select_one(".plan-shares"))

    client.get(plan_url(plan))  # kept
    Plan.objects.filter(pk=plan.pk).delete()
    assert not Share.objects.exists()
    assert client.get(plan_url(plan)).status_code == 200  # no plan: the choice of a route again
    assert "plan-step" not in client.get(plan_url(plan)).content.decode()


# Another process's own cache, as each gunicorn worker has one on a single machine without Redis.
ANOTHER_PROCESS = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "another-process"}


def test_a_change_made_in_another_process_shows_at_once_on_the_plan_and_the_result(client, content, settings):
    location = submit(client)["Location"]
    client.get(location)
    assert "Faire d’un de ces parcours mon plan" in text_of(page_of(client.get(location)))  # kept
    with override_settings(CACHES={**settings.CACHES, "default": ANOTHER_PROCESS}):
        assert client.post(f"{location}plan/", {"route": "route-best"}).status_code == 303
    assert "Ouvrir mon plan" in text_of(page_of(client.get(location)))

    client.get(f"{location}plan/")
    assert not page_of(client.get(f"{location}plan/")).select("#step-1 .plan-note")  # kept
    with override_settings(CACHES={**settings.CACHES, "default": ANOTHER_PROCESS}):
        assert client.post(f"{location}plan/note/", {"step": 1, "text": "appeler Marie"}).status_code == 303
    assert "appeler Marie" in text_of(page_of(client.get(f"{location}plan/")).select_one("#step-1 .plan-note"))
