"""The admin's site: every list's search bounded like the site's own, so a pasted page of text never reaches the
database as thousands of conditions (SQLite refuses that many: the page answered 503)."""

import pytest
from django.test import Client

from careerpath.text import SEARCH_MAX_LENGTH
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(editor) -> Client:
    client = Client()
    sign_in_verified(client, editor)
    return client


@pytest.mark.parametrize("path", ["/admin/roles/role/", "/admin/roles/passage/", "/admin/auth/user/"])
def test_a_search_of_the_longest_length_made_of_one_letter_words_is_run(staff, content, path):
    """The worst a search within the bound can ask: one condition per word, on every field searched."""
    response = staff.get(path, {"q": "a " * (SEARCH_MAX_LENGTH // 2)})
    assert response.status_code == 200


def test_a_longer_search_is_refused_with_a_message_keeping_the_filters(staff, content):
    response = staff.get("/admin/roles/role/", {"q": "x" * (SEARCH_MAX_LENGTH + 1), "level__exact": "3"}, follow=True)
    assert response.redirect_chain == [("/admin/roles/role/?level__exact=3", 302)]
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [f"Une recherche tient en {SEARCH_MAX_LENGTH} caractères au plus."]


def test_the_bound_comes_after_signing_in(content):
    response = Client().get("/admin/roles/role/", {"q": "x" * 10_000})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
