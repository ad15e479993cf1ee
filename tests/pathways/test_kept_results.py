"""Results and what-if pages kept for the same answers: reused while nothing they rest on changes, never otherwise."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from careerpath.cache import renew_content_version
from pathways.assessments import Answers
from pathways.catalogue import evaluate_for
from pathways.models import Assessment, Transition
from roles.models import Role
from tests.assessments import EDO, skill_fields, submit
from tests.html import page_of, texts

pytestmark = pytest.mark.django_db


def saved(client) -> tuple[Assessment, str]:
    location = submit(client)["Location"]
    return Assessment.objects.get(pk=location.split("/")[-2]), location


def tried(client, level: int) -> dict:
    """The saved answers (tests.assessments.answers) with every skill at `level`, as the what-if form sends them."""
    data = {
        "position": "student",
        "degree_level": "bachelor",
        "degree_field": "business-management",
        "years_operations": 2,
        "preferred_sector": "both",
    }
    return {**data, **{name: level for name in skill_fields(client)}}


def outcome(response) -> list[str]:
    assert response.status_code == 200
    return texts(page_of(response), "#what-if-outcome .comparison-table .score-total")


def token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_a_what_if_asked_again_is_served_as_kept_with_the_visitors_own_token(content):
    person = Client(enforce_csrf_checks=True)
    assessment, location = saved(Client())
    data = tried(person, 4)
    first = person.get(f"{location}what-if/", data)
    with CaptureQueriesContext(connection) as queries:
        again = person.get(f"{location}what-if/", data)
    assert len(queries) == 1  # only whether the result still exists
    assert outcome(again) == outcome(first)
    assert again.content.decode().replace(token_in(again), "") == first.content.decode().replace(token_in(first), "")

    # Another visitor's copy of the kept page carries their token, which their own cookie accepts.
    other = Client(enforce_csrf_checks=True)
    page = other.get(f"{location}what-if/", data)
    sent = {"csrfmiddlewaretoken": token_in(page), **data}
    assert other.post(f"{location}what-if/", sent).status_code == 303
    assert Assessment.objects.filter(revises=assessment).exists()
    person.cookies.clear()  # a visitor without the cookie the token pairs with is refused
    assert person.post(f"{location}what-if/", {**sent, "csrfmiddlewaretoken": token_in(page)}).status_code == 403


def test_a_kept_what_if_is_never_served_for_other_answers_nor_after_a_content_change(client, content):
    _assessment, location = saved(client)
    low, high = tried(client, 1), tried(client, 5)
    _saved_total, low_total = outcome(client.get(f"{location}what-if/", low))
    assert outcome(client.get(f"{location}what-if/", high))[1] != low_total

    # An editor lengthens the route's last move: the same answers are measured again.
    move = Transition.objects.get(from_role__slug="operations-manager", to_role__slug=EDO)
    before = texts(page_of(client.get(f"{location}what-if/", low)), "#what-if-outcome")
    move.min_months, move.max_months = move.min_months + 60, move.max_months + 60
    move.save()
    assert texts(page_of(client.get(f"{location}what-if/", low)), "#what-if-outcome") != before


def test_a_kept_what_if_goes_with_its_result(client, content):
    assessment, location = saved(client)
    data = tried(client, 3)
    assert client.get(f"{location}what-if/", data).status_code == 200
    assert client.post(f"{location}delete/").status_code == 302
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert client.get(f"{location}what-if/", data).status_code == 404


def test_a_kept_what_if_of_a_result_deleted_by_another_process_is_not_served(client, content, monkeypatch):
    assessment, location = saved(client)
    data = tried(client, 3)
    assert client.get(f"{location}what-if/", data).status_code == 200
    monkeypatch.setattr("careerpath.cache.forget_object_pages", lambda name, pk: None)  # this process never hears
    Assessment.objects.filter(pk=assessment.pk).delete()
    assert client.get(f"{location}what-if/", data).status_code == 404


def test_an_evaluation_is_kept_for_the_same_answers_until_the_content_changes(client, content):
    assessment, _location = saved(client)
    target = Role.objects.with_skills().get(pk=assessment.target_role_id)
    answers = Answers.of(assessment, target)
    profile = answers.profile()
    kept = evaluate_for(profile, target.pk)
    assert evaluate_for(answers.profile(), target.pk) is kept  # the same answers, read again
    other = profile.with_ratings({skill: 5 for skill in profile.ratings})
    assert evaluate_for(other, target.pk).target.total != kept.target.total
    renew_content_version()
    assert evaluate_for(profile, target.pk) is not kept


def test_a_result_kept_for_answers_is_kept_in_each_language(client, content):
    assessment, _location = saved(client)
    answers = Answers.of(assessment, Role.objects.with_skills().get(pk=assessment.target_role_id))
    with override("fr"):
        french = answers.result()
    with override("en"):
        english = answers.result()
    assert french.band == english.band and french.band_label != english.band_label
    with override("fr"):
        assert answers.result().band_label == french.band_label


def test_a_kept_result_shows_its_own_link_with_the_host_it_was_asked_by(client, content):
    _assessment, location = saved(client)
    for _ in range(2):  # drawn, then kept
        for host in ("localhost", "127.0.0.1"):
            link = page_of(client.get(location, headers={"Host": host})).select_one("#copy-private-link")["value"]
            assert link == f"http://{host}{location}"
