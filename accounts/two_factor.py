"""The second factor: a time-based code (TOTP, RFC 6238) from an authenticator app, or a one-time recovery code.

Built on django-otp: its TOTP device checks the codes (one step of clock drift either way, each code used once,
throttled after failures: 1, 2, 4… seconds), its static device holds the recovery codes and uses each up.
"""

import base64
from dataclasses import dataclass
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "careerpath"


class Throttled(Exception):
    """Too many wrong codes in a row: django-otp refuses to check another until `locked_until`."""

    def __init__(self, locked_until):
        super().__init__(locked_until)
        self.locked_until = locked_until


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def authenticator_to_set_up(user) -> TOTPDevice:
    """The device being set up: one, unconfirmed, kept until confirmed so that reloading the page shows the
    same secret (the one the person may already have scanned)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in: base 32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an SVG drawn here (no outside service), for an <img> element."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = BytesIO()
    image.save(svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode()


def normalised(code: str) -> str:
    """As typed, spaces and dashes aside: "123 456" is 123456; recovery codes in any case."""
    return "".join(code.split()).replace("-", "").lower()


def device_for(user, code: str) -> Device | None:
    """The device a code is checked against, by its shape: six digits come from the app, anything else is a
    recovery code. Only that device is tried, so a wrong app code never counts against the recovery codes."""
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    return model.objects.devices_for_user(user, confirmed=True).first()


def verified_device(user, code: str) -> Device | None:
    """The device that accepts this code, which it then no longer accepts; None for a wrong code.
    Raises Throttled while the device refuses to check codes after failures."""
    code = normalised(code)
    device = device_for(user, code)
    if device is None:
        return None
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise Throttled(details.get("locked_until"))
    return verify_token(user, device.persistent_id, code)


@transaction.atomic
def confirm_authenticator(device: TOTPDevice, code: str) -> bool:
    """The first code from a newly set-up app proves it holds the secret: the device is confirmed.
    Raises Throttled, as `verified_device` does."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise Throttled(details.get("locked_until"))
    if not device.verify_token(normalised(code)):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Ten new one-time codes, replacing any before; shown once, kept only as django-otp keeps them."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@dataclass(frozen=True)
class SetUp:
    """What the set-up page shows: the QR code and the same secret in text."""

    qr_code: str
    secret: str

    @classmethod
    def of(cls, device: TOTPDevice) -> "SetUp":
        return cls(qr_code=qr_code_data_uri(device), secret=secret_text(device))


def recovery_codes_left(device: Device) -> int | None:
    """How many recovery codes remain after this device accepted a code; None when it was the app."""
    return device.token_set.count() if isinstance(device, StaticDevice) else None


def recovery_codes_count(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
