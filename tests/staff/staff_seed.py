"""Seed data for the staff tests: decision records at fixed times around the FakeClock's start.

The FakeClock (conftest.py) starts on Mon 2025-03-03 15:00 UTC; `NOW` is that instant.
`SEED` is a small workspace history whose figures the tests check by hand:

    last 30 days (team T0001): 5 checks by 3 students (ANA x2 + pending, BEN x2, CAL x1)
      recommendations  accept 1, reply_first 1, meet_first 1, ignore 1, pending 1
      decisions        accepted 1, ignored 1, suggested_meeting 1, later 1 -> 3 final, 3 followed the advice or
                       ignored a flagged invitation (100%)
      intents          recruiter 2, sales 1, networking 1, unclear 1
      personal note    2 of 5 (40%);  red-flag cases 2;  follow-ups: explained 1 -> reply rate 100%
    40 days ago: one more (DAN), in 90d/all only;  400 days ago: one (ANA), past the 365-day retention
    another workspace (T0OTHER): one check that no view of T0001 may show
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import payloads as p

from bot.coaching.vocab import REASON_STEP
from bot.staff.summary import Summary, period_start, summarize
from bot.store import DecisionRecord, Followup, MemoryDecisionStore, Signals

NOW = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)
ANA, BEN, CAL, DAN = "U0ANA0001", "U0BEN0002", "U0CAL0003", "U0DAN0004"
OTHER_TEAM, EVE = "T0OTHER", "U0EVE0005"
FULL = {"note": "no", "met": "no", "reason": "job", "value": "yes"}


def rec(
    rid: str,
    *,
    at: datetime,
    user: str = ANA,
    team: str = p.TEAM_ID,
    recommendation: str = "reply_first",
    decision: str | None = None,
    intent: str = "recruiter",
    note: bool = False,
    met: bool = False,
    flags: tuple[str, ...] = (),
    outcome: str | None = None,
    answers: dict | None = None,
    **extra,
) -> DecisionRecord:
    followup = Followup(
        outcome=outcome,
        outcome_at=at + timedelta(days=1) if outcome else None,
        remind_at=at + timedelta(days=3) if decision else None,
    )
    return DecisionRecord(
        id=rid,
        created_at=at,
        updated_at=at,
        team_id=team,
        user_id=user,
        source="slack",
        answers=dict(FULL if answers is None and recommendation != "pending" else answers or {}),
        signals=Signals(intent=intent, custom_message=note, claims_prior_contact=met, red_flags=list(flags)),
        recommendation=recommendation,
        decision=decision,
        decided_at=at + timedelta(minutes=2) if decision else None,
        followup=followup,
        **extra,
    )


def seed_records(now: datetime = NOW) -> list[DecisionRecord]:
    d = lambda **kw: now - timedelta(**kw)  # noqa: E731
    return [
        rec("r1", at=d(days=1), user=ANA, recommendation="accept", decision="accepted", note=True),
        rec(
            "r2",
            at=d(days=3),
            user=ANA,
            recommendation="reply_first",
            decision="ignored",
            intent="sales",
            flags=("asks_for_money",),
        ),
        rec(
            "r3",
            at=d(days=10),
            user=BEN,
            recommendation="meet_first",
            decision="suggested_meeting",
            intent="networking",
            note=True,
            outcome="explained",
        ),
        rec(
            "r4",
            at=d(days=20),
            user=CAL,
            recommendation="ignore",
            decision="later",
            intent="unclear",
            flags=("off_platform", "urgency"),
        ),
        rec("r5", at=d(days=2), user=BEN, recommendation="pending", intent="recruiter"),
        rec("r6", at=d(days=40), user=DAN, recommendation="accept", decision="accepted", outcome="no_reply"),
        rec("r7", at=d(days=400), user=ANA, recommendation="ignore", decision="ignored"),
        rec(
            "x1",
            at=d(days=1),
            user=EVE,
            team=OTHER_TEAM,
            recommendation="accept",
            decision="accepted",
            intent="sales",
        ),
    ]


async def seed(store, now: datetime = NOW) -> list[DecisionRecord]:
    """Write SEED through the store API (AsyncDecisionStore)."""
    return [await store.upsert(r) for r in seed_records(now)]


def summary_of(records: list[DecisionRecord], *, now: datetime, days: int | None) -> Summary:
    """The staff summary of `records` as the app makes it: a store's counts of the period, summarized."""
    with MemoryDecisionStore() as store:
        store.upsert_many(records)
        counts = store.counts(team_id=None, since=period_start(now, days), step=REASON_STEP)
    return summarize(counts, now=now, days=days)
