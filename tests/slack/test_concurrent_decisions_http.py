"""Many students deciding at once: every signed decision click is recorded exactly once."""

import asyncio

import payloads as p

from bot.coaching.analyzer import analyze
from bot.coaching.content import DEFAULT_PROMPTS, load_content
from bot.slack.views import codec as st
from bot.slack.views import student as bk
from bot.store import DecisionRecord, Signals

CONTENT = load_content(DEFAULT_PROMPTS)
ANSWERS = {"note": "default", "met": "maybe", "reason": "unsure", "value": "maybe"}


def finished_state(n: int) -> str:
    signals = analyze("Hi, I'd like to connect with you on LinkedIn.")
    state = st.from_signals(f"concurrent{n:022d}", signals, {}).model_copy(update={"answers": ANSWERS})
    return st.encode(state)


def started_check(n: int, user: str, clock) -> DecisionRecord:
    """What each walkthrough's start stored (a decision click only updates a stored check)."""
    now = clock.now()
    return DecisionRecord(
        id=f"concurrent{n:022d}",
        created_at=now,
        updated_at=now,
        team_id=p.TEAM_ID,
        user_id=user,
        answers={},
        recommendation="pending",
        signals=Signals(intent="networking", custom_message=False, claims_prior_contact=False),
    )


async def test_200_concurrent_decision_clicks_leave_exactly_200_records(bot_http, fake_slack, clock):
    users = [f"U{n:08d}" for n in range(20)]
    await bot_http.store.upsert_many(started_check(n, users[n % len(users)], clock) for n in range(200))
    clicks = []
    for n in range(200):
        user = users[n % len(users)]
        message = p.bot_message(ts=f"1700000000.{n:06d}")
        clicks.append(
            bot_http.block_action(
                bk.A_DECIDE + "replied_first",
                finished_state(n),
                user_id=user,
                message=message,
                channel_id=p.dm_channel(user),
            )
        )
    replies = await asyncio.gather(*clicks)
    assert {r.status for r in replies} == {200}
    await bot_http.settle(timeout=30)
    records = await bot_http.store.list()
    assert len(records) == 200
    assert {r.decision for r in records} == {"replied_first"}
    assert len({r.id for r in records}) == 200
    # and the same again (a double click on every card) adds nothing
    await asyncio.gather(
        *(
            bot_http.block_action(
                bk.A_DECIDE + "replied_first",
                finished_state(n),
                user_id=users[n % len(users)],
                message=p.bot_message(ts=f"1700000000.{n:06d}"),
                channel_id=p.dm_channel(users[n % len(users)]),
            )
            for n in range(200)
        )
    )
    await bot_http.settle(timeout=30)
    assert await bot_http.store.count() == 200
    await bot_http.restart()
    assert await bot_http.store.count() == 200
