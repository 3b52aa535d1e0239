"""Persistence: the Django models and migrations (SQLite or PostgreSQL)."""
