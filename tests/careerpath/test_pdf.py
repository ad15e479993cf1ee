"""careerpath.pdf: a page as a tagged PDF, titled and in its language, with nothing fetched from elsewhere."""

import logging
import re
import socket
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from careerpath.pdf import StaticFilesOnly, pdf_response, render_pdf
from roles.views import RoleDetailView
from tests.pdfs import read

pytestmark = pytest.mark.django_db

COO = "chief-operating-officer"
ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Every attempt to reach another machine is recorded and fails."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in these tests")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def role_profile(path: str):
    """The request for a role profile and the context its view gives the template."""
    request = RequestFactory().get(path)
    page = RoleDetailView.as_view()(request, slug=COO)
    return request, page.context_data


def folded(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


@pytest.mark.parametrize(("language", "path"), [("fr", f"/roles/{COO}/"), ("en", f"/en/roles/{COO}/")])
def test_a_role_profile_becomes_a_tagged_pdf_titled_and_in_its_language(content, language, path):
    with translation.override(language):
        request, context = role_profile(path)
        html = BeautifulSoup(render_to_string("roles/role_detail.html", context, request=request), "html.parser")
        reader, text = read(render_pdf(request, "roles/role_detail.html", context))

    catalog = reader.trailer["/Root"]
    assert reader.metadata.title == folded(html.title)
    assert catalog["/Lang"] == language
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    for heading in [html.h1, *html.select("main h2")[:3]]:
        assert folded(heading) in text
    # The print stylesheet applies: the buttons of the screen are not on paper.
    button = folded(html.select_one("main .btn"))
    assert button and button not in text


def test_a_page_that_points_elsewhere_is_drawn_without_it_and_without_the_network(settings, no_network, caplog):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], Path(__file__).parent / "templates"]}]
    request = RequestFactory().get("/")
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        reader, text = read(render_pdf(request, "pdf_elsewhere.html"))

    assert "Une page qui renvoie ailleurs reste imprimable." in text
    assert reader.metadata.title == "Ressources d’ailleurs — careerpath"
    assert no_network == []
    refused = " ".join(record.getMessage() for record in caplog.records if record.name == "weasyprint")
    for url in [
        "https://example.com/x.png",
        "file:///etc/hostname",
        "https://cdn.example.com/static/css/site.css",
        "careerpath/settings.py",
    ]:
        assert url in refused


def test_the_fetcher_serves_the_sites_static_files_and_nothing_else():
    fetcher = StaticFilesOnly(ORIGIN)
    response = fetcher.fetch(f"{ORIGIN}/static/css/print.css")
    assert response.content_type == "text/css"
    assert b"A clean page on paper" in response.read()
    assert fetcher.fetch(f"{ORIGIN}/static/bootstrap/css/bootstrap.min.css").content_type == "text/css"

    for url in [
        f"{ORIGIN}/roles/",
        f"{ORIGIN}/static/css/missing.css",
        f"{ORIGIN}/static/../careerpath/settings.py",
        f"{ORIGIN}/static/css/",
        "https://example.com/static/css/print.css",
        "file:///etc/hostname",
        "ftp://testserver/static/css/print.css",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_the_fetcher_serves_collected_files_under_their_hashed_names(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "print.0123abcd.css").write_text("body { color: #000; }")
    response = StaticFilesOnly(ORIGIN).fetch(f"{ORIGIN}/static/css/print.0123abcd.css")
    assert response.read() == b"body { color: #000; }"


def test_the_response_is_a_pdf_to_keep_under_its_name(content):
    request, context = role_profile(f"/roles/{COO}/")
    response = pdf_response(request, "roles/role_detail.html", context, filename="Directeur des opérations.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Directeur%20des%20op%C3%A9rations.pdf"
    assert response.content.startswith(b"%PDF-1.7")
