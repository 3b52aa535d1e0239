"""What people type stays out of the server's logs."""

from __future__ import annotations

import io
import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from netkort.store.models import Workspace
from netkort.web.logfilter import DropUserData


def logger_into(stream: io.StringIO) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.addFilter(DropUserData())
    log = logging.getLogger(f"netkort.test.{id(stream)}")
    log.addHandler(handler)
    log.propagate = False
    return log


def test_query_strings_and_exception_messages_are_dropped() -> None:
    out = io.StringIO()
    log = logger_into(out)
    log.warning("Not Found: %s", "/w/1/people/?q=Anne+%C3%86r%C3%B8")
    typed = "Anne Ærø"
    try:
        raise ValueError(f"duplicate key (name)=({typed})")
    except ValueError:
        log.exception("Internal Server Error: %s?search=Anne", "/w/1/")
    text = out.getvalue()
    assert "/w/1/people/?…" in text
    assert "Anne" not in text
    assert "ValueError (message withheld" in text
    assert "test_logs_hold_no_user_data.py" in text  # the traceback's frames stay


def test_the_request_is_taken_off_the_record() -> None:
    record = logging.LogRecord("django.request", logging.ERROR, "", 0, "boom", (), None)
    record.request = object()
    DropUserData().filter(record)
    assert record.request is None


def test_the_configured_handler_filters_every_record() -> None:
    from django.conf import settings

    assert settings.LOGGING["handlers"]["console"]["filters"] == ["no_user_data"]
    handler = next(h for h in logging.getLogger("django").handlers if h.get_name() == "console")
    assert any(isinstance(f, DropUserData) for f in handler.filters)


def test_a_search_that_is_not_found_leaves_the_name_out_of_the_log(
    alice: User, workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    client.force_login(alice)
    url = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": 999999})
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(DropUserData())
    logging.getLogger("django.request").addHandler(handler)
    try:
        assert client.get(url, {"q": "Anne Ærø"}).status_code == 404
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert "Not Found" in out.getvalue()
    assert "Anne" not in out.getvalue()
