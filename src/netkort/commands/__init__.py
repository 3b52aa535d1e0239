"""Subcommands of ``netkort`` beyond the core ones in ``netkort.cli``, one module a feature.

Each module has ``register(commands)`` and is listed in ``netkort.cli.COMMAND_MODULES``.
"""
