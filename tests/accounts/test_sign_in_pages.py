"""Each sign-in page signs in only its own kind of account, and tells the other where to go; the username is
bounded before anything reaches authentication; passwords meet the site's rules."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from tests.accounts.conftest import COUNSELLOR_PASSWORD, STAFF_PASSWORD
from tests.html import page_of, text_of

pytestmark = pytest.mark.django_db


def test_the_counsellors_page_refuses_staff_and_points_to_the_admin(editor):
    response = Client().post("/counsellor/sign-in/", {"username": "editor", "password": STAFF_PASSWORD})
    assert response.status_code == 200
    alert = page_of(response).select_one(".alert-danger")
    assert "membre de l’équipe du site" in text_of(alert)
    assert alert.select_one("a")["href"] == "/admin/login/"


def test_the_admins_page_refuses_counsellors_and_points_to_their_space(counsellor):
    response = Client().post("/en/admin/login/", {"username": "claire", "password": COUNSELLOR_PASSWORD})
    assert response.status_code == 200
    page = page_of(response)
    assert "counsellor" in text_of(page.select_one(".errornote"))
    assert page.select_one(".other-sign-in a")["href"] == "/en/counsellor/sign-in/"


@pytest.mark.parametrize("page", ["/counsellor/sign-in/", "/admin/login/"])
def test_an_account_of_neither_kind_signs_in_nowhere(bystander, page):
    response = Client().post(page, {"username": "bystander", "password": "a-long-bystander-password"})
    assert response.status_code == 200 and "Location" not in response


@pytest.mark.parametrize(
    ("page", "said"),
    [
        ("/counsellor/sign-in/", "au plus 150 caractères"),
        ("/admin/login/", "au plus 150 caractères"),
        ("/en/counsellor/sign-in/", "at most 150 characters"),
        ("/en/admin/login/", "at most 150 characters"),
    ],
)
@pytest.mark.parametrize("length", [151, 256, 300, 5000])
def test_a_username_longer_than_accounts_allow_is_refused_by_the_form(counsellor, page, said, length):
    """User.username holds 150 characters, the login records 255: a longer name reached them on PostgreSQL (500)."""
    response = Client().post(page, {"username": "c" * length, "password": "wrong"})
    assert response.status_code == 200
    assert said in text_of(page_of(response).select_one("form"))  # the limit, in the visitor's language, by the field
    assert not AccessAttempt.objects.exists()  # never reached authentication nor the login records


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("short-pass1", True),  # eleven characters
        ("password1234", True),  # a common password, twelve characters
        ("claire-dupont-1", True),  # too like the username
        ("correct horse battery", False),
    ],
)
def test_passwords_need_twelve_characters_and_nothing_guessable(counsellor, password, refused):
    counsellor.first_name, counsellor.username = "Claire", "claire-dupont"
    try:
        validate_password(password, counsellor)
    except ValidationError:
        assert refused
    else:
        assert not refused
