"""A throwaway PostgreSQL server for the test session (pgserver, from the dev extras: no system
packages, no Docker), and a fresh schema per test on it.

The server starts once per session on first use (about 3 s) and is deleted at the end; each test
gets its own schema through the URL's ``options=-csearch_path=...``, so tests never see each
other's rows and cost a ``CREATE SCHEMA`` (milliseconds), not a new database.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

import psycopg

_counter = itertools.count(1)


class PgServer:
    def __init__(self) -> None:
        # Not pytest's tmp_path: its 0700 parents keep out the unprivileged user pgserver runs the
        # server as when the tests run as root (CI containers).
        self.root = Path(tempfile.mkdtemp(prefix="invite-check-pg-"))
        self.root.chmod(0o755)
        runtime = self.root / "run"
        runtime.mkdir(mode=0o700)
        os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))  # platformdirs warns without it
        import pgserver  # a dev dependency: the PostgreSQL binaries as a wheel

        self._server = pgserver.get_server(self.root / "pgdata", cleanup_mode="delete")
        self.base_url = self._server.get_uri()  # postgresql://postgres:@/postgres?host=<socket dir>

    def fresh_url(self, prefix: str = "t") -> str:
        """A URL whose search_path is a new, empty schema."""
        schema = f"{prefix}_{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.base_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        return f"{self.base_url}&options={quote(f'-csearch_path={schema}')}"

    def stop(self) -> None:
        try:
            self._server.cleanup()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
