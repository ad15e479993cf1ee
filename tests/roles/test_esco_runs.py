"""An editor starts an ESCO import (or the neighbours' recomputation) from the admin and follows it there: a
background worker runs it, the page shows how far it has gone, then its report, or why it failed, having written
nothing. A worker killed mid-import does not lose it."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import careerpath.background.progress
from careerpath.background.lease import ATTEMPTS, rescue_lost_tasks
from roles.esco.writing import Importer
from roles.models import EscoRun, EscoRunState, Neighbour, Role, RoleSkill, Skill
from tests.esco import files as esco_files
from tests.html import page_of, text_of
from tests.tasks import QUEUED, run_worker
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

ADD = "/admin/roles/escorun/add/"


@pytest.fixture
def downloads(tmp_path, settings) -> list[Path]:
    """ESCO's downloads on the server, where the admin offers them (as ../shared holds them)."""
    settings.ESCO_DOWNLOADS = str(tmp_path / "shared")
    return esco_files.write_downloads(tmp_path / "shared", esco_files.sample())


@pytest.fixture
def editor_client(client, editor):
    sign_in_verified(client, editor)
    return client


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = QUEUED


def catalogue() -> tuple:
    return (
        sorted(Role.objects.values_list("slug", "title_fr", "origin")),
        sorted(Skill.objects.values_list("slug", "name_fr")),
        RoleSkill.objects.count(),
        Neighbour.objects.count(),
    )


def start(client, **form) -> str:
    response = client.post(ADD, {"kind": "import", "languages": ["fr", "en"], **form})
    assert response.status_code == 302, text_of(page_of(response).select_one("#content-main"))
    return response["Location"]


def follow(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    page = page_of(response)
    return page, text_of(page.select_one("#content-main"))


def test_an_editor_starts_an_import_from_the_servers_downloads_and_follows_it_to_its_report(
    editor_client, downloads, queued_tasks, monkeypatch
):
    form = page_of(editor_client.get(ADD))
    offered = [box["value"] for box in form.select('input[name="downloads"]')]
    assert sorted(offered) == sorted(str(path) for path in downloads)
    reports = []
    monkeypatch.setattr(careerpath.background.progress, "report", lambda key, **state: reports.append(state))

    url = start(editor_client, downloads=offered)
    page, text = follow(editor_client, url)
    assert "en attente" in text and page.select_one('meta[http-equiv="refresh"]') is not None
    assert not Role.objects.filter(esco_uri__isnull=False).exists()  # the request only queued it

    run_worker()

    page, text = follow(editor_client, url)
    assert "terminé" in text and page.select_one('meta[http-equiv="refresh"]') is None
    assert "occupations: 2 created" in text_of(page.select_one(".run-report"))
    assert Role.objects.filter(esco_uri__isnull=False).count() == 2
    run = EscoRun.objects.get()
    assert (run.state, run.started_by.username, run.sources) == (EscoRunState.DONE, "editor", offered)
    # Its progress went through each phase, the bytes read up to the whole of the files.
    phases = [state["phase"] for state in reports]
    assert phases[0] == "checking" and phases[-2:] == ["neighbours", "done"] and "importing" in phases
    importing = [state for state in reports if state["phase"] == "importing"]
    assert importing[0]["done"] == 0 and importing[0]["total"] > 0
    assert "terminé" in text_of(page_of(editor_client.get("/admin/roles/escorun/")).select_one("#result_list"))


def test_the_page_shows_how_far_a_running_import_has_gone(editor_client, editor):
    run = EscoRun.objects.create(state=EscoRunState.RUNNING, sources=["/srv/esco"], languages=["fr"], started_by=editor)
    careerpath.background.progress.report(run.progress_key, phase="importing", done=40, total=100)
    page, text = follow(editor_client, f"/admin/roles/escorun/{run.pk}/change/")
    assert "en cours" in text and "Écriture des métiers et des compétences" in text
    assert page.select_one("progress#run-progress")["value"] == "40"
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "2"


def test_an_import_that_fails_part_way_says_why_and_has_written_nothing(editor_client, downloads, queued_tasks, monkeypatch):
    before = catalogue()

    def broken(self, files):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Importer, "write_relations", broken)  # after the groups, skills and occupations
    url = start(editor_client, paths="\n".join(map(str, downloads)))
    run_worker()
    page, text = follow(editor_client, url)
    assert "échoué" in text and "Rien n’a été écrit" in text
    assert "RuntimeError: disk full" in text_of(page.select_one(".run-error"))
    assert catalogue() == before
    assert DBTaskResult.objects.get().status == "FAILED"


def test_a_file_refused_fails_the_import_with_the_reason_and_nothing_written(editor_client, tmp_path, queued_tasks):
    folder = esco_files.write(tmp_path / "esco", esco_files.sample())
    occupations = folder / "occupations_en.csv"
    occupations.write_text(occupations.read_text().replace("preferredLabel", "label"))
    before = catalogue()
    url = start(editor_client, paths=str(folder))
    run_worker()
    _page, text = follow(editor_client, url)
    assert "échoué" in text and "Nothing imported" in text and "occupations_en.csv" in text
    assert catalogue() == before


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({}, "Choisissez au moins un téléchargement, ou donnez un chemin."),
        ({"paths": "/nowhere/<b>esco</b>"}, "Introuvable sur le serveur : /nowhere/<b>esco</b>"),
        ({"paths": "/"}, "Ces fichiers ne permettent pas l’import"),
    ],
)
def test_a_start_without_usable_files_is_refused_with_a_message(editor_client, queued_tasks, form, message):
    response = editor_client.post(ADD, {"kind": "import", "languages": ["fr", "en"], **form})
    assert response.status_code == 200
    page = page_of(response)
    assert message in text_of(page.select_one("#content-main"))
    assert page.select_one("#content-main b") is None  # typed text shown, never as markup
    assert not EscoRun.objects.exists() and not DBTaskResult.objects.exists()


def test_an_editor_recomputes_the_neighbours_alone(editor_client, tmp_path, queued_tasks):
    from tests.esco.command import import_esco

    import_esco(esco_files.write(tmp_path / "esco", esco_files.sample()))
    Neighbour.objects.all().delete()
    url = start(editor_client, kind="neighbours")
    run_worker()
    _page, text = follow(editor_client, url)
    assert "terminé" in text and "occupations compared" in text
    assert Neighbour.objects.exists()


def test_an_import_whose_worker_is_killed_runs_again_and_one_that_keeps_killing_it_fails_saying_so(
    editor_client, downloads, queued_tasks
):
    url = start(editor_client, downloads=[str(path) for path in downloads])
    task = DBTaskResult.objects.get()
    task.claim("killed")  # a worker took it, then died without a word
    rescue_lost_tasks(now=timezone.now() + timedelta(minutes=5))
    run_worker()
    assert "terminé" in follow(editor_client, url)[1]

    url = start(editor_client, kind="neighbours")
    task = DBTaskResult.objects.get(status="READY")
    later = timezone.now()
    for attempt in range(ATTEMPTS):
        task.claim(f"killed-{attempt}")
        later += timedelta(minutes=5)
        rescue_lost_tasks(now=later)
        task.refresh_from_db()
    _page, text = follow(editor_client, url)
    assert "échoué" in text and "stopped 3 times" in text


def test_without_a_worker_the_import_runs_in_the_request_that_starts_it(editor_client, downloads):
    url = start(editor_client, downloads=[str(path) for path in downloads])  # the immediate backend, as in make dev
    _page, text = follow(editor_client, url)
    assert "terminé" in text and "occupations: 2 created" in text
