"""A signed-request fuzzer on /slack/events: random payload shapes, correctly signed, through the real server.

Slack only sends what it signs, but its payloads change over time and carry whatever users type, so
every listener must survive shapes it did not expect: wrong JSON types, missing keys, unicode, huge
fields, unknown action/callback ids and event types, form bodies without a payload, payloads that are
not JSON, block_actions with no actions, view submissions with odd state. The promises:

* for Slack's own shapes with fuzzed values (what Slack can send: any text, unknown ids, huge fields,
  stale or forged button values): never a 5xx and no ERROR logged (hostile input is not news);
* for shapes Slack never sends (only Slack can sign, so these mean a bug in Slack or a leaked secret):
  a 5xx and an ERROR are allowed, nothing more, since no shape checker second-guesses Slack;
* for all: never a stack trace in a response body or in anything sent to Slack, an answer within
  Slack's 3 s, and the app stays healthy (/healthz 200) and still runs a walkthrough afterwards.

The generator is seeded, so a failure names a request number that replays exactly (FUZZ_SEED picks
another sequence).
"""

from __future__ import annotations

import importlib
import json
import os
import random
import time
from typing import Any
from urllib.parse import urlencode

import payloads as p
import pytest

from bot.slack.views import student as bk

SEED = int(os.environ.get("FUZZ_SEED", "20250303"))  # FUZZ_SEED=<n> explores another run
REQUESTS = 400
TIME_BUDGET = 40.0  # seconds; the run normally takes a few
TRACE_MARKERS = ("Traceback (most recent call last)", 'File "/', "Error: ", "Exception: ")

PASTE = (
    "Jordan Rivera\nTalent Acquisition Partner at Northwind\n· 3rd+\n"
    "Hi Sam, I came across your profile while looking for data science interns. Best, Jordan"
)


def known_action_ids() -> list[str]:
    """Every action_id constant the app declares (A_*), from whichever modules exist right now."""
    found: set[str] = set()
    for name in (
        "bot.slack.views.student",
        "bot.slack.views.student_pages",
        "bot.slack.views.staff",
        "bot.slack.views.followups",
    ):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        found.update(v for k, v in vars(module).items() if k.startswith("A_") and isinstance(v, str))
    return sorted(found)


class Gen:
    """Random Slack-ish payloads. `valid_value` is a real encoded walkthrough state to reach deep code."""

    WEIRD_TEXT = [
        "",
        " ",
        "\u0000",
        "\ud7ff",
        "🙂" * 50,
        "<!channel>",
        "<@U0BOSS>",
        "&amp;&lt;",
        "{}",
        "[]",
        "null",
        "\u202e\u2066",
        "x" * 3001,
        "ic_answer:personal",
        "/invite-check",
        '1{"w":1}',
        "%00%ff",
        "\\u0000",
        "'; DROP TABLE records; --",
        "ü" * 2000,
        "history",
        "delete",
        "help",
        "7d",
        "all",
        "xoxb-not-a-real-token",
    ]

    def __init__(
        self, rng: random.Random, fake_url: str, response_url, valid_value: str, action_ids: list[str]
    ) -> None:
        self.r = rng
        self.fake_url = fake_url
        self.response_url = response_url
        self.valid_value = valid_value
        self.action_ids = action_ids

    # -- atoms ---------------------------------------------------------------------------------------------
    def text(self) -> str:
        r = self.r
        roll = r.random()
        if roll < 0.3:
            return r.choice(self.WEIRD_TEXT)
        if roll < 0.5:
            return "".join(
                chr(r.choice([r.randint(32, 126), r.randint(0x80, 0xD7FF), r.randint(0xE000, 0x10FFFF)]))
                for _ in range(r.randint(0, 60))
            )
        if roll < 0.55:
            return r.choice(["a", "Hi! let's connect ", PASTE]) * r.randint(1000, 30_000)  # up to ~1 MB
        if roll < 0.75:
            return PASTE
        return "".join(r.choice("abcdefghijklmnopqrstuvwxyz _:-0123456789") for _ in range(r.randint(0, 30)))

    def scalar(self) -> Any:
        return self.r.choice([None, True, False, 0, -1, 2**63, 1.5, float("1e308"), self.text(), [], {}])

    def junk(self, depth: int = 0) -> Any:
        roll = self.r.random()
        if depth > 2 or roll < 0.5:
            return self.scalar()
        if roll < 0.75:
            return [self.junk(depth + 1) for _ in range(self.r.randint(0, 3))]
        return {self.text()[:20]: self.junk(depth + 1) for _ in range(self.r.randint(0, 3))}

    chaos = 0.2  # chance that a key is replaced by junk or deleted; set per request by `request`

    def maybe(self, value: Any, p_keep: float = 0.8) -> Any:
        """The value most of the time, else junk of another type (or a marker to delete the key)."""
        p_keep = 1 - (1 - p_keep) * self.chaos / 0.2
        return value if self.r.random() < p_keep else self.r.choice([self.junk(), "__DELETE__"])

    def shaped(self, obj: dict) -> dict:
        """Each key: kept, replaced by junk, or deleted; plus the odd unknown key."""
        out = {}
        for key, value in obj.items():
            value = self.maybe(value)
            if value != "__DELETE__":
                out[key] = value
        if self.r.random() < 0.2:
            out[self.text()[:30]] = self.junk()
        return out

    def action_id(self) -> str:
        r = self.r
        roll = r.random()
        if roll < 0.6:
            aid = r.choice(self.action_ids)
            if aid.endswith(":"):
                aid += r.choice(
                    ["personal", "no", "accepted", "later", "3", "explained", "", self.text()[:40]]
                )
            return aid
        if roll < 0.8:
            return self.text()[:300]
        return r.choice(
            ["from_an_old_version", "x" * 256, "ic_", "fu_", "home_", "staff_export", "ic_decide:"]
        )

    def value(self) -> Any:
        r = self.r
        roll = r.random()
        if roll < 0.35:
            return self.valid_value
        if roll < 0.5:
            v = self.valid_value
            i = r.randrange(len(v))
            return v[:i] + self.text()[:5] + v[i + 1 :]
        if roll < 0.6:
            return "1" + json.dumps(self.junk())
        if roll < 0.7:
            return self.junk()
        return self.text()[:2500]

    def user(self) -> Any:
        return self.maybe(p.user(self.r.choice([p.STUDENT, p.STAFF, "U0OTHER", "W0ENT"])), 0.85)

    def resp_url(self) -> Any:
        return self.maybe(self.response_url(), 0.9)

    # -- payloads --------------------------------------------------------------------------------------------
    def block_actions(self) -> dict:
        r = self.r
        n = r.choice([0, 1, 1, 1, 2]) if self.chaos else r.choice([1, 1, 2])
        actions = []
        for _ in range(n):
            action = {
                "type": r.choice(["button", "static_select", "overflow", "datepicker", self.text()[:10]]),
                "action_id": self.action_id(),
                "block_id": self.maybe(r.choice(["actions", "nav", "decide"])),
                "value": self.value(),
                "action_ts": "1700000000.000001",
            }
            if r.random() < 0.3:
                action["selected_option"] = self.maybe(
                    {
                        "value": self.maybe(r.choice(["7d", "30d", "all", "x"])),
                        "text": {"type": "plain_text", "text": "x"},
                    }
                )
            actions.append(self.shaped(action))
        body = p.block_actions(
            [{"action_id": "x", "block_id": "b"}], message=p.bot_message(ts="1700000000.000100")
        )
        body["actions"] = self.maybe(actions, 0.85)
        body["user"] = self.user()
        body["response_url"] = self.resp_url()
        if r.random() < 0.2:
            body["container"] = {"type": "view", "view_id": "V0001"}
            body["view"] = self.maybe({"id": "V0001", "type": r.choice(["home", "modal"]), "blocks": []})
        return self.shaped(body)

    def view_submission(self) -> dict:
        r = self.r
        view = {
            "id": "V0001",
            "type": "modal",
            "callback_id": r.choice([bk.MODAL_CALLBACK, "unknown_cb", self.text()[:40]]),
            "private_metadata": self.maybe(r.choice(["", self.valid_value, self.text()[:3000]])),
            "state": {
                "values": r.choice(
                    [
                        {
                            bk.B_TEXT: {
                                bk.B_TEXT: {"type": "plain_text_input", "value": self.maybe(self.text())}
                            },
                            bk.B_NAME: {
                                bk.B_NAME: {
                                    "type": "plain_text_input",
                                    "value": self.maybe(self.text()[:100]),
                                }
                            },
                        },
                        {bk.B_TEXT: self.junk()},
                        self.junk(),
                        {},
                        {bk.B_TEXT: {bk.B_TEXT: self.junk()}},
                    ]
                )
            },
        }
        view["state"] = self.maybe(view["state"])
        body = {
            "type": "view_submission",
            "team": self.maybe({"id": p.TEAM_ID}),
            "user": self.user(),
            "api_app_id": p.API_APP_ID,
            "trigger_id": "1.2.3",
            "view": self.shaped(view),
        }
        return self.shaped(body)

    def shortcut(self) -> dict:
        r = self.r
        kind = r.choice(["shortcut", "message_action"])
        body = (
            p.global_shortcut(r.choice(["check_invite", "unknown_shortcut", self.text()[:50]]))
            if kind == "shortcut"
            else p.message_shortcut(r.choice(["check_invite_message", "nope"]), self.text())
        )
        if kind == "message_action":
            body["response_url"] = self.resp_url()
            body["message"] = self.maybe(
                {
                    **body["message"],
                    "text": self.maybe(self.text()),
                    "attachments": self.maybe([self.shaped({"text": self.text(), "fallback": self.text()})]),
                }
            )
            body["channel"] = self.maybe(body["channel"])
        body["user"] = self.user()
        return self.shaped(body)

    def other_interactive(self) -> dict:
        return self.shaped(
            {
                "type": self.r.choice(
                    [
                        "view_closed",
                        "block_suggestion",
                        "interactive_message",
                        "dialog_submission",
                        "workflow_step_edit",
                        self.text()[:20],
                    ]
                ),
                "user": self.user(),
                "callback_id": self.text()[:20],
                "actions": self.junk(),
                "view": self.junk(),
                "team": {"id": p.TEAM_ID},
            }
        )

    def command(self) -> dict[str, str]:
        r = self.r
        fields = p.slash_command(
            r.choice(["/invite-check", "/invite-summary", "/unknown", self.text()[:30]]),
            self.text(),
            response_url=self.response_url(),
        )
        for key in list(fields):
            roll = r.random()
            if roll < self.chaos / 3:
                del fields[key]
            elif roll < self.chaos / 2:
                fields[key] = self.text()[:200]
        return fields

    def event(self) -> dict:
        r = self.r
        kind = r.choice(
            [
                "message",
                "message",
                "app_home_opened",
                "reaction_added",
                "app_mention",
                "member_joined_channel",
                self.text()[:20],
            ]
        )
        if kind == "message":
            event = p.message_im(self.text())
            event["channel_type"] = self.maybe("im", 0.85)
            if r.random() < 0.2:
                event["subtype"] = r.choice(
                    ["message_changed", "bot_message", "file_share", self.text()[:10]]
                )
        elif kind == "app_home_opened":
            event = p.app_home_opened(
                user_id=r.choice([p.STUDENT, p.STAFF]), tab=r.choice(["home", "messages"])
            )
        else:
            event = {"type": kind, "user": p.STUDENT, "event_ts": "1700000000.000001"}
        env = p.event_callback(self.shaped(event))
        env["event"] = self.maybe(env["event"], 0.9)
        return self.shaped(env)

    def request(self) -> tuple[str, str, dict[str, str]]:
        """(body, content type, extra headers)."""
        r = self.r
        form = "application/x-www-form-urlencoded"
        # Half the requests keep Slack's shapes and fuzz only the values; the rest also break the shapes.
        self.chaos = r.choice([0.0, 0.0, 0.05, 0.2])
        self.slack_shaped = self.chaos == 0
        headers = (
            {"X-Slack-Retry-Num": str(r.randint(1, 3)), "X-Slack-Retry-Reason": "http_timeout"}
            if r.random() < 0.05
            else {}
        )
        roll = r.random()
        if roll < 0.30:
            return urlencode({"payload": json.dumps(self.block_actions())}), form, headers
        if roll < 0.42:
            return urlencode({"payload": json.dumps(self.view_submission())}), form, headers
        if roll < 0.50:
            return urlencode({"payload": json.dumps(self.shortcut())}), form, headers
        if roll < 0.54:  # junk in `actions` and `view` whatever the chaos: not a shape Slack sends
            self.slack_shaped = False
            return urlencode({"payload": json.dumps(self.other_interactive())}), form, headers
        if roll < 0.68:
            return urlencode(self.command()), form, headers
        if roll < 0.84:
            return json.dumps(self.event()), "application/json", headers
        self.slack_shaped = False
        return r.choice(
            [
                lambda: (urlencode({"payload": self.text()}), form, headers),  # payload not JSON
                lambda: (
                    urlencode({"payload": json.dumps(self.junk())}),
                    form,
                    headers,
                ),  # JSON, not an object
                lambda: (
                    urlencode({"nothing": "here", "text": self.text()[:100]}),
                    form,
                    headers,
                ),  # no payload
                lambda: ("", form, headers),
                lambda: (json.dumps(self.junk()), "application/json", headers),
                lambda: (self.text()[:500], "application/json", headers),
                lambda: (
                    self.text()[:500],
                    r.choice(["text/plain", "application/octet-stream", ""]),
                    headers,
                ),
                lambda: (urlencode({"ssl_check": "1", "token": "x"}), form, headers),
                lambda: (
                    json.dumps({"type": "url_verification", "challenge": self.junk()}),
                    "application/json",
                    headers,
                ),
                lambda: (
                    json.dumps({"type": "app_rate_limited", "minute_rate_limited": 1}),
                    "application/json",
                    headers,
                ),
            ]
        )()


def has_trace(text: str) -> str | None:
    return next((m for m in TRACE_MARKERS if m in text), None)


@pytest.mark.settings(invite_check_staff_usergroup="S0STAFF")
async def test_signed_garbage_never_breaks_the_app(bot_http, fake_slack, instant_retries):
    # A real walkthrough first, so fuzzed clicks can carry a valid state value and reach deep code.
    await bot_http.command(text=PASTE)
    first = await fake_slack.wait_for("chat.postMessage")
    valid_value = p.find_element(first.body["blocks"], bk.A_ONE)[1]["value"]
    fake_slack.set_usergroup("S0STAFF", [p.STAFF])
    gen = Gen(random.Random(SEED), fake_slack.url, fake_slack.response_url, valid_value, known_action_ids())

    started = time.monotonic()
    problems: list[str] = []
    statuses: dict[int, int] = {}
    shaped = 0
    for n in range(REQUESTS):
        body, content_type, headers = gen.request()
        reply = await bot_http.post(body, content_type, headers=headers)
        statuses[reply.status] = statuses.get(reply.status, 0) + 1
        shaped += gen.slack_shaped
        if reply.status >= 500 and gen.slack_shaped:
            problems.append(f"#{n}: HTTP {reply.status} for {body[:300]!r}")
        if marker := has_trace(reply.text):
            problems.append(f"#{n}: {marker!r} in the response to {body[:300]!r}: {reply.text[:300]!r}")
        if reply.elapsed > 2.5:
            problems.append(f"#{n}: answered after {reply.elapsed:.1f} s (Slack gives up at 3)")
        if n % 25 == 24:
            await bot_http.settle(timeout=10)
        errors = bot_http.take_errors()
        if errors and gen.slack_shaped:
            problems.append(f"#{n}: ERROR logged for {body[:300]!r}: {errors}")
        assert time.monotonic() - started < TIME_BUDGET, f"fuzzing took too long after {n} requests"
    await bot_http.settle(timeout=10)
    bot_http.take_errors()  # those of the last requests were checked above, after their settle

    for call in fake_slack.calls():
        if marker := has_trace(json.dumps(call.body, ensure_ascii=False)):
            problems.append(f"{marker!r} sent to Slack in {call!r}")
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} problem(s); statuses {statuses})"
    assert shaped > REQUESTS / 3 and statuses.get(200, 0) > REQUESTS / 4, (
        shaped,
        statuses,
    )  # many reach listeners

    # Still healthy, and still doing its job.
    status, _ = await bot_http.get("/healthz")
    assert status == 200
    before = len(fake_slack.calls("chat.postMessage"))
    await bot_http.command(text=PASTE)
    await fake_slack.wait_for("chat.postMessage", count=before + 1)


async def test_known_action_ids_are_found():
    ids = known_action_ids()
    assert bk.A_DECIDE in ids and bk.A_ANSWER in ids and "staff_export" in ids


async def test_undecodable_unsigned_and_oversized_bodies_are_refused_cleanly(bot_http, fake_slack):
    import hashlib
    import hmac

    async def raw_post(body: bytes, content_type: str, *, signed: bool = True):
        ts = str(int(time.time()))
        headers = {"Content-Type": content_type}
        if signed:  # Slack's scheme over raw bytes (slack_sdk's helper only takes UTF-8)
            mac = hmac.new(
                bot_http.signing_secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256
            )
            headers.update({"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + mac.hexdigest()})
        async with bot_http.session.post(
            bot_http.base_url + "/slack/events", data=body, headers=headers
        ) as res:
            return res.status, await res.text()

    cases = [
        (b"payload=%ff%fe%00", "application/x-www-form-urlencoded", True, 400),  # payload not UTF-8 JSON
        (b'\xff\xfe{"type": 1}', "application/json", True, 401),  # not UTF-8: slack_sdk can't verify it
        (b"1.5", "application/json", False, 401),  # garbage, unsigned: refused before anything parses it
        (b"{" * 5000, "application/json", False, 401),
        (b"{" * 5000, "application/json", True, 400),  # nesting deeper than json's recursion limit
        (b"x" * (2 * 1024 * 1024), "application/x-www-form-urlencoded", True, 413),  # over aiohttp's 1 MiB
    ]
    for body, content_type, signed, expected in cases:
        status, text = await raw_post(body, content_type, signed=signed)
        assert status == expected, (body[:40], status, text)
        assert not has_trace(text)
    await bot_http.settle()
    assert bot_http.take_errors() == [] and fake_slack.calls() == []
