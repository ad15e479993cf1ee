"""Deleting a result deletes the whole chain of its versions, with all they hold, and says so before."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from careerpath.cache import object_page_key, revised_pk
from pathways.assessments import versions_of
from pathways.models import Assessment
from pathways.results import RESULT_PAGES
from plans.models import Comment, Counsellor, Plan
from tests.assessments import answers, submit
from tests.factories import counsellors_group, plan_url, share_with
from tests.html import page_of, text_of

pytestmark = pytest.mark.django_db

LANGUAGES = ("", "/en")


def pk_of(location: str) -> str:
    return location.rstrip("/").split("/")[-1]


def new_version(client, location: str, years: int) -> str:
    """Keep other answers from a result's what-if, as a person does: the new version's location."""
    response = client.post(f"{location}what-if/", {**answers(client), "years_operations": years})
    assert response.status_code == 303
    return response["Location"]


def counsellor(django_user_model, name: str) -> Counsellor:
    user = django_user_model.objects.create_user(name, first_name=name.title())
    user.groups.add(counsellors_group())
    return Counsellor.objects.create(user=user, code=Counsellor.new_code())


def worked_plan(client, location: str, claire: Counsellor) -> Plan:
    """A plan on this version with everything a plan holds: ticks, a re-rating, readings, a note, a link,
    a counsellor's share and their comment."""
    pk = pk_of(location)
    assert client.post(f"/assessment/{pk}/plan/", {"route": "route-best"}).status_code == 303
    plan = Plan.objects.get(pk=pk)
    assert client.post(plan_url(plan, tail="tick/"), {"item": "step-1"}).status_code == 303
    assert client.post(plan_url(plan, tail="note/"), {"step": 1, "text": "appeler Marie"}).status_code == 303
    share_with(client, plan, None)
    share_with(client, plan, claire)
    Comment.objects.create(plan=plan, step=1, author=claire, text="Visez un stage.")
    return plan


def rows() -> dict[str, int]:
    """How many rows each model of the apps that hold a person's answers and plans has."""
    return {
        model._meta.label: model._default_manager.count()
        for label in ("pathways", "plans")
        for model in apps.get_app_config(label).get_models()
    }


@pytest.fixture
def claire(django_user_model):
    return counsellor(django_user_model, "claire")


@pytest.fixture
def someone_else(client, content, claire):
    """Another person's result, with a plan that holds everything: nothing of it may go."""
    location = submit(Client(), years_operations=1)["Location"]
    worked_plan(Client(), location, claire)
    return location


def make_chain(client) -> list[str]:
    """A result edited twice through the what-if, and once more from the first: four versions, in three
    generations, reached from any one of them through `revises` one way or the other."""
    first = submit(client)["Location"]
    second = new_version(client, first, 3)
    third = new_version(client, second, 4)
    sideways = new_version(client, first, 6)
    return [first, second, third, sideways]


@pytest.fixture
def chain(client, content):
    return make_chain(client)


def test_the_versions_of_a_result_are_its_whole_chain_from_any_of_them(chain, someone_else):
    ids = {Assessment.objects.get(pk=pk_of(location)).pk for location in chain}
    for location in chain:
        assert versions_of(Assessment.objects.get(pk=pk_of(location))) == ids


def test_the_versions_of_a_chain_made_a_cycle_by_hand_end(chain):
    first, _second, third, _sideways = (Assessment.objects.get(pk=pk_of(location)) for location in chain)
    Assessment.objects.filter(pk=first.pk).update(revises=third)
    assert len(versions_of(first)) == 4


def test_deleting_any_version_deletes_every_version_and_all_they_hold(client, someone_else, claire):
    before = rows()
    chain = make_chain(client)
    plans = [worked_plan(client, chain[0], claire), worked_plan(client, chain[2], claire)]
    links = [share.get_absolute_url() for plan in plans for share in plan.shares.filter(counsellor=None)]
    assert all(Client().get(link).status_code == 200 for link in links)
    grown = {label for label, count in rows().items() if count > before[label]}
    assert grown == {
        "pathways.Assessment",
        *("plans.Plan", "plans.Progress", "plans.Reading", "plans.StepNote", "plans.Share", "plans.Comment"),
    }

    response = client.post(f"{chain[1]}delete/", follow=True)
    assert "Les 4 versions de votre résultat" in text_of(page_of(response).select_one("main"))

    assert rows() == before  # no row of the chain's left, and someone else's all there
    assert client.get(someone_else).status_code == 200
    assert client.get(f"{someone_else}plan/").status_code == 200
    for location in chain:
        assert client.get(location).status_code == 404
    for link in links:
        assert Client().get(link).status_code == 404


def test_the_confirmation_says_how_many_versions_plans_and_shares_will_go(client, someone_else, claire, chain):
    worked_plan(client, chain[0], claire)
    worked_plan(client, chain[3], claire)
    for lang, expected in [
        ("", ["4 versions de ce résultat", "2 plans, avec leurs", "4 partages : qui les a reçus"]),
        ("/en", ["4 versions of this result", "2 plans, with their", "4 shares: whoever received them"]),
    ]:
        page = page_of(client.get(f"{lang}{chain[2]}delete/"))
        said = [text_of(item) for item in page.select(".deletion-holdings li")]
        assert [line[: len(start)] for line, start in zip(said, expected, strict=True)] == expected
        assert page.select_one(f"form[action='{lang}{chain[2]}delete/'] button[type=submit]")
    assert Assessment.objects.count() == 5  # nothing deleted by asking


def test_the_confirmation_of_a_lone_result_says_one_version_and_nothing_else(client, content):
    location = submit(client)["Location"]
    for lang, expected in [
        ("", ["1 version de ce résultat, avec vos réponses", "aucun plan", "aucun partage"]),
        ("/en", ["1 version of this result, with your answers", "no plan", "no share"]),
    ]:
        page = page_of(client.get(f"{lang}{location}delete/"))
        assert [text_of(item) for item in page.select(".deletion-holdings li")] == expected


def test_no_page_of_a_deleted_version_stays_in_the_cache(client, chain):
    for location in chain:
        for lang in LANGUAGES:
            assert client.get(f"{lang}{location}").status_code == 200  # kept now
    revisions = {str(pk): revision for pk, revision in Assessment.objects.values_list("pk", "revision")}
    kept = [
        object_page_key(RESULT_PAGES, revised_pk(pk_of(location), revisions[pk_of(location)]), lang)
        for location in chain
        for lang in ("fr", "en")
    ]
    assert all(cache.get(key) is not None for key in kept)

    assert client.post(f"{chain[0]}delete/").status_code == 302

    assert [key for key in kept if cache.get(key) is not None] == []
    for location in chain:
        for lang in LANGUAGES:
            for tail in ("", "what-if/", "delete/", "plan/"):
                assert client.get(f"{lang}{location}{tail}").status_code == 404


def confirmation_queries(client, location: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{location}delete/").status_code == 200
    return len(queries)


def test_the_confirmation_asks_once_per_generation_of_versions_not_per_version(client, content):
    one = submit(client)["Location"]
    new_version(client, one, 3)
    many = submit(client)["Location"]
    for years in range(3, 8):
        new_version(client, many, years)
    assert confirmation_queries(client, many) == confirmation_queries(client, one)
