"""Second factors in tests: codes computed from the secret as an authenticator app does (RFC 6238, written out
here rather than taken from django-otp, so that the tests check the package against the standard), and a client
signed in with both factors without going through the pages."""

import base64
import hashlib
import hmac
import struct
import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp(secret: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows for this base-32 secret (spaces allowed) at `at` (now by default)."""
    key = base64.b32decode("".join(secret.split()).upper() + "=" * (-len("".join(secret.split())) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def secret_of(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def fresh_code(device: TOTPDevice) -> str:
    """A code the device has not seen: each is taken once, so a second sign-in within the same 30 seconds
    gives the next step's (the device accepts one step ahead), or waits for it."""
    device.refresh_from_db()
    step = int(time.time() // 30)
    if device.last_t > step:
        time.sleep(30 - time.time() % 30 + 0.1)
        step += 1
    return totp(secret_of(device), at=max(step, device.last_t + 1) * 30)


def sign_in_verified(client: Client, user) -> TOTPDevice:
    """`client` signed in as `user` with a second factor, as after both steps; returns the user's app device."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="careerpath", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def verified(user):
    """`user` as django-otp's middleware leaves it after a sign-in with both factors (for code given a user)."""
    user.otp_device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="careerpath", confirmed=True
    )
    user.is_verified = lambda: True
    return user


def sign_in_through_pages(client: Client, sign_in_path: str, user, password: str):
    """Both steps through the pages, the app's code computed from the secret: the answer to the code's POST, or
    the password's when it was refused."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="careerpath", confirmed=True
    )
    first = client.post(sign_in_path, {"username": user.get_username(), "password": password})
    if first.status_code != 302:
        return first
    return client.post(first["Location"], {"code": fresh_code(device)})
