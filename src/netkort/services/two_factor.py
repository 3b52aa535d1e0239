"""The optional second sign-in factor: a time-based one-time code (TOTP) from an app.

The secret lives in django-otp's TOTPDevice table. A device is unconfirmed until the
user types a code from it, so a half-finished setup never locks anyone out. Wrong codes
slow further tries down (django-otp's throttling doubles the wait each time).
"""

from __future__ import annotations

from base64 import b32encode

from django.contrib.auth.models import User
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]


def is_on(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def start(user: User) -> TOTPDevice:
    """A new, unconfirmed device; an earlier unfinished setup is dropped."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="netkort", confirmed=False)


def pending(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def secret_of(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def confirm(user: User, code: str) -> bool:
    """Turn the second factor on if ``code`` comes from the pending device."""
    device = pending(user)
    if device is None or not device.verify_token(code.strip().replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def verify(user: User, code: str) -> bool:
    """Whether ``code`` is a current code of the user's confirmed device."""
    token = code.strip().replace(" ", "")
    return any(
        device.verify_token(token)
        for device in TOTPDevice.objects.filter(user=user, confirmed=True)
    )


def turn_off(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
