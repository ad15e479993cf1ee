"""Links built from the path a visitor asked for stay on the site, whatever the path."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from careerpath.paths import same_site_path
from tests.html import page_of, text_of

pytestmark = pytest.mark.django_db

SITE = "http://testserver"

# As a server hands them to Django: percent-escapes in the path already decoded.
HOSTILE_PATHS = [
    "//evil.example/x",
    "///evil.example/x",
    "/\\evil.example/x",
    "/\\\\evil.example/x",
    "/\\/evil.example/x",
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r\n//evil.example/x",
    "/ //evil.example/x",
    "/%2F%2Fevil.example/x",  # sent double-encoded: /%252F%252Fevil.example/x
    "/https://evil.example/x",
    "/javascript:alert(1)//",
]


def where_a_browser_goes(href: str, page_url: str) -> str:
    """The host a browser opens for this link: it drops tabs and newlines and reads "\\" as "/" (WHATWG URL)."""
    cleaned = re.sub(r"[\t\n\r]", "", href).strip().replace("\\", "/")
    return urlsplit(urljoin(page_url, cleaned)).netloc


@pytest.mark.parametrize("path", HOSTILE_PATHS)
@pytest.mark.parametrize(("prefix", "heading"), [("", "Page introuvable"), ("/en", "Page not found")])
def test_the_not_found_page_links_only_to_this_site(client, path, prefix, heading):
    raw = prefix + path
    response = client.get("/", PATH_INFO=raw)
    assert response.status_code == 404
    page = page_of(response)
    assert text_of(page.select_one("h1")) == heading
    switch = page.select(".language-switcher a[href]")
    assert switch, "the other language is offered"
    for link in page.select("a[href]"):
        assert where_a_browser_goes(link["href"], SITE + "/") == "testserver", (raw, link["href"])
    for link in switch:
        assert link["href"].startswith("/") and not link["href"].startswith(("//", "/\\"))


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_a_hostile_path_becomes_a_path_of_this_site(path):
    safe = same_site_path(path)
    assert where_a_browser_goes(safe, SITE + "/somewhere/") == "testserver"
    assert not re.search(r"[\s\\]", safe)


def test_an_ordinary_page_still_switches_language_with_its_query(client, content):
    page = page_of(client.get("/roles/", {"q": "opérations"}))
    english = page.select_one('.language-switcher a[hreflang="en"]')["href"]
    assert english == "/en/roles/?q=op%C3%A9rations"
    french = page_of(client.get("/en/roles/chief-operating-officer/")).select_one('.language-switcher a[hreflang="fr"]')
    assert french["href"] == "/roles/chief-operating-officer/"
