"""Password guessing ends in a lockout, whoever guesses, from wherever, whatever they do in between."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.accounts.conftest import COUNSELLOR_PASSWORD, STAFF_PASSWORD
from tests.two_factor import sign_in_through_pages

pytestmark = pytest.mark.django_db

ADMIN = "/admin/login/"
COUNSELLORS = "/counsellor/sign-in/"


def attempt(client, username, password="wrong", page=ADMIN, **extra):  # noqa: S107 (a failing attempt)
    return client.post(page, {"username": username, "password": password}, **extra)


def test_one_address_spraying_many_usernames_is_locked_out(client, editor):
    statuses = [attempt(client, f"guess-{n}").status_code for n in range(12)]
    assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}  # the fifth failure locks the address
    assert attempt(client, "editor", STAFF_PASSWORD).status_code == 429  # even the right password, from there
    assert "_auth_user_id" not in client.session
    assert attempt(client, "editor", STAFF_PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 302  # not elsewhere


def test_one_account_guessed_from_many_addresses_is_locked_out(client, editor):
    for n in range(5):
        attempt(client, "editor", REMOTE_ADDR=f"198.51.100.{n}")
    assert attempt(client, "editor", STAFF_PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429


def test_a_counsellor_alternating_guesses_with_their_own_sign_ins_is_locked_out(client, editor, counsellor):
    """The probe's hole: four guesses at the admin's password, one sign-in of one's own, over and over."""
    guesses = 0
    for _round in range(3):
        for _ in range(4):
            if attempt(client, "editor").status_code == 429:
                break
            guesses += 1
        own = Client()  # the same address
        assert sign_in_through_pages(own, COUNSELLORS, counsellor, COUNSELLOR_PASSWORD).status_code in (302, 429)
    assert guesses <= 5
    assert attempt(client, "editor", STAFF_PASSWORD).status_code == 429
    # The editor, from another address, is locked too: their account was the one guessed at.
    assert attempt(Client(), "editor", STAFF_PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 429


def test_a_success_clears_only_that_accounts_failures_from_that_address(client, editor, counsellor):
    for _ in range(3):
        attempt(client, "editor", REMOTE_ADDR="198.51.100.1")  # someone guessing at the editor, elsewhere
    for _ in range(3):
        attempt(client, "claire", page=COUNSELLORS)  # Claire mistyping, here
    assert sign_in_through_pages(Client(), COUNSELLORS, counsellor, COUNSELLOR_PASSWORD).status_code == 302
    assert set(AccessAttempt.objects.values_list("username", "ip_address")) == {("editor", "198.51.100.1")}
    # Her count starts again: four more mistakes and she is still not locked.
    assert [attempt(client, "claire", page=COUNSELLORS).status_code for _ in range(4)] == [200] * 4


def test_both_sign_in_pages_share_the_count(client, editor, counsellor):
    for n in range(3):
        attempt(client, f"guess-{n}", page=COUNSELLORS)
    attempt(client, "guess-3")
    assert attempt(client, "guess-4").status_code == 429
    assert attempt(client, "claire", COUNSELLOR_PASSWORD, page=COUNSELLORS).status_code == 429


@pytest.mark.parametrize(("prefix", "says"), [("", "Réessayez dans 1\xa0heure"), ("/en", "Try again in 1\xa0hour")])
def test_the_lockout_says_when_to_retry_in_the_visitors_language(client, editor, prefix, says):
    for n in range(5):
        response = attempt(client, f"guess-{n}", page=f"{prefix}{ADMIN}")
    assert response.status_code == 429
    assert 3540 <= int(response["Retry-After"]) <= 3601  # an hour after the last failure
    assert says in response.content.decode()


def test_retry_after_counts_from_the_failures_that_lock(client, editor, settings):
    """Each failure counts for an hour after its record's last attempt: the lock lifts when the oldest expire."""
    from datetime import timedelta

    from django.utils import timezone

    attempt(client, "editor", REMOTE_ADDR="198.51.100.1")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=40))
    for n in range(4):
        response = attempt(client, "editor", REMOTE_ADDR=f"198.51.100.{n + 2}")
    assert response.status_code == 429
    # Five failures against the account; the oldest (40 minutes ago) lifts the lock in about 20 minutes.
    assert 19 * 60 <= int(response["Retry-After"]) <= 20 * 60 + 1


@pytest.mark.parametrize(("proxies", "second_visitor_signs_in"), [(1, True), (0, False)])
def test_behind_a_proxy_visitors_are_locked_out_by_their_own_address(client, editor, settings, proxies, second_visitor_signs_in):
    """The load balancer's address is every request's REMOTE_ADDR: only DJANGO_PROXY_COUNT tells visitors apart."""
    settings.PROXY_COUNT = proxies
    for n in range(5):
        attempt(client, f"guess-{n}", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert attempt(client, "editor", STAFF_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    other = attempt(client, "editor", STAFF_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert (other.status_code == 302) is second_visitor_signs_in


def test_a_correct_password_before_the_limit_goes_on_to_the_second_factor(client, editor):
    for _ in range(4):
        attempt(client, "editor")
    response = attempt(client, "editor", STAFF_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/account/second-factor/"
