"""Staff and counsellors sign in with a password, then a code: set up on first sign-in from a QR code or the
secret in text, from an authenticator app afterwards, or from a one-time recovery code."""

import base64
import time
from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import sign_in
from tests.accounts.conftest import COUNSELLOR_PASSWORD, STAFF_PASSWORD
from tests.html import page_of, text_of
from tests.two_factor import secret_of, sign_in_through_pages, totp

pytestmark = pytest.mark.django_db


def a_moment_later(user):
    """After a wrong code django-otp checks no other for a second (then 2, 4…): let that second pass."""
    TOTPDevice.objects.filter(user=user).update(
        throttling_failure_timestamp=F("throttling_failure_timestamp") - timedelta(seconds=2)
    )


def password_step(client, page, user, password):
    response = client.post(page, {"username": user.get_username(), "password": password})
    assert response.status_code == 302 and response["Location"] == "/account/second-factor/"
    return response


def test_first_sign_in_sets_up_the_app_from_the_secret_shown_then_gives_recovery_codes(counsellor):
    browser = Client()
    password_step(browser, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD)
    assert browser.get("/counsellor/").status_code == 302  # a password alone opens nothing
    assert browser.get("/account/second-factor/")["Location"] == "/account/second-factor/set-up/"
    set_up = page_of(browser.get("/account/second-factor/set-up/"))
    qr = set_up.select_one("img.qr-code")
    assert qr["src"].startswith("data:image/svg+xml;base64,") and qr["alt"]
    assert b"<svg" in base64.b64decode(qr["src"].split(",", 1)[1])  # drawn here, not fetched from a service
    secret = text_of(set_up.select_one(".secret-key"))
    # A wrong code is refused, and nothing is set up.
    wrong = browser.post("/account/second-factor/set-up/", {"code": "000000" if totp(secret) != "000000" else "111111"})
    assert wrong.status_code == 400 and not TOTPDevice.objects.filter(confirmed=True).exists()
    a_moment_later(counsellor)
    # The code an app computes from the secret as shown confirms it and signs in.
    confirmed = browser.post("/account/second-factor/set-up/", {"code": totp(secret)})
    assert confirmed.status_code == 302 and confirmed["Location"] == "/account/recovery-codes/"
    codes_page = page_of(browser.get("/account/recovery-codes/"))
    codes = [text_of(code) for code in codes_page.select(".recovery-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert codes_page.select_one("a.btn-primary")["href"] == "/counsellor/"
    assert browser.get("/counsellor/").status_code == 200
    # Shown once: the page no longer lists them.
    assert not page_of(browser.get("/account/recovery-codes/")).select(".recovery-codes code")
    assert TOTPDevice.objects.get(user=counsellor).confirmed


def test_a_set_up_app_gives_the_code_at_each_sign_in(counsellor):
    device = TOTPDevice.objects.create(user=counsellor, name="careerpath", confirmed=True)
    browser = Client()
    password_step(browser, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD)
    assert browser.get("/account/second-factor/").status_code == 200
    response = browser.post("/account/second-factor/", {"code": totp(secret_of(device))})
    assert response.status_code == 302 and response["Location"] == "/counsellor/"
    assert browser.get("/counsellor/").status_code == 200


def test_a_wrong_code_is_refused_and_signs_nobody_in(counsellor):
    device = TOTPDevice.objects.create(user=counsellor, name="careerpath", confirmed=True)
    browser = Client()
    password_step(browser, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD)
    right = totp(secret_of(device))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = browser.post("/account/second-factor/", {"code": wrong})
    assert response.status_code == 400
    assert "n’est pas le bon" in text_of(page_of(response).select_one(".invalid-feedback"))
    assert "_auth_user_id" not in browser.session
    assert browser.get("/counsellor/").status_code == 302
    # Straight after a failure the app's codes are not even checked (django-otp waits 1, 2, 4… seconds).
    refused = browser.post("/account/second-factor/", {"code": right})
    assert refused.status_code == 400 and "réessayez dans" in refused.content.decode()


def test_a_code_is_used_once(counsellor):
    device = TOTPDevice.objects.create(user=counsellor, name="careerpath", confirmed=True)
    code = totp(secret_of(device))
    assert sign_in_through_pages(Client(), "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD).status_code == 302
    again = Client()
    password_step(again, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD)
    assert again.post("/account/second-factor/", {"code": code}).status_code == 400


def test_a_recovery_code_signs_in_once_and_says_how_many_are_left(counsellor):
    device = TOTPDevice.objects.create(user=counsellor, name="careerpath", confirmed=True)
    from accounts.two_factor import new_recovery_codes

    codes = new_recovery_codes(counsellor)
    browser = Client()
    password_step(browser, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD)
    typed = codes[0].upper()[:4] + " " + codes[0].upper()[4:]  # as read off a sheet
    response = browser.post("/account/second-factor/", {"code": typed}, follow=True)
    assert response.redirect_chain[-1][0] == "/counsellor/"
    assert "il vous en reste 9" in response.content.decode()
    assert StaticToken.objects.filter(device__user=counsellor).count() == 9
    again = Client()
    password_step(again, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD)
    assert again.post("/account/second-factor/", {"code": codes[0]}).status_code == 400
    assert device.pk  # the app still works beside them


def test_new_recovery_codes_replace_the_old(counsellor):
    from accounts.two_factor import new_recovery_codes

    old = new_recovery_codes(counsellor)
    browser = Client()
    sign_in_through_pages(browser, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD)
    assert "Il vous reste 10 codes de secours" in browser.get("/account/recovery-codes/").content.decode()
    new = [
        text_of(code) for code in page_of(browser.post("/account/recovery-codes/", follow=True)).select(".recovery-codes code")
    ]
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=counsellor).values_list("token", flat=True)) == set(new)


def test_staff_need_both_factors_for_the_admin(client, editor):
    # Signed in by a password alone (a session from before, say), the admin sends them to sign in.
    client.force_login(editor)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    # Through the admin's page: the password, then the code, then the page asked for.
    browser = Client()
    device = TOTPDevice.objects.create(user=editor, name="careerpath", confirmed=True)
    first = browser.post("/admin/login/?next=/admin/roles/role/", {"username": "editor", "password": STAFF_PASSWORD})
    assert first["Location"] == "/account/second-factor/"
    assert browser.get("/admin/").status_code == 302
    done = browser.post("/account/second-factor/", {"code": totp(secret_of(device))})
    assert done["Location"] == "/admin/roles/role/"
    assert browser.get("/admin/").status_code == 200


def test_the_wait_for_the_code_ends_after_five_minutes(counsellor, monkeypatch):
    TOTPDevice.objects.create(user=counsellor, name="careerpath", confirmed=True)
    browser = Client()
    password_step(browser, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD)
    later = time.time() + sign_in.PENDING_SECONDS + 1
    monkeypatch.setattr(sign_in.time, "time", lambda: later)
    response = browser.get("/account/second-factor/", follow=True)
    assert response.redirect_chain[-1][0] == "/counsellor/sign-in/"
    assert "Votre connexion a expiré" in response.content.decode()


def test_the_code_pages_without_a_password_send_to_sign_in(client):
    for path in ("/account/second-factor/", "/account/second-factor/set-up/"):
        assert client.get(path)["Location"] == "/counsellor/sign-in/"
    assert client.get("/account/recovery-codes/")["Location"].startswith("/counsellor/sign-in/")


def test_an_editor_can_remove_a_lost_app_in_the_admin(client, editor, counsellor):
    """A counsellor who lost their phone and their codes: an editor deletes the device, the next sign-in sets
    up a new one."""
    from tests.two_factor import sign_in_verified

    lost = TOTPDevice.objects.create(user=counsellor, name="careerpath", confirmed=True)
    from accounts.two_factor import new_recovery_codes

    codes = new_recovery_codes(counsellor)
    sign_in_verified(client, editor)
    # The editor sees the device, never its secret nor the recovery codes.
    pages = [client.get(f"/admin/otp_totp/totpdevice/{lost.pk}/change/"), client.get("/admin/otp_totp/totpdevice/")]
    pages += [client.get(f"/admin/otp_static/staticdevice/{lost.pk}/change/"), client.get("/admin/otp_static/staticdevice/")]
    for page in pages:
        text = page.content.decode()
        assert lost.key not in text and secret_of(lost) not in text and not any(code in text for code in codes)
    assert client.get(f"/admin/otp_totp/totpdevice/{lost.pk}/delete/").status_code == 200
    client.post(f"/admin/otp_totp/totpdevice/{lost.pk}/delete/", {"post": "yes"})
    browser = Client()
    password_step(browser, "/counsellor/sign-in/", counsellor, COUNSELLOR_PASSWORD)
    assert browser.get("/account/second-factor/")["Location"] == "/account/second-factor/set-up/"
