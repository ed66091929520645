"""Store fixtures: a throwaway PostgreSQL server for the session, and stores on both backends.

`pg_server` runs initdb into a temp dir and starts `postgres` on a free 127.0.0.1 port with
its unix socket in that dir. PostgreSQL refuses to run as root, so under root (CI) the server
runs as the `postgres` system user (created by Debian's package) via runuser. It is only
started when a test asks for the postgres backend, and skipped only if the binaries are absent.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

BACKENDS = ("duckdb", "postgres")


def _pg_bindir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(dirs[-1]).parent if dirs else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """A running server; `new_database()` gives every test its own empty database."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="herald-pg-"))
        if self.as_root:
            pw = pwd.getpwnam("postgres")  # KeyError: the Debian package was not installed properly
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.data = self.root / "data"
        self.port = 0
        self._names = itertools.count(1)

    def _run(self, *cmd: str) -> None:
        argv = [str(self.bindir / cmd[0]), *cmd[1:]]
        if self.as_root:
            argv = (["runuser", "-u", "postgres", "--", *argv] if shutil.which("runuser")
                    else ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(argv)])
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        if done.returncode:
            log = (self.root / "log").read_text(errors="replace") if (self.root / "log").exists() else ""
            raise RuntimeError(f"{shlex.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}\n{log}")

    def start(self) -> None:
        # ICU en-US (not C) collation: the store must not depend on the database's locale for order
        try:
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                      "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US")
        except RuntimeError:
            shutil.rmtree(self.data, ignore_errors=True)
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8")
        for attempt in range(3):  # the free port can be taken between probing and binding
            self.port = _free_port()
            opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", opts, "-w",
                          "-t", "60", "start")
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def dsn(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        import psycopg

        name = f"herald_test_{next(self._names)}"
        with psycopg.connect(self.dsn(), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return self.dsn(name)


@pytest.fixture(scope="session")
def pg_server():
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl, postgres) not found: run scripts/system-deps.sh")
    server = PgServer(bindir)
    server.start()
    yield server
    server.stop()


def store_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest, name: str = "h") -> str:
    """A fresh, empty store location: a DuckDB file under tmp_path, or a new PostgreSQL database."""
    if backend == "duckdb":
        return str(tmp_path / f"{name}.duckdb")
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture()
def new_store_target(backend, tmp_path, request):
    """Call it for each fresh store location the test needs (on the parametrised backend)."""
    names = itertools.count(1)
    return lambda: store_target(backend, tmp_path, request, name=f"s{next(names)}")


@pytest.fixture()
def store(new_store_target):
    from herald.store import Store

    with Store.open(new_store_target()) as s:
        yield s


# Shared by the parse-level tests: one spaCy pipeline and one resolver per session (loading them is
# the slow part; neither keeps state between documents).
@pytest.fixture(scope="session")
def nlp():
    from herald.parse import load_model
    return load_model()


@pytest.fixture(scope="session")
def res():
    from herald.actors import ActorResolver
    return ActorResolver()


# Shared by the event tests: the coding pipeline without the geocoder and date resolver (slow to
# load, not needed to type events), built once per session; coding keeps no state between articles.
@pytest.fixture(scope="session")
def events_pipeline():
    from herald.coding import build_pipeline
    return build_pipeline(geocode=False, resolve_dates=False)


@pytest.fixture(scope="session")
def code(events_pipeline):
    """Code one text as an article of 2024-03-14: its events as output dicts."""
    import datetime as dt

    from herald.records import Article

    def run(text: str) -> list[dict]:
        (state,) = events_pipeline.run([Article(id="t", text=text, date=dt.date(2024, 3, 14))])
        return [e.as_output() for e in state.events]
    return run


def plover_types(events: list[dict]) -> set[str]:
    """The PLOVER types among coded events (what most event tests assert on)."""
    return {e["plover"] for e in events if e["plover"]}
