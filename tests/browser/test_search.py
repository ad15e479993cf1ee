"""A person searches the roles from the list's search box, in French and in English, with ESCO imported beside the
team's roles: the chief operating officer's names, typed as a person types them, bring it first."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.esco import files as esco_files
from tests.esco import real as esco_real

pytestmark = pytest.mark.django_db(transaction=True)

COO_NAMES = ["operations director", "director of operations", "directeur des opérations", "chef des opérations", "COO"]


@pytest.fixture
def searchable_site(live_server, transactional_db, content, tmp_path):
    """The live site with the content and ESCO's occupations whose names come close to the COO's."""
    rows = esco_files.write(tmp_path / "real", esco_real.real_rows(), "1.1")
    call_command("import_esco", str(rows), "--no-progress", stdout=io.StringIO())
    return live_server.url


@pytest.mark.parametrize(("language", "coo"), [("", "Directeur des opérations"), ("/en", "Chief operating officer")])
def test_each_name_of_the_coo_typed_in_the_search_box_brings_it_first(page, searchable_site, language, coo):
    page.goto(f"{searchable_site}{language}/roles/")
    for typed in COO_NAMES:
        page.get_by_role("searchbox").fill(typed)
        with page.expect_navigation():
            page.get_by_role("searchbox").press("Enter")
        expect(page.get_by_role("searchbox")).to_have_value(typed)  # the page that answered keeps what was typed
        first = page.locator(".card-title a").first
        expect(first).to_contain_text(coo)
        assert first.get_attribute("href") == f"{language}/roles/chief-operating-officer/"
