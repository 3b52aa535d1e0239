"""The optional second sign-in step: a TOTP code from an authenticator app."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from netkort.services import two_factor
from netkort.store.models import Workspace

pytestmark = pytest.mark.usefixtures("server_mode")

PASSWORD = "fjord-lighthouse-27"


def current_code(device: TOTPDevice, ahead: int = 0) -> str:
    """The code the app shows now (or ``ahead`` steps of 30 s later)."""
    device.refresh_from_db()
    drift = device.drift + ahead
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


@pytest.fixture
def alice_with_password(alice: User) -> User:
    alice.set_password(PASSWORD)
    alice.save()
    return alice


def turn_on(user: User) -> tuple[TOTPDevice, str]:
    """Turn the second step on through the page; returns the device and the code used."""
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    url = reverse("netkort:two-factor")
    page = client.post(url, {"action": "start"}).content.decode()
    secret = re.search(r'class="totp-secret">([A-Z2-7 ]+)<', page)
    assert secret is not None and len(secret.group(1).replace(" ", "")) >= 32
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert not two_factor.is_on(user)
    wrong = client.post(url, {"action": "confirm", "code": "000000"}).content.decode()
    assert "That code is not right" in wrong or current_code(device) == "000000"
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    code = current_code(device)
    done = client.post(url, {"action": "confirm", "code": code}, follow=True)
    assert "Two-step sign-in is on" in done.content.decode()
    assert two_factor.is_on(user)
    return TOTPDevice.objects.get(user=user, confirmed=True), code


def test_a_user_turns_on_the_second_step_and_signing_in_asks_for_a_code(
    alice_with_password: User, workspace: Workspace
) -> None:
    device, _ = turn_on(alice_with_password)
    client = Client(headers={"Accept-Language": "en"})
    home = reverse("netkort:home", kwargs={"ws": workspace.uid})
    step = client.post(
        reverse("netkort:login"), {"username": "alice", "password": PASSWORD, "next": home}
    )
    assert step.status_code == 302 and step["Location"].startswith(reverse("netkort:login-code"))
    # The password alone does not sign in.
    assert client.get(home).status_code == 302
    page = client.get(step["Location"])
    assert "The code from your app" in page.content.decode()
    bad = client.post(reverse("netkort:login-code"), {"code": "12345", "next": home})
    assert "That code is not right" in bad.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    # The code of this 30 s step was spent turning it on; the app's next one works.
    code = current_code(device, ahead=1)
    good = client.post(reverse("netkort:login-code"), {"code": code, "next": home})
    assert good.status_code == 302 and good["Location"] == home
    assert client.get(home).status_code == 200


def test_a_code_cannot_be_used_twice(alice_with_password: User) -> None:
    _, used = turn_on(alice_with_password)
    assert two_factor.verify(alice_with_password, used) is False


def test_the_code_step_without_a_password_first_goes_back_to_sign_in(db: None) -> None:
    response = Client().post(reverse("netkort:login-code"), {"code": "123456"})
    assert response.status_code == 302 and response["Location"] == reverse("netkort:login")


def test_turning_it_off_needs_the_password(alice_with_password: User) -> None:
    turn_on(alice_with_password)
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(alice_with_password)
    url = reverse("netkort:two-factor")
    refused = client.post(url, {"action": "off", "password": "nope"})
    assert "That is not your password" in refused.content.decode()
    assert two_factor.is_on(alice_with_password)
    client.post(url, {"action": "off", "password": PASSWORD})
    assert not two_factor.is_on(alice_with_password)
    assert not TOTPDevice.objects.filter(user=alice_with_password).exists()


def test_users_without_it_sign_in_with_the_password_alone(alice_with_password: User) -> None:
    client = Client()
    response = client.post(reverse("netkort:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("netkort:start")
