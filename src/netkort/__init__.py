"""netkort: see, understand and use your professional network for a goal."""

__version__ = "0.1.0"
