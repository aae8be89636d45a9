"""Drive a check through the real HTTP path: `Walk` (the `walk` fixture in tests/followups and
tests/slack) starts a walkthrough by slash command, answers the checklist, decides, picks a reminder, runs
the scheduler's one-shot pass and finds the reminder DMs the fake Slack received.

    async def test_example(walk, clock):
        await walk.decide("replied_first")          # walkthrough -> "Recorded: I replied first" + the offer
        await walk.remind(3)                        # "Remind me in 3 days", confirmed in place
        clock.advance(days=3)
        assert await walk.deliver() == 1            # bot.slack.jobs.deliver_due, one pass
        dm = walk.reminders()[-1]                   # the chat.postMessage "Did Jordan Rivera reply?"
"""

from __future__ import annotations

import json

import payloads as p

from bot.slack import jobs
from bot.slack.views import followups as fb
from bot.slack.views import student as bk

RECRUITER = (
    "Jordan Rivera\nTalent Acquisition Partner at Northwind\n· 3rd+\n"
    "Hi Sam, I came across your profile while looking for data science interns for our summer"
    " program. Would love to tell you more. Best, Jordan\nAccept Ignore"
)
REPLY_FIRST = ("default", "maybe", "unsure", "maybe")  # -> "Reply before you accept"


def shown(call) -> str:
    return json.dumps(call.body.get("blocks") or []) + " " + (call.body.get("text") or "")


def action_ids(call) -> list[str]:
    """Every interactive element's action_id on a card: buttons in actions blocks, section menus."""
    return [
        el["action_id"] for _, el in p.iter_elements(call.body.get("blocks") or []) if el.get("action_id")
    ]


def answer_click(card, option: str) -> dict:
    """How a student picks `option` on a step card: its button, or the step's menu when the step has
    more answers than buttons fit (the keyword arguments for BotHttp.click)."""
    ids = action_ids(card)
    if bk.A_ANSWER + option in ids:
        return {"action_id": bk.A_ANSWER + option}
    menu = next((i for i in ids if i.startswith(bk.A_PICK)), None)
    assert menu is not None, f"no button or menu for {option!r} on this card: {ids}"
    return {"action_id": menu, "value": option}


def one_card_click(card, changes: dict[str, str] | None = None) -> dict:
    """The "Looks right" click as Slack sends it: the menus' current values ride in state.values."""
    blocks = card.body["blocks"]
    values = {}
    for block in blocks:
        if block.get("block_id", "").startswith(bk.ONE_BLOCK):
            step = block["block_id"][len(bk.ONE_BLOCK) :]
            chosen = (changes or {}).get(step) or (block["accessory"].get("initial_option") or {}).get(
                "value"
            )
            if chosen is None:
                continue  # a menu the student left as it was, with nothing chosen
            values[block["block_id"]] = {
                block["accessory"]["action_id"]: {
                    "type": "static_select",
                    "selected_option": {"value": chosen},
                }
            }
    _, button = p.find_element(blocks, bk.A_ONE)
    message = {**p.bot_message(blocks, ts=card.response["ts"])}
    payload = p.block_actions([p.button_action(bk.A_ONE, button["value"], block_id="one")], message=message)
    payload["state"] = {"values": values}
    return payload


async def step_by_step(bot, fake, card):
    """The step-1 card: a sure reading opens on the one card, whose "Go step by step" leads to the
    questions (the card itself when it already is a step)."""
    if bk.A_STEPS not in action_ids(card):
        return card
    before = len([c for c in fake.calls("chat.update") if c.ok])
    status, _ = await bot.click(card, action_id=bk.A_STEPS)
    assert status == 200
    # The card the student now sees: a failed update (a 429 a test asked for) shows nothing.
    return await fake.wait_for("chat.update", lambda c: c.ok, count=before + 1)


async def student_checks(bot_http, fake_slack, user_id: str, text: str) -> None:
    """A student pastes an invitation into the app's DM and the first card comes back."""
    n = len(fake_slack.calls("chat.postMessage"))
    status, _ = await bot_http.event(p.message_im(text, user_id=user_id, channel=p.dm_channel(user_id)))
    assert status == 200
    await fake_slack.wait_for("chat.postMessage", count=n + 1)
    await bot_http.settle()


class Walk:
    shown = staticmethod(shown)
    action_ids = staticmethod(action_ids)

    def __init__(self, bot_http, fake) -> None:
        self.bot, self.fake = bot_http, fake
        self.card = None  # the walkthrough message as last shown (chat.postMessage / chat.update call)
        self.wid: str | None = None

    @property
    def deps(self):
        return self.bot.deps

    async def _updated(self, source, **click) -> object:
        """Click something on `source` and return the chat.update that answers it."""
        before = len(self.fake.calls("chat.update"))
        status, _ = await self.bot.click(source, **click)
        assert status == 200
        return await self.fake.wait_for("chat.update", count=before + 1)

    async def start(self, text: str = RECRUITER) -> None:
        before = len(self.fake.calls("chat.postMessage"))
        status, _ = await self.bot.command(text=text)
        assert status == 200
        self.card = await self.fake.wait_for("chat.postMessage", count=before + 1)
        self.wid = json.loads(self.card.body["blocks"][-1]["elements"][0]["value"][1:])["w"]

    async def to_card(self, answers=REPLY_FIRST, text: str = RECRUITER):
        await self.start(text)
        self.card = await step_by_step(self.bot, self.fake, self.card)
        for option in answers:
            self.card = await self._updated(self.card, **answer_click(self.card, option))
        return self.card

    async def decide(self, decision: str = "replied_first", *, fresh: bool = True):
        if fresh:
            await self.to_card()
        self.card = await self._updated(self.card, action_id=bk.A_DECIDE + decision)
        assert "Recorded" in shown(self.card)
        return self.card

    async def change(self, decision: str):
        again = await self._updated(self.card, action_id=bk.A_CHANGE)
        self.card = await self._updated(again, action_id=bk.A_DECIDE + decision)
        return self.card

    async def remind(self, days: int = 7):
        self.card = await self._updated(self.card, action_id=f"{fb.A_REMIND}{days}")
        return self.card

    async def click_card(self, action_id: str | None = None, **click):
        self.card = await self._updated(self.card, action_id=action_id, **click)
        return self.card

    async def deliver(self) -> int:
        sent = await jobs.deliver_due(self.deps, self.bot.app.client)
        await self.bot.settle()
        return sent

    async def deliver_when_due(self, clock, wid: str | None = None) -> int:
        """Move the clock to the reminder's due time (following a push to the next working slot) and deliver."""
        for _ in range(3):
            due = (await self.record(wid)).followup.remind_at
            assert due is not None, "no reminder pending"
            clock.set(max(clock.now(), due))
            sent = await self.deliver()
            if sent:
                return sent
        return 0

    def reminders(self, channel: str = p.STUDENT_DM) -> list:
        """Reminder DMs Slack accepted, oldest first."""
        return [
            c
            for c in self.fake.calls("chat.postMessage")
            if c.ok and c.response.get("channel") == channel and (c.body.get("text") or "").startswith("Did ")
        ]

    async def answer(self, reminder, action_id: str, **click):
        return await self._updated(reminder, action_id=action_id, **click)

    async def record(self, wid: str | None = None):
        return await self.bot.store.get(wid or self.wid)
