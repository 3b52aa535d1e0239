"""Errors the services raise for the adapters to turn into pages or exit codes."""


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why and what to do."""


class NotFound(UserError):
    """The thing does not exist, or the caller may not see it (the two look the same)."""
