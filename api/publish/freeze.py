"""``flask --app api freeze-release``: the release step (see docs/guides/release.md).

It archives the working files as the release of their version, with the JSON of
``/v1/{locale}/factsheet`` exactly as this app serves it; the archive itself is made and
guarded (never replaced by different content) by :mod:`factsheet.history.freeze`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import Flask

import factsheet
from factsheet.history.freeze import ReleaseError, freeze

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    @app.cli.command("freeze-release")
    @click.option("--date", "day", help="the release date, YYYY-MM-DD (default: today, UTC)")
    def freeze_release(day: str | None) -> None:
        """Archive the working files as the release of their version (factsheet/releases/)."""
        client = app.test_client()
        bodies = {}
        for code in factsheet.locales():
            response = client.get(f"/v1/{code}/factsheet")
            if response.status_code != 200:
                raise click.ClickException(f"/v1/{code}/factsheet answered {response.status}")
            bodies[code] = response.get_data()
        try:
            frozen = freeze(bodies, day or datetime.now(UTC).date().isoformat())
        except (ReleaseError, ValueError) as error:
            raise click.ClickException(str(error)) from error
        done = "archived as" if frozen.written else "is already archived, unchanged, in"
        click.echo(f"Release {frozen.version} {done} {frozen.path}")
