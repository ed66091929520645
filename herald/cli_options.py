"""Click option callbacks shared by every herald command module (herald.cli, herald run, ...)."""

from __future__ import annotations

import datetime as dt

import click

__all__ = ["date_option"]


def date_option(ctx, param, value):
    """A YYYY-MM-DD option value as a date; anything else is a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None
