"""Test clients signed in as a persona, reading the pages in English unless asked."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client


def client_for(user: User, language: str = "en") -> Client:
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)
    return client
