"""Use cases: the only code that touches the ORM. Views and CLI commands call these."""
