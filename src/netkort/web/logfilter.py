"""A logging filter that keeps user data out of the logs.

What a person typed (names in a search, a form's fields, an uploaded file) must not end
up in a server's log files. Django attaches the request to error records, and database
errors quote the values that broke a constraint, so the filter removes both.
"""

from __future__ import annotations

import logging
import re
import traceback

_QUERY = re.compile(r"\?[^\s\"']*")


def _scrub(value: object) -> object:
    if isinstance(value, str):
        return _QUERY.sub("?…", value)
    return value


class DropUserData(logging.Filter):
    """Drop the request, query strings and exception messages from a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("?…", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_scrub(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _scrub(arg) for key, arg in record.args.items()}
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, tb = record.exc_info
            frames = "".join(traceback.format_tb(tb))
            record.exc_text = (
                f"Traceback (most recent call last):\n{frames}{kind.__name__} "
                "(message withheld: it may hold user data)"
            )
            record.exc_info = None
        return True
