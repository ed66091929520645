"""`herald serve`: the HTTP API and dashboard over a store, on loopback unless told otherwise."""

from __future__ import annotations

import click

__all__ = ["serve"]


@click.command()
@click.option("--db", default="herald.duckdb", show_default=True,
              help="DuckDB store file, or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default serves this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port to listen on.")
@click.option("--token", envvar="HERALD_API_TOKEN", default=None, show_envvar=True,
              help="Bearer token for write endpoints (POST /api/ingest); without it they are disabled (403) "
                   "and the store is opened read-only.")
@click.option("--max-body-mb", type=click.FloatRange(0.001, 1024), default=10.0, show_default=True,
              help="Largest request body accepted (413 above it).")
@click.option("--query-timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
              help="Seconds a read query may run before it is stopped (503).")
@click.option("--readers", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Read queries run at once (one store handle each).")
@click.option("--cache-size", type=click.IntRange(0, 1_000_000), default=1024, show_default=True,
              help="Read answers kept until the store changes (0: no cache).")
@click.option("--cube/--no-cube", default=True, show_default=True,
              help="DuckDB: answer aggregates from an in-memory cube of merged events (rebuilt after ingests).")
@click.option("--log-level", "log_level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True, help="uvicorn log level.")
def serve(db, host, port, token, max_body_mb, query_timeout, readers, cache_size, cube, log_level):
    """Serve the HTTP API (/api/..., docs at /docs) and the dashboard (/) over a store.

    Read endpoints are open; POST /api/ingest needs `Authorization: Bearer TOKEN` with the
    token given by --token or HERALD_API_TOKEN, and is disabled (403) when none is set.
    """
    import uvicorn

    from herald.api.app import create_app
    from herald.store import StoreError

    try:
        app = create_app(db=db, token=token, max_body_bytes=int(max_body_mb * 1_000_000), readers=readers,
                         query_timeout_s=query_timeout, cache_size=cache_size, cube=cube)
    except (FileNotFoundError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"herald: serving on {host}: reachable from other machines", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
