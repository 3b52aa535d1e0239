"""No request larger than the upload limit is read; form bodies stay small."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from netkort.store.models import Workspace


def test_a_request_over_the_limit_is_refused_with_413(
    alice: User, workspace: Workspace, settings: object
) -> None:
    setattr(settings, "NETKORT_MAX_UPLOAD_BYTES", 1000)  # noqa: B010
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(alice)
    url = reverse("netkort:person-add", kwargs={"ws": workspace.uid})
    response = client.post(url, {"display_name": "x" * 2000})
    assert response.status_code == 413
    assert "The upload is too large" in response.content.decode()
    assert client.post(url, {"display_name": "Bo"}).status_code in (200, 302)


def test_the_limits_are_set() -> None:
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 10 * 1024 * 1024
    assert settings.NETKORT_MAX_UPLOAD_BYTES == 64 * 1024 * 1024
