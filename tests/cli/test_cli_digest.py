"""`python -m bot digest`: read-only like `summary`, on an empty store, on a file with a scam cluster,
and on 50,000 records in the TinyDB file and in PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from test_cli_terminal import run_bot

from bot.coaching.analyzer import analyze
from bot.staff.clusters import flagged_details
from bot.store import DecisionRecord, Signals, open_store
from bot.store.postgres import PostgresDecisionStore
from tests.staff.digest_seed import CRYPTO, GLOBEX, GLOBEX_AGAIN, many_records


def flagged_check(rid: str, text: str, user: str, at: datetime, **fields) -> DecisionRecord:
    signals = analyze(text)
    return DecisionRecord(
        id=rid,
        created_at=at,
        updated_at=at,
        team_id="T1",
        user_id=user,
        answers={},
        signals=Signals(
            intent=signals.intent,
            custom_message=signals.custom_message,
            claims_prior_contact=signals.claims_prior_contact,
            red_flags=list(signals.red_flags),
        ),
        recommendation="ignore",
        flagged=flagged_details(
            signals.requester_name, signals.headline, [(e.field, e.phrase) for e in signals.evidence]
        ),
        **fields,
    )


def test_digest_on_an_empty_store_prints_zeros_and_creates_nothing(tmp_path):
    out = run_bot(["digest"], "", tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Invite Check digest: the last 7 days" in out.stdout
    assert (
        "New scam clusters (two or more students, one sender or contact point, within 14 days): 0"
        in out.stdout
    )
    assert "Checks: 0 (+0 on the 7 days before, when it was 0)" in out.stdout
    assert list(tmp_path.iterdir()) == []  # no data file, no journal: read-only
    bad = run_bot(["digest", "--days", "0"], "", tmp_path)
    assert bad.returncode == 2 and "--days" in bad.stderr


def test_digest_on_the_file_names_the_cluster_and_leaves_the_file_as_it_was(tmp_path):
    now = datetime.now(UTC).replace(minute=30, second=0, microsecond=0) - timedelta(hours=1)
    path = tmp_path / "db.json"
    with open_store(path) as store:
        store.upsert_many(
            [
                flagged_check("a1", GLOBEX, "U0ANA0001", now - timedelta(days=3)),
                flagged_check("b1", GLOBEX_AGAIN, "U0BEN0002", now - timedelta(days=1), decision="accepted"),
                flagged_check("c1", CRYPTO, "U0CAL0003", now - timedelta(days=2), decision="ignored"),
            ]
        )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    out = run_bot(["digest", "--team", "T1"], "", tmp_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "within 14 days): 1" in text
    assert "“Jane Doe” (Talent Acquisition at Globex Remote): 2 students, 2 checks" in text
    assert "shared: the sender's name, +1 (555) 201-7788" in text and "| Heads-up: a LinkedIn scam" in text
    assert "Flagged invitations a student accepted, replied to or offered to meet: 1" in text
    assert "Checks with warning signs: 3 (+3" in text
    assert "U0ANA0001" not in text and "U0BEN0002" not in text  # pseudonymous by default
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def figures(records: list[DecisionRecord], now: datetime, team: str) -> dict[str, tuple[int, int]]:
    """The digest's counts, counted here the plain way: this week and the week before."""
    weeks = [(now - timedelta(days=7), now), (now - timedelta(days=14), now - timedelta(days=7))]
    ours = [r for r in records if r.team_id == team]
    span = [[r for r in ours if start < r.created_at <= end] for start, end in weeks]
    return {
        "Checks": (len(span[0]), len(span[1])),
        "Students who checked": tuple(len({r.user_id for r in s}) for s in span),
        "Checks with warning signs": tuple(sum(bool(r.signals.red_flags) for r in s) for s in span),
    }


def test_digest_at_fifty_thousand_records_in_the_file_and_in_postgresql(tmp_path, pg_url):
    now = datetime.now(UTC)
    records = many_records(50_000, now)
    path = tmp_path / "data.json"
    with open_store(path) as store:
        store.upsert_many(records)
    with PostgresDecisionStore(pg_url) as db:
        db.upsert_many(records)
    expected = figures(records, now, "T1")
    helped = sum(
        1 for r in records if r.team_id == "T1" and r.alert and now - timedelta(days=7) < r.alert.at <= now
    )
    assert expected["Checks"][0] > 500 and helped > 5  # the seed is busy enough to mean something
    outputs = {}
    for where, env in (("file", {"INVITE_CHECK_DB_PATH": str(path)}), ("postgres", {"DATABASE_URL": pg_url})):
        out = run_bot(["digest", "--team", "T1"], "", tmp_path, **env)
        assert out.returncode == 0, (where, out.stderr)
        outputs[where] = out.stdout
        for label, (this, last) in expected.items():
            assert (
                f"\n{label}: {this} ({this - last:+d} on the 7 days before, when it was {last})" in out.stdout
            )
        assert f"Students who asked the career center for help (alerts): {helped}\n" in out.stdout
        weeks = re.findall(r"^  (\d{4}-\d\d-\d\d) +(\d+) +(\d+)$", out.stdout, re.M)
        assert len(weeks) == 12 and sum(int(n) for _, n, _ in weeks) > expected["Checks"][0] * 10
        assert "T2" not in out.stdout
    # The campaigns reach many students: clusters on the file (each flagged check keeps its sender).
    clusters = int(re.search(r"within 14 days\): (\d+)", outputs["file"]).group(1))
    assert clusters >= 1 and "Recruiter " in outputs["file"]
