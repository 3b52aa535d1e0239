"""Schemathesis fuzzes the read API in-process, from its own OpenAPI description: no
request makes a server error or breaks the description, and no answer to a stranger
holds anything from the owner's network."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from netkort.services.people import PersonFields, add_person
from netkort.store.models import Workspace
from netkort.web.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SECRET = "Anne Ærø-Secretsen"


@pytest.fixture
def api_schema(db: None) -> Iterator[Any]:
    """The API's own description, served by the WSGI app in this process.

    As Django's test client does, the app must not close the database connection at the
    end of a request: the test's transaction lives on it.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


def session_of(user: User) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


@pytest.fixture
def alices_network(workspace: Workspace) -> Workspace:
    for i in range(12):
        add_person(
            workspace,
            PersonFields(display_name=f"{SECRET} {i}", emails=[f"a{i}@f.dk"], organisation="Æbler"),
        )
    return workspace


@schema.parametrize()
@settings(max_examples=30, suppress_health_check=list(HealthCheck), deadline=None)
def test_a_stranger_fuzzing_the_api_gets_no_error_and_no_data(
    case: Any, charlie: User, charlies_workspace: Workspace, alices_network: Workspace
) -> None:
    # Half of the cases aim at the owner's real network instead of a random id.
    if "ws" in (case.path_parameters or {}) and zlib.crc32(repr(case.query).encode()) % 2:
        case.path_parameters["ws"] = str(alices_network.uid)
    response = case.call(cookies=session_of(charlie))
    case.validate_response(response, checks=CHECKS)
    assert SECRET not in response.text
    assert "a1@f.dk" not in response.text


@schema.parametrize()
@settings(max_examples=30, suppress_health_check=list(HealthCheck), deadline=None)
def test_the_owner_fuzzing_her_own_network_gets_no_error(
    case: Any, alice: User, alices_network: Workspace, charlies_workspace: Workspace
) -> None:
    add_person(charlies_workspace, PersonFields(display_name="Charlie's Confidant"))
    if "ws" in (case.path_parameters or {}):
        case.path_parameters["ws"] = str(alices_network.uid)
    response = case.call(cookies=session_of(alice))
    case.validate_response(response, checks=CHECKS)
    assert "Charlie's Confidant" not in response.text
