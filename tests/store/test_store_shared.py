"""The methods added for the shared store (create, claim_due_reminders, counts), and
the races a shared store must win: run against memory, TinyDB and PostgreSQL like the contract.

For PostgreSQL the racing "replicas" are separate stores, each with its own connection pool, on
one database; for the embedded stores (one process per file) they are threads on one store.
"""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from bot.coaching.vocab import REASON_STEP
from bot.staff import privacy
from bot.staff.export import csv_from_store, csv_text
from bot.staff.summary import period_start, summarize
from bot.store import Flagged, Followup, MemoryDecisionStore
from bot.store.models import Counts

T0 = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)


def handles(opener, store, n: int = 3) -> list:
    """n handles on the same data: n stores on one database for PostgreSQL, else the store itself."""
    if opener.kind != "postgres":
        return [store] * n
    return [store] + [opener.open() for _ in range(n - 1)]


def race(fns) -> list:
    """Run the callables at the same instant on threads; their results in order."""
    barrier = threading.Barrier(len(fns))

    def run(fn):
        barrier.wait()
        return fn()

    with ThreadPoolExecutor(len(fns)) as pool:
        return list(pool.map(run, fns))


def test_create_inserts_once(store, record_factory):
    assert store.create(record_factory("a", decision=None)).id == "a"
    assert store.create(record_factory("a", decision="accepted")) is None
    assert store.get("a").decision is None
    assert store.count() == 1


def test_create_raced_by_three_handles_writes_one(opener, store, record_factory):
    many = handles(opener, store)
    results = race(
        [lambda h=h, i=i: h.create(record_factory("same", user=f"U{i}")) for i, h in enumerate(many)]
    )
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    assert store.get("same").user_id == winners[0].user_id
    assert store.count() == 1


def test_concurrent_updates_of_one_record_lose_nothing(opener, store, record_factory):
    """Two replicas writing different fields of one record at once: both changes stay (no lost update)."""
    store.upsert(record_factory("r", decision=None))
    many = handles(opener, store, 2)
    for round_ in range(10):
        race(
            [
                lambda n=round_: many[0].update(
                    "r", decision="accepted", decided_at=T0 + timedelta(seconds=n)
                ),
                lambda n=round_: many[1].update("r", answers={"note": f"n{n}"}),
            ]
        )
        got = store.get("r")
        assert got.decision == "accepted" and got.decided_at == T0 + timedelta(seconds=round_)
        assert got.answers == {"note": f"n{round_}"}
        store.update("r", decision=None, answers={})


def test_reminder_claim_raced_by_three_replicas_is_won_once(opener, store, record_factory):
    now = T0 + timedelta(days=3)
    store.upsert_many([record_factory(f"r{i}", followup=Followup(remind_at=now)) for i in range(20)])
    many = handles(opener, store)
    for i in range(20):
        results = race(
            [
                lambda h=h, i=i: h.update_followup(
                    f"r{i}", expect={"reminder_sent_at": None, "outcome": None}, reminder_sent_at=now
                )
                for h in many
            ]
        )
        assert sum(r is not None for r in results) == 1
    assert store.claim_due_reminders(now) == []


def test_claim_due_reminders_splits_work_and_leases(opener, store, record_factory):
    now = T0 + timedelta(days=3)
    store.upsert_many(
        [
            record_factory(f"r{i:02d}", followup=Followup(remind_at=now - timedelta(minutes=i)))
            for i in range(30)
        ]
    )
    store.upsert(record_factory("later", followup=Followup(remind_at=now + timedelta(hours=1))))
    many = handles(opener, store)
    claimed = race(
        [lambda h=h: h.claim_due_reminders(now, lease=timedelta(minutes=2), limit=12) for h in many]
    )
    ids = [r.id for batch in claimed for r in batch]
    assert len(ids) == len(set(ids)) == 30  # disjoint, and together every due one
    assert store.claim_due_reminders(now + timedelta(minutes=1)) == []  # still leased
    again = store.claim_due_reminders(now + timedelta(minutes=2))  # lease over: handed out again
    assert sorted(r.id for r in again) == sorted(ids)
    assert [r.id for r in again] == [f"r{i:02d}" for i in reversed(range(30))]  # oldest due first


def test_any_write_to_a_record_ends_its_lease(store, record_factory):
    """A pass is done with a record once it wrote it (claimed, postponed, un-claimed after Slack failed)."""
    now = T0 + timedelta(days=3)
    store.upsert(record_factory("r", followup=Followup(remind_at=now)))
    assert [r.id for r in store.claim_due_reminders(now)] == ["r"]
    store.upsert(record_factory("r", followup=Followup(remind_at=now)))
    assert [r.id for r in store.claim_due_reminders(now)] == ["r"]
    store.update_followup("r", expect={"reminder_sent_at": None}, reminder_sent_at=now)
    store.update_followup("r", expect={"reminder_sent_at": now}, reminder_sent_at=None)  # Slack refused it
    assert [r.id for r in store.claim_due_reminders(now)] == ["r"]


def _random_records(record_factory, n: int, seed: int):
    rng = random.Random(seed)
    recs = ["accept", "reply_first", "meet_first", "ignore", "pending"]
    decisions = [None, None, "accepted", "replied_first", "suggested_meeting", "ignored", "later"]
    out = []
    for i in range(n):
        at = T0 - timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1440))
        remind = at + timedelta(days=3) if rng.random() < 0.4 else None
        sent = remind if remind and rng.random() < 0.5 else None
        outcome = rng.choice([None, "explained", "pitched", "no_reply"]) if sent else None
        flags = rng.sample(["urgency", "off_platform", "money"], rng.randint(0, 2))
        out.append(
            record_factory(
                f"r{i:04d}",
                at=at,
                team=rng.choice(["T1", "T1", "T2"]),
                user=f"U{rng.randint(1, 25)}",
                recommendation=rng.choice(recs),
                decision=rng.choice(decisions),
                signals={
                    "intent": rng.choice(["recruiter", "sales", "unclear"]),
                    "custom_message": rng.random() < 0.5,
                    "claims_prior_contact": False,
                    "red_flags": flags,
                    "intent_sure": rng.choice([True, False, None]),
                },
                answers={"note": "no", REASON_STEP: rng.choice(["job", "learning", ""])}
                if rng.random() < 0.7
                else {"note": "no"},
                followup=Followup(remind_at=remind, reminder_sent_at=sent, outcome=outcome),
                flagged=Flagged(sender=f"Sender {i % 7}", evidence=["+1 555 201 7788"]) if flags else None,
            )
        )
    return out


@pytest.mark.parametrize("days", [None, 7, 30, 90])
def test_counts_and_the_summary_equal_the_memory_stores_of_the_same_records(store, record_factory, days):
    """Every store counts the same facts as the in-memory store does from the same records (PostgreSQL
    in SQL), so the summary, whose rules are applied once in bot.staff.summary, is the same everywhere."""
    records = _random_records(record_factory, 300, seed=days or 0)
    store.upsert_many(records)
    reference = MemoryDecisionStore()
    reference.upsert_many(records)
    since = period_start(T0, days)
    for team in (None, "T1", "T2", "T-none"):
        counts = store.counts(team_id=team, since=since, step=REASON_STEP)
        expected = reference.counts(team_id=team, since=since, step=REASON_STEP)
        assert counts == expected
        assert summarize(counts, now=T0, days=days) == summarize(expected, now=T0, days=days)
    assert store.counts(team_id="T-none", since=since, step=REASON_STEP) == Counts()
    everything = store.counts(team_id=None, since=None, step=REASON_STEP)
    assert sum(everything.checks.values()) == 300
    assert everything.students == len({(r.team_id, r.user_id) for r in records})


def test_the_summary_counts_only_readings_shown_as_sure(store, record_factory):
    """An analyzer reading the student was shown as "not sure" is left out of the intents and counted
    apart, in every store (the database counts it in SQL)."""
    signals = {"intent": "networking", "custom_message": True, "claims_prior_contact": False}
    store.upsert_many(
        [
            record_factory("sure", at=T0, signals={**signals, "intent_sure": True}),
            record_factory("unsure", at=T0, signals={**signals, "intent_sure": False}),
            record_factory("before", at=T0, signals=signals),  # recorded before this was kept: counted
        ]
    )
    now = T0 + timedelta(hours=1)
    s = summarize(store.counts(team_id=None, since=period_start(now, 7), step=REASON_STEP), now=now, days=7)
    assert dict(s.intents) == {"networking": 2} and s.unsure_readings == 1


def test_flagged_details_and_the_sure_reading_survive_the_store(opener, store, record_factory):
    kept = Flagged(sender="Jane Doe", headline="HR at Acme", evidence=["+1 555 201 7788", "pay a fee"])
    record = record_factory(
        "f",
        at=T0,
        signals={
            "intent": "recruiter",
            "custom_message": True,
            "claims_prior_contact": False,
            "red_flags": ["money"],
            "intent_sure": False,
        },
        flagged=kept,
    )
    store.upsert(record)
    store = opener.reopen(store)
    again = store.get("f")
    assert again.flagged == kept and again.signals.intent_sure is False
    assert store.update("f", decision="ignored").flagged == kept


def test_a_thing_done_once_is_claimed_once_across_replicas_and_restarts(opener, store):
    """claim_once: of several handles claiming one name at the same instant exactly one wins, and the
    claim outlives a reopen; forget_once frees it; the retention purge drops claims older than its cutoff."""
    stores = handles(opener, store, 4)
    won = race([lambda s=s: s.claim_once("digest:T1:U1:2025-W10", T0) for s in stores])
    assert sorted(won) == [False, False, False, True]
    store = opener.reopen(store)
    assert store.claim_once("digest:T1:U1:2025-W10", T0) is False
    assert store.claim_once("digest:T1:U2:2025-W10", T0) is True
    store.forget_once("digest:T1:U2:2025-W10")
    assert store.claim_once("digest:T1:U2:2025-W10", T0 + timedelta(days=30)) is True
    store.purge_older_than(T0 + timedelta(days=1))
    store = opener.reopen(store)
    assert store.claim_once("digest:T1:U1:2025-W10", T0) is True  # purged: older than the cutoff
    assert store.claim_once("digest:T1:U2:2025-W10", T0) is False  # kept: claimed after it


@pytest.mark.parametrize("view", privacy.VIEWS)
@pytest.mark.parametrize("days", [None, 30])
def test_the_export_read_from_the_store_is_the_csv_of_the_same_records(store, record_factory, view, days):
    """csv_from_store (the Slack export, written on the store's thread from iter_records) gives the
    same bytes as csv_text of the listed records, including the columns only some records call for
    (an answer step not in the checklist, stored invitation text) and the formula defence."""
    store.upsert_many(_random_records(record_factory, 200, seed=7))
    store.upsert(
        record_factory(
            "odd",
            at=T0 - timedelta(days=2),
            answers={"note": "=1+1", "an_old_step": "@x"},
            requester_name="=HYPERLINK(1)",
            invite_text="Hi,\n-2 and; +3",
        )
    )
    since = None if days is None else T0 - timedelta(days=days)
    for team in ("T1", "T2", "T-none"):
        expected, n = csv_text(store.list(team_id=team), now=T0, days=days, view=view, key="k")
        assert csv_from_store(store, team_id=team, since=since, view=view, key="k") == (expected.encode(), n)
    plain, _ = csv_from_store(store, team_id="T2", since=since, view=view, key="k")
    assert b"invite_text" not in plain.split(b"\r\n")[0]  # "odd" is T1's: T2's export has no such column
