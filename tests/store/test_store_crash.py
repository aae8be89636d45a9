"""kill -9 in the middle of writes loses nothing that was confirmed."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from bot.store import open_store

REPO = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from bot.store import DecisionRecord, Signals, TinyDBDecisionStore

    path, prefix, compact_every = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = TinyDBDecisionStore(path, compact_min_lines=compact_every)
    print("ready", flush=True)
    i = 0
    while True:
        now = datetime.now(UTC)
        # new ids and rewrites of recent ones, so compactions (at this small threshold) happen too
        rid = f"{prefix}-{i}" if i % 3 else f"{prefix}-{max(0, i - 5)}"
        store.upsert(DecisionRecord(
            id=rid, created_at=now, updated_at=now, team_id="T1", user_id=f"U{i % 7}",
            answers={"step": "option"}, recommendation="reply_first", decision="later",
            signals=Signals(intent="recruiter", custom_message=True, claims_prior_contact=False),
            invite_text="x" * (i % 400),
        ))
        sys.stdout.write(rid + "\\n")  # only after upsert returned: this id is confirmed
        sys.stdout.flush()
        i += 1
    """
)


def _wait_ready(proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            line = proc.stdout.readline()
            assert line == b"ready\n", (line, proc.stderr.read() if proc.poll() is not None else b"")
            return
        assert proc.poll() is None, proc.stderr.read()
    raise AssertionError("writer did not start")


def test_confirmed_writes_survive_sigkill(tmp_path):
    path = tmp_path / "db.json"
    rng = random.Random(1234)
    confirmed: set[str] = set()
    for round_no in range(5):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"r{round_no}", str(rng.choice([10, 40, 10_000]))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPO,
        )
        try:
            _wait_ready(proc)
            time.sleep(rng.uniform(0.05, 0.5))
            os.kill(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        lines = out.split(b"\n")[:-1]  # a last line without newline was never fully printed
        assert lines, "the writer confirmed nothing before it was killed"
        confirmed.update(line.decode() for line in lines)
        with open_store(path) as store:  # loads, and the writer's lock died with it
            present = {r.id for r in store.list()}
        missing = confirmed - present
        assert not missing, f"round {round_no}: lost confirmed writes {sorted(missing)[:5]}"
