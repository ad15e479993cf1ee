"""A plan's PDF drawn by the background worker: the page waits for it (without a script), then offers it; the same
plan asked again is the same PDF, a changed plan a new one; only whoever may read the plan gets it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import plans.pdfs
from careerpath.background.lease import ATTEMPTS, RESULTS_KEPT_DAYS, prune_finished_tasks, rescue_lost_tasks
from plans.models import PlanPdf
from tests.factories import make_plan, plan_url, share_with
from tests.html import page_of, text_of
from tests.pdfs import read
from tests.tasks import QUEUED, queued, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = QUEUED


def ask(client, url: str) -> str:
    """Ask for the PDF; the address of the page that waits for it."""
    response = client.get(url)
    assert response.status_code == 303, response.status_code
    return response["Location"]


def waiting(client, status_url: str):
    response = client.get(status_url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    page = page_of(response)
    return page, text_of(page.select_one("main"))


@pytest.mark.parametrize(
    ("lang", "preparing", "ready", "title"),
    [
        ("", "Votre PDF est en préparation", "Votre PDF est prêt", "Mon plan vers"),
        ("/en", "Your PDF is being prepared", "Your PDF is ready", "My plan towards"),
    ],
)
def test_the_worker_draws_the_pdf_the_page_waits_for_then_serves(client, content, lang, preparing, ready, title):
    plan = make_plan(client)
    status_url = ask(client, plan_url(plan, lang, "pdf/"))
    assert status_url.startswith(plan_url(plan, lang, "pdf/"))
    page, text = waiting(client, status_url)
    assert preparing in text
    # The page comes back by itself, without a script; and a link does the same for whoever prefers.
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "3"
    assert page.select_one("main a[href='']") is not None
    file_url = f"{status_url}file/"
    assert client.get(file_url)["Location"] == status_url  # not drawn yet: back to the page that waits

    run_worker()

    page, text = waiting(client, status_url)
    assert ready in text
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == f"0;url={file_url}"
    assert page.select_one(f'main a[href="{file_url}"]') is not None
    response = client.get(file_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert int(response["Content-Length"]) == len(response.content)
    assert "private" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"
    assert read(response.content)[0].metadata.title.startswith(title)


def test_the_same_plan_asked_again_is_the_pdf_drawn_a_changed_plan_a_new_one(client, content):
    plan = make_plan(client)
    first = ask(client, plan_url(plan, tail="pdf/"))
    assert ask(client, plan_url(plan, tail="pdf/")) == first  # still drawing: the same, not drawn twice
    assert queued() == 1
    run_worker()
    again = client.get(plan_url(plan, tail="pdf/"))
    assert again.status_code == 200 and again["Content-Type"] == "application/pdf"  # drawn already: served at once
    assert DBTaskResult.objects.count() == 1

    client.post(plan_url(plan, tail="tick/"), {"item": "step-1"})
    changed = ask(client, plan_url(plan, tail="pdf/"))
    assert changed != first
    run_worker()
    assert "Faite le" in read(client.get(f"{changed}file/").content)[1]
    assert "Faite le" not in read(client.get(f"{first}file/").content)[1]


def test_pdfs_nobody_asked_for_in_a_day_are_purged(client, content):
    plan = make_plan(client)
    old = ask(client, plan_url(plan, tail="pdf/"))
    run_worker()
    PlanPdf.objects.update(asked_at=timezone.now() - plans.pdfs.PDF_KEPT - timedelta(minutes=1))
    client.post(plan_url(plan, tail="tick/"), {"item": "step-1"})
    ask(client, plan_url(plan, tail="pdf/"))
    assert client.get(old).status_code == 404
    assert PlanPdf.objects.count() == 1


def test_only_a_reader_of_the_plan_gets_its_pdf_and_each_reader_their_own(client, content, make_counsellor):
    plan = make_plan(client)
    owners = ask(client, plan_url(plan, tail="pdf/"))
    link = share_with(client, plan, None)
    holders = ask(Client(), f"/plans/shared/{link.token}/pdf/")
    run_worker()
    owners_key, holders_key = owners.rstrip("/").split("/")[-1], holders.rstrip("/").split("/")[-1]
    assert owners_key != holders_key  # a link holder's PDF shows what they may see, not the owner's notes and shares
    assert Client().get(f"/plans/shared/{link.token}/pdf/{owners_key}/file/").status_code == 404
    assert Client().get(f"/plans/shared/{link.token}/pdf/{holders_key}/file/").status_code == 200
    other = make_plan(Client())
    assert client.get(plan_url(other, tail=f"pdf/{owners_key}/file/")).status_code == 404
    _claire, browser = make_counsellor("claire")
    assert browser.get(f"/counsellor/plans/{link.token}/pdf/{holders_key}/file/").status_code == 404
    client.post(plan_url(plan, tail=f"shares/{link.pk}/revoke/"))
    assert Client().get(f"/plans/shared/{link.token}/pdf/{holders_key}/").status_code == 404


def test_asking_counts_towards_the_limit_waiting_does_not(client, content, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pdfs": "2/h"}
    plan = make_plan(client)
    status_url = ask(client, plan_url(plan, tail="pdf/"))
    for _ in range(5):
        waiting(client, status_url)
    ask(client, plan_url(plan, tail="pdf/"))
    assert client.get(plan_url(plan, tail="pdf/")).status_code == 429
    run_worker()
    assert client.get(f"{status_url}file/").status_code == 200


def test_a_pdf_that_could_not_be_drawn_says_so_and_may_be_asked_for_again(client, content, monkeypatch):
    plan = make_plan(client)

    def broken(**page):
        raise OSError("no fonts")

    monkeypatch.setattr(plans.pdfs, "draw_pdf", broken)
    status_url = ask(client, plan_url(plan, tail="pdf/"))
    run_worker()
    page, text = waiting(client, status_url)
    assert "n’a pas pu être préparé" in text
    assert page.select_one('meta[http-equiv="refresh"]') is None
    again = page.select_one("main a.btn")
    assert again["href"] == plan_url(plan, tail="pdf/") and text_of(again) == "Réessayer"
    monkeypatch.undo()
    assert ask(client, again["href"]) == status_url
    run_worker()
    assert client.get(f"{status_url}file/")["Content-Type"] == "application/pdf"


def test_a_pdf_whose_worker_keeps_dying_fails_saying_so(client, content):
    plan = make_plan(client)
    status_url = ask(client, plan_url(plan, tail="pdf/"))
    task = DBTaskResult.objects.get()
    later = timezone.now()
    for attempt in range(1, ATTEMPTS + 1):
        task.claim(f"worker-{attempt}")  # taken by a worker that dies: it never beats
        later += timedelta(minutes=5)
        assert rescue_lost_tasks(now=later) == [str(task.pk)]
        task.refresh_from_db()
        assert task.status == ("READY" if attempt < ATTEMPTS else "FAILED")
        if attempt < ATTEMPTS:
            assert "en préparation" in waiting(client, status_url)[1]  # back in the queue: still coming
    assert "stopped 3 times" in task.traceback
    assert "n’a pas pu être préparé" in waiting(client, status_url)[1]


def test_finished_tasks_are_pruned_after_their_days_and_waiting_ones_never(client, content):
    plan = make_plan(client)
    ask(client, plan_url(plan, tail="pdf/"))
    run_worker()
    old = DBTaskResult.objects.get()
    client.post(plan_url(plan, tail="note/"), {"step": 1, "text": "un autre plan, un autre PDF"})
    ask(client, plan_url(plan, tail="pdf/"))
    run_worker()
    recent = DBTaskResult.objects.exclude(pk=old.pk).get()
    client.post(plan_url(plan, tail="note/"), {"step": 1, "text": "encore un autre"})
    ask(client, plan_url(plan, tail="pdf/"))  # queued, not run
    DBTaskResult.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=RESULTS_KEPT_DAYS, hours=1))
    DBTaskResult.objects.filter(status="READY").update(enqueued_at=timezone.now() - timedelta(days=RESULTS_KEPT_DAYS + 5))
    prune_finished_tasks()  # what each worker's heart does every hour
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.filter(pk=recent.pk).exists() and queued() == 1
