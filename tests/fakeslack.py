"""Slack, faked: the Web API the app calls (`FakeSlack`) and the signed requests Slack sends (`BotHttp`).

`FakeSlack` is a real aiohttp server on 127.0.0.1 with an ephemeral port. It answers
POST /api/<method> like Slack does (documented response shapes), records every call (method, parsed
body with JSON-in-form fields decoded, headers, time, answer), checks every message and view against
Block Kit limits (blockkit_limits.py) and answers `invalid_blocks` like Slack on a violation; the
`fake_slack` fixture then fails the test at teardown, so every scenario test checks limits for free.

`BotHttp` drives the app's real aiohttp server with requests signed the way Slack signs them.
Both come as fixtures from conftest.py (`fake_slack`, `bot_http`); a test reads:

    async def test_command_opens_a_dm(bot_http, fake_slack):
        status, body = await bot_http.command(text="Hi, I'd love to connect")
        assert status == 200                                   # acked within the request
        post = await fake_slack.wait_for("chat.postMessage")  # work done after the ack
        assert post.body["channel"] == "D0STUDENT"
        status, _ = await bot_http.click(post, text="Yes")    # press a button the app rendered
        fake_slack.fail("chat.update", status=429, headers={"Retry-After": "0"})
        await bot_http.settle()                               # every listener task finished
        assert fake_slack.message("D0STUDENT", post.response["ts"])["blocks"]

Scripting the fake: `set_response(method, json_or_fn)`, `fail(method, status, headers, times)`,
`delay(method, seconds)`, `drop(method)`, `set_user(user_id, tz=...)`, `set_usergroup(id, members)`,
`tokens.add(token)` (more workspaces' bot tokens); `oauth.v2.access` needs a `set_response`;
method "*" matches every Web API method. Reading it: `calls(method)`, `last(method)`,
`await wait_for(method, predicate, timeout, count)`, `message(channel, ts)`, `views`, `home_views`,
`files`, `violations`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import mimetypes
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

import payloads as p
from aiohttp import ClientSession, web
from blockkit_limits import check_blocks, check_fallback_text, check_view
from slack_sdk.signature import SignatureVerifier

JSON_FIELDS = frozenset({"blocks", "attachments", "view", "metadata", "files"})
MESSAGE_METHODS = frozenset(
    {"chat.postMessage", "chat.update", "chat.postEphemeral", "chat.scheduleMessage", "response_url"}
)
VIEW_METHODS = frozenset({"views.open", "views.update", "views.push", "views.publish"})
RESPONSE_URL_MAX_POSTS = 5


@dataclass
class Call:
    """One request the app made to the fake. `status` is None while in flight, 0 if dropped."""

    method: str  # Web API method, or "upload" / "response_url"
    body: dict[str, Any]
    headers: dict[str, str]
    time: float  # time.monotonic() on arrival
    path: str
    raw: bytes = b""
    status: int | None = None
    response: Any = None

    @property
    def ok(self) -> bool:
        return self.status == 200 and isinstance(self.response, dict) and self.response.get("ok") is True

    @property
    def done(self) -> bool:
        return self.status is not None

    def __repr__(self) -> str:
        keys = {
            k: v
            for k, v in self.body.items()
            if k in ("channel", "users", "text", "user", "ts", "view_id", "user_id")
        }
        return f"<Call {self.method} {self.status} {keys}>"


@dataclass
class _Rule:
    kind: str  # "respond" | "delay" | "drop"
    times: int | None  # None: forever
    status: int = 200
    json: Any = None  # dict, or callable(Call) -> dict
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
    """A Web API request body as a dict; JSON carried in form fields (blocks, view, ...) decoded."""
    if not raw:
        return {}
    if "json" in content_type:
        body = json.loads(raw)
    elif "x-www-form-urlencoded" in content_type:
        body = {
            k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()
        }
    else:
        return {}
    return body


def decode_json_fields(body: dict[str, Any]) -> dict[str, Any]:
    for key in JSON_FIELDS & body.keys():
        if isinstance(body[key], str) and body[key][:1] in ("[", "{"):
            body[key] = json.loads(body[key])
    return body


class FakeSlack:
    """A fake Slack Web API on 127.0.0.1:<ephemeral port>; see the module docstring."""

    def __init__(self, token: str | None = "xoxb-test") -> None:
        self.token = token  # None: accept any token
        self.tokens: set[str] = set()  # more accepted bot tokens (one per workspace installed through OAuth)
        self._calls: list[Call] = []
        self._rules: dict[str, list[_Rule]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.violations: list[str] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.usergroups: dict[str, list[str]] = {}
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.shared_files: dict[str, tuple[bytes, str, bool]] = {}
        self.downloads: list[tuple[str, str]] = []  # (file id, token) per download of a shared file
        self._response_url_posts: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._ts_base = int(time.time())

    # -- lifecycle ----------------------------------------------------------------------------
    async def start(self) -> FakeSlack:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/api/{method}", self._handle_api)
        app.router.add_get(
            "/api/{method}", self._handle_api
        )  # slack_sdk sends some methods (users.info) as GET
        app.router.add_post("/upload/v1/{file_id}", self._handle_upload)
        app.router.add_post("/response_url/{hook_id}", self._handle_response_url)
        app.router.add_get("/files-pri/{file_id}/{name}", self._handle_file_download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]  # the ephemeral port the OS chose
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The value for SLACK_API_URL / Settings.slack_api_url."""
        return f"{self.url}/api/"

    def response_url(self, hook_id: str | None = None) -> str:
        """A fresh response_url (recorded as method "response_url"; 5 posts, like Slack)."""
        return f"{self.url}/response_url/{hook_id or self._id('R')}"

    # -- scripting ----------------------------------------------------------------------------
    def set_response(
        self,
        method: str,
        json: dict | Callable[[Call], dict],
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer `method` with `json` (or `json(call)`) from now on, instead of the default answer."""
        rules = self._rules.setdefault(method, [])
        rules[:] = [r for r in rules if not (r.kind == "respond" and r.times is None)]
        rules.append(_Rule("respond", None, status, json, dict(headers or {})))

    def fail(
        self,
        method: str,
        status: int = 429,
        headers: dict[str, str] | None = None,
        times: int | None = 1,
        error: str | None = None,
    ) -> None:
        """The next `times` calls (None: all) answer `status`; 429 carries Retry-After (default "0")."""
        if headers is None:
            headers = {"Retry-After": "0"} if status == 429 else {}
        body = {"ok": False, "error": error or {429: "ratelimited"}.get(status, "internal_error")}
        self._rules.setdefault(method, []).insert(0, _Rule("respond", times, status, body, dict(headers)))

    def delay(self, method: str, seconds: float, times: int | None = None) -> None:
        """Wait `seconds` before answering the next `times` calls (None: all)."""
        self._rules.setdefault(method, []).insert(0, _Rule("delay", times, seconds=seconds))

    def drop(self, method: str, times: int | None = 1) -> None:
        """Close the connection without answering (the client sees a disconnect)."""
        self._rules.setdefault(method, []).insert(0, _Rule("drop", times))

    def add_file(
        self,
        data: bytes,
        *,
        name: str = "screenshot.png",
        mimetype: str = "image/png",
        size: int | None = None,
        served: bool = True,
    ) -> dict[str, Any]:
        """A file shared in Slack, as message events and file inputs describe it; its bytes are served
        at its url_private only with the bot's token, as Slack's file servers do."""
        file_id = self._id("F")
        self.shared_files[file_id] = (data, mimetype, served)
        url = f"{self.url}/files-pri/T0001-{file_id}/{name}"
        return {
            "id": file_id,
            "name": name,
            "mimetype": mimetype,
            "filetype": mimetype.rpartition("/")[2],
            "size": len(data) if size is None else size,
            "url_private": url,
            "url_private_download": url + "?download=1",
        }

    def set_user(self, user_id: str, **fields: Any) -> None:
        """users.info overrides, e.g. set_user("U1", tz="Europe/Berlin", tz_offset=3600, first_name="Ana")."""
        self.users.setdefault(user_id, {}).update(fields)

    def set_usergroup(self, usergroup_id: str, members: list[str]) -> None:
        self.usergroups[usergroup_id] = list(members)

    # -- reading ------------------------------------------------------------------------------
    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded calls in arrival order (all methods, or one)."""
        return [c for c in self._calls if method is None or c.method == method]

    def last(self, method: str) -> Call:
        found = self.calls(method)
        if not found:
            raise AssertionError(f"no {method} call; calls were {self.summary()}")
        return found[-1]

    def message(self, channel: str, ts: str) -> dict[str, Any]:
        """The message as the user now sees it (after chat.update; KeyError once chat.delete'd)."""
        return self.messages[(channel, ts)]

    def summary(self) -> list[str]:
        return [repr(c) for c in self._calls]

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
        count: int = 1,
    ) -> Call:
        """Wait until `count` answered calls of `method` match `predicate`; return the count-th one."""

        def matching() -> list[Call]:
            return [c for c in self.calls(method) if c.done and (predicate is None or predicate(c))]

        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(matching()) >= count), timeout)
        except TimeoutError:
            raise AssertionError(
                f"waited {timeout}s for {count} matching {method} call(s), saw "
                f"{len(matching())}; calls were {self.summary()}"
            ) from None
        return matching()[count - 1]

    @property
    def in_flight(self) -> int:
        return sum(1 for c in self._calls if not c.done)

    # -- request handling ---------------------------------------------------------------------
    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):06d}"

    def _ts(self) -> str:
        return f"{self._ts_base}.{next(self._ids):06d}"

    async def _record(self, request: web.Request, method: str, body: dict[str, Any] | None = None) -> Call:
        raw = await request.read()
        if body is None:  # Slack reads arguments from the query string too (slack_sdk's params=)
            body = decode_json_fields({**dict(request.query), **parse_body(raw, request.content_type)})
        call = Call(method, body, dict(request.headers), time.monotonic(), request.path, raw)
        self._calls.append(call)
        return call

    async def _finish(self, call: Call, status: int, response: Any) -> None:
        call.status, call.response = status, response
        async with self._changed:
            self._changed.notify_all()

    def _take_rules(self, method: str) -> list[_Rule]:
        taken = []
        for name in (method, "*"):
            for rule in list(self._rules.get(name, [])):
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules[name].remove(rule)
                taken.append(rule)
                if rule.kind in ("respond", "drop"):
                    return taken
        return taken

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        call = await self._record(request, method)
        for rule in self._take_rules(method):
            if rule.kind == "delay":
                await asyncio.sleep(rule.seconds)
            elif rule.kind == "drop":
                await self._finish(call, 0, None)
                request.transport.close()
                return web.Response(status=500)  # never delivered: the transport is closed
            else:
                answer = rule.json(call) if callable(rule.json) else rule.json
                await self._finish(call, rule.status, answer)
                return web.json_response(answer, status=rule.status, headers=rule.headers)
        try:
            answer = self._authorize(call) or self._check(call) or self._default(call)
        except Exception as exc:  # a bug in the fake must fail the test, not look like a Slack outage
            self.violations.append(f"{call.method}: the fake Slack crashed on {call.body!r}: {exc!r}")
            answer = {"ok": False, "error": "fake_slack_crashed"}
        await self._finish(call, 200, answer)
        return web.json_response(answer)

    def _authorize(self, call: Call) -> dict | None:
        if self.token is None or call.method == "oauth.v2.access":  # the token exchange authenticates the app
            return None
        auth = call.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else call.body.get("token")
        if not token:
            return {"ok": False, "error": "not_authed"}
        if token != self.token and token not in self.tokens:
            return {"ok": False, "error": "invalid_auth"}
        return None

    def _check(self, call: Call) -> dict | None:
        """Block Kit limits: recorded as violations, and answered the way Slack rejects them."""
        body = call.body
        if call.method in MESSAGE_METHODS and not body.get("delete_original"):
            block_problems = check_blocks(body.get("blocks"))
            problems = block_problems + check_fallback_text(body.get("text"))
        elif call.method in VIEW_METHODS:
            block_problems = problems = check_view(body.get("view"))
        else:
            return None
        self.violations.extend(f"{call.method}: {p}" for p in problems)
        if block_problems:
            error = "invalid_arguments" if call.method in VIEW_METHODS else "invalid_blocks"
            return {
                "ok": False,
                "error": error,
                "errors": block_problems,
                "response_metadata": {"messages": [f"[ERROR] {p}" for p in block_problems]},
            }
        return None

    def _default(self, call: Call) -> dict[str, Any]:
        handler = _DEFAULTS.get(call.method)
        if handler is None:
            return {"ok": False, "error": "unknown_method", "req_method": call.method}
        return handler(self, call.body)

    async def _handle_upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        call = await self._record(request, "upload", body={"file_id": file_id})
        if file_id not in self.files:
            await self._finish(call, 404, "file not found")
            return web.Response(status=404, text="file not found")
        self.files[file_id]["content"] = call.raw
        text = f"OK - {len(call.raw)}"
        await self._finish(call, 200, text)
        return web.Response(text=text)

    async def _handle_file_download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"].rpartition("-")[2]
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ")
        self.downloads.append((file_id, token))
        if file_id not in self.shared_files:
            return web.Response(status=404, text="not found")
        data, mimetype, served = self.shared_files[file_id]
        if not served or (self.token is not None and token != self.token and token not in self.tokens):
            # Slack's file servers answer a missing or wrong token with the sign-in page, not an error.
            return web.Response(status=200, text="<html>sign in</html>", content_type="text/html")
        return web.Response(body=data, content_type=mimetype)

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        hook_id = request.match_info["hook_id"]
        call = await self._record(request, "response_url")
        call.body["hook_id"] = hook_id
        used = self._response_url_posts[hook_id] = self._response_url_posts.get(hook_id, 0) + 1
        if used > RESPONSE_URL_MAX_POSTS:
            await self._finish(call, 404, {"ok": False, "error": "used_url"})
            return web.json_response(call.response, status=404)
        problem = self._check(call)
        answer = problem or {"ok": True}
        await self._finish(call, 400 if problem else 200, answer)
        return web.json_response(answer, status=call.status)

    # -- default answers (shapes from docs.slack.dev/reference/methods) -----------------------
    def _message(self, body: dict[str, Any], ts: str) -> dict[str, Any]:
        msg = {
            "type": "message",
            "subtype": "bot_message",
            "text": body.get("text", ""),
            "ts": ts,
            "user": p.BOT_USER_ID,
            "bot_id": p.BOT_ID,
            "app_id": p.API_APP_ID,
            "team": p.TEAM_ID,
            "blocks": body.get("blocks") or [],
        }
        if body.get("metadata"):
            msg["metadata"] = body["metadata"]
        if body.get("thread_ts"):
            msg["thread_ts"] = body["thread_ts"]
        return msg

    @staticmethod
    def _channel(channel: str) -> str:
        return p.dm_channel(channel) if channel.startswith(("U", "W")) else channel

    def _post_message(self, body: dict[str, Any]) -> dict[str, Any]:
        if not body.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not body.get("text") and not body.get("blocks") and not body.get("attachments"):
            return {"ok": False, "error": "no_text"}
        channel, ts = self._channel(body["channel"]), self._ts()
        msg = self._message(body, ts)
        self.messages[(channel, ts)] = msg
        return {"ok": True, "channel": channel, "ts": ts, "message": msg}

    def _update(self, body: dict[str, Any]) -> dict[str, Any]:
        channel, ts = body.get("channel", ""), body.get("ts", "")
        if not channel or not ts:
            return {"ok": False, "error": "invalid_arguments"}
        # Lenient: a message this fake never saw (built by a test) is updated as if it existed.
        msg = self.messages.get((channel, ts)) or self._message({}, ts)
        for key in ("text", "blocks", "metadata"):
            if key in body:
                msg[key] = body[key]
        msg["edited"] = {"user": p.BOT_USER_ID, "ts": self._ts()}
        self.messages[(channel, ts)] = msg
        return {"ok": True, "channel": channel, "ts": ts, "text": msg.get("text", ""), "message": msg}

    def _delete(self, body: dict[str, Any]) -> dict[str, Any]:
        channel, ts = body.get("channel", ""), body.get("ts", "")
        self.messages.pop((channel, ts), None)
        return {"ok": True, "channel": channel, "ts": ts}

    def _ephemeral(self, body: dict[str, Any]) -> dict[str, Any]:
        if not body.get("channel") or not body.get("user"):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "message_ts": self._ts()}

    def _open_conversation(self, body: dict[str, Any]) -> dict[str, Any]:
        users = body.get("users") or ""
        users = users if isinstance(users, list) else [u for u in users.split(",") if u]
        channel = body.get("channel") or (p.dm_channel(users[0]) if users else None)
        if channel is None:
            return {"ok": False, "error": "users_list_not_supplied"}
        return {
            "ok": True,
            "no_op": True,
            "already_open": True,
            "channel": {
                "id": channel,
                "created": self._ts_base,
                "is_im": channel.startswith("D"),
                "is_org_shared": False,
                "user": users[0] if users else None,
                "is_user_deleted": False,
                "priority": 0,
            },
        }

    def _full_view(self, view: dict[str, Any], view_id: str) -> dict[str, Any]:
        full = {
            "id": view_id,
            "team_id": p.TEAM_ID,
            "type": view.get("type"),
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "hash": f"{self._ts_base}.{self._id('h')}",
            "title": None,
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": None,
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": p.API_APP_ID,
            "external_id": "",
            "app_installed_team_id": p.TEAM_ID,
            "bot_id": p.BOT_ID,
        }
        full.update(view)
        full["id"] = view_id
        return full

    def _view_open(self, body: dict[str, Any]) -> dict[str, Any]:
        if not body.get("trigger_id"):
            return {"ok": False, "error": "invalid_arguments"}
        if not isinstance(body.get("view"), dict):
            return {"ok": False, "error": "invalid_arguments"}
        view_id = self._id("V")
        self.views[view_id] = self._full_view(body["view"], view_id)
        return {"ok": True, "view": self.views[view_id]}

    def _view_update(self, body: dict[str, Any]) -> dict[str, Any]:
        view_id = body.get("view_id")
        if not view_id and body.get("external_id"):
            view_id = next(
                (v["id"] for v in self.views.values() if v.get("external_id") == body["external_id"]), None
            )
            if view_id is None:
                return {"ok": False, "error": "not_found"}
        if not view_id or not isinstance(body.get("view"), dict):
            return {"ok": False, "error": "invalid_arguments"}
        old = self.views.get(view_id)
        if old is not None and body.get("hash") and body["hash"] != old["hash"]:
            return {"ok": False, "error": "hash_conflict"}
        self.views[view_id] = self._full_view(body["view"], view_id)
        return {"ok": True, "view": self.views[view_id]}

    def _view_publish(self, body: dict[str, Any]) -> dict[str, Any]:
        user_id, view = body.get("user_id"), body.get("view")
        if not user_id or not isinstance(view, dict):
            return {"ok": False, "error": "invalid_arguments"}
        view_id = self.home_views.get(user_id, {}).get("id") or self._id("V")
        self.views[view_id] = self.home_views[user_id] = self._full_view(view, view_id)
        return {"ok": True, "view": self.views[view_id]}

    def _users_info(self, body: dict[str, Any]) -> dict[str, Any]:
        user_id = body.get("user", "")
        if not user_id.startswith(("U", "W")):
            return {"ok": False, "error": "user_not_found"}
        o = self.users.get(user_id, {})
        first, last = o.get("first_name", "Alex"), o.get("last_name", "Rivera")
        real_name = o.get("real_name", f"{first} {last}")
        display = o.get("display_name", first.lower())
        tz = o.get("tz", "America/New_York")
        profile = {
            "title": "",
            "phone": "",
            "skype": "",
            "real_name": real_name,
            "real_name_normalized": real_name,
            "display_name": display,
            "display_name_normalized": display,
            "first_name": first,
            "last_name": last,
            "email": o.get("email", f"{user_id.lower()}@example.edu"),
            "image_72": "https://a.slack-edge.com/80588/img/avatars/ava_0001-72.png",
            "team": p.TEAM_ID,
        }
        user = {
            "id": user_id,
            "team_id": p.TEAM_ID,
            "name": o.get("name", display),
            "deleted": False,
            "color": "9f69e7",
            "real_name": real_name,
            "tz": tz,
            "tz_label": o.get("tz_label", "Eastern Time"),
            "tz_offset": o.get("tz_offset", -18000),
            "profile": profile,
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": False,
            "is_app_user": False,
            "updated": self._ts_base,
            "is_email_confirmed": True,
            "locale": "en-US",
        }
        for key, value in o.items():
            if key not in profile and key not in ("first_name", "last_name", "display_name", "email"):
                user[key] = value
        return {"ok": True, "user": user}

    def _usergroup_members(self, body: dict[str, Any]) -> dict[str, Any]:
        group = body.get("usergroup")
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": list(self.usergroups[group])}

    def _upload_url(self, body: dict[str, Any]) -> dict[str, Any]:
        if not body.get("filename") or not str(body.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = self._id("F")
        self.files[file_id] = {
            "id": file_id,
            "filename": body["filename"],
            "length": int(body["length"]),
            "content": None,
        }
        return {"ok": True, "upload_url": f"{self.url}/upload/v1/{file_id}", "file_id": file_id}

    def _complete_upload(self, body: dict[str, Any]) -> dict[str, Any]:
        done = []
        for item in body.get("files") or []:
            record = self.files.get(item.get("id"))
            if record is None or record["content"] is None:
                return {"ok": False, "error": "file_not_found"}
            record.update(
                title=item.get("title") or record["filename"],
                channel_id=body.get("channel_id"),
                initial_comment=body.get("initial_comment"),
                thread_ts=body.get("thread_ts"),
            )
            done.append(
                {
                    "id": record["id"],
                    "created": self._ts_base,
                    "timestamp": self._ts_base,
                    "name": record["filename"],
                    "title": record["title"],
                    "mimetype": mimetypes.guess_type(record["filename"])[0] or "application/octet-stream",
                    "filetype": record["filename"].rsplit(".", 1)[-1],
                    "user": p.BOT_USER_ID,
                    "size": len(record["content"]),
                    "is_external": False,
                    "is_public": False,
                    "url_private": f"{self.url}/files/{record['id']}",
                }
            )
        if not done:
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "files": done}

    def _auth_test(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{p.TEAM_DOMAIN}.slack.com/",
            "team": "Invite Check Test",
            "user": "invite_check",
            "team_id": p.TEAM_ID,
            "user_id": p.BOT_USER_ID,
            "bot_id": p.BOT_ID,
            "is_enterprise_install": False,
        }


_DEFAULTS: dict[str, Callable[[FakeSlack, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": FakeSlack._auth_test,
    "chat.postMessage": FakeSlack._post_message,
    "chat.update": FakeSlack._update,
    "chat.delete": FakeSlack._delete,
    "chat.postEphemeral": FakeSlack._ephemeral,
    "conversations.open": FakeSlack._open_conversation,
    "views.open": FakeSlack._view_open,
    "views.push": FakeSlack._view_open,
    "views.update": FakeSlack._view_update,
    "views.publish": FakeSlack._view_publish,
    "users.info": FakeSlack._users_info,
    "usergroups.users.list": FakeSlack._usergroup_members,
    "files.getUploadURLExternal": FakeSlack._upload_url,
    "files.completeUploadExternal": FakeSlack._complete_upload,
}


# -- the other direction: Slack -> app --------------------------------------------------------
@dataclass
class Reply:
    """The app's HTTP answer; unpacks as `status, body` (body: parsed JSON, else text, else None)."""

    status: int
    body: Any
    headers: dict[str, str]
    text: str
    elapsed: float = 0.0  # seconds until the app answered: Slack gives up after 3

    def __iter__(self):
        return iter((self.status, self.body))


class BotHttp:
    """Signed HTTP requests to the app's real aiohttp server, the way Slack sends them.

    `sign` on every helper: "valid" (default), "none" (no signature headers), "bad" (wrong secret),
    "stale" (valid signature over a timestamp 6 minutes old).
    """

    def __init__(
        self, fake: FakeSlack, signing_secret: str, restart: Callable[..., Awaitable[None]] | None = None
    ) -> None:
        self.fake = fake
        self.signing_secret = signing_secret
        self.base_url = ""  # set by the fixture once the server listens
        self.session: ClientSession | None = None
        self._restart = restart
        self.errors: list[logging.LogRecord] = []  # ERROR logs from bot.*, slack_bolt, slack_sdk, aiohttp
        self._baseline: set[asyncio.Task] = set()
        # Filled in by the `bot_http` fixture (conftest.py) for tests that need to reach inside:
        self.app: Any = None  # the slack_bolt AsyncApp
        self.deps: Any = None  # bot.slack.deps.Deps the listeners share
        self.store: Any = None  # bot.store.AsyncDecisionStore on the test's db file
        self.settings: Any = None  # bot.config.Settings
        self.clock: Any = None  # conftest.FakeClock passed to build_app

    def mark_started(self) -> None:
        """Tasks alive now (test, servers) are not the app's work; `settle` waits for the others."""
        self._baseline = set(asyncio.all_tasks())

    def take_errors(self) -> list[str]:
        """Return and forget the ERROR logs so far (the fixture fails a test that leaves any)."""
        taken = [
            f"{r.name}: {r.getMessage()}" + (f" ({r.exc_info[1]!r})" if r.exc_info else "")
            for r in self.errors
        ]
        self.errors.clear()
        return taken

    def pending_work(self) -> list[asyncio.Task]:
        """App tasks still running: Bolt's after-ack listener runs and anything the app spawned."""
        current = asyncio.current_task()
        pending = []
        for task in asyncio.all_tasks():
            if task is current or task in self._baseline or task.done():
                continue
            code = getattr(task.get_coro(), "cr_code", None)
            filename = code.co_filename if code else ""
            if "/aiohttp/" in filename or "/asyncio/" in filename:
                continue  # connection handlers of the two servers
            pending.append(task)
        return pending

    async def settle(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109 - the harness's one knob
        """Wait until every listener has finished its after-ack work and no Web API call is in flight.

        After `settle()`, asserting that something did *not* happen is deterministic.
        """
        deadline = asyncio.get_running_loop().time() + timeout
        quiet = 0
        while quiet < 3:  # three quiet loop turns in a row: nothing left to schedule more work
            await asyncio.sleep(0)
            busy = self.pending_work() or self.fake.in_flight
            quiet = 0 if busy else quiet + 1
            if busy:
                if asyncio.get_running_loop().time() > deadline:
                    raise AssertionError(
                        f"app still busy after {timeout}s: {self.pending_work()!r}, "
                        f"{self.fake.in_flight} Web API call(s) in flight"
                    )
                await asyncio.sleep(0.005)

    async def restart(self, **settings_overrides: Any) -> None:
        """Let running work finish, stop the app, its server and store, then start new ones on the same
        db file and fake Slack (the new server listens on a new port; `base_url` follows)."""
        if self._restart is None:
            raise RuntimeError("this BotHttp was built without a restart hook")
        await self._restart(**settings_overrides)

    # -- sending --------------------------------------------------------------------------------
    def _headers(self, body: str, sign: str) -> dict[str, str]:
        if sign == "none":
            return {}
        timestamp = int(time.time()) - (360 if sign == "stale" else 0)
        secret = "not-the-secret" if sign == "bad" else self.signing_secret
        signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
        return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        sign: str = "valid",
        path: str = "/slack/events",
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """POST a raw body to the app (signed per `sign`)."""
        assert self.session is not None, "bot_http is not started"
        all_headers = {
            "Content-Type": content_type,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **self._headers(body, sign),
            **(headers or {}),
        }
        started = time.monotonic()
        async with self.session.post(self.base_url + path, data=body.encode(), headers=all_headers) as res:
            reply = await self._reply(res)
        reply.elapsed = time.monotonic() - started
        return reply

    async def get(self, path: str) -> Reply:
        assert self.session is not None, "bot_http is not started"
        async with self.session.get(self.base_url + path) as res:
            return await self._reply(res)

    @staticmethod
    async def _reply(res) -> Reply:
        text = await res.text()
        try:
            body = json.loads(text) if text else None
        except ValueError:
            body = text
        return Reply(res.status, body, dict(res.headers), text)

    async def form(self, fields: dict[str, str], *, sign: str = "valid") -> Reply:
        return await self.post(urlencode(fields), "application/x-www-form-urlencoded", sign=sign)

    # -- what Slack sends -------------------------------------------------------------------------
    async def command(
        self,
        command: str = "/invite-check",
        text: str = "",
        *,
        user_id: str = p.STUDENT,
        channel_id: str = p.STUDENT_DM,
        sign: str = "valid",
        **extra: str,
    ) -> Reply:
        """A slash command; its response_url points at the fake (recorded as method "response_url")."""
        fields = p.slash_command(
            command,
            text,
            user_id=user_id,
            channel_id=channel_id,
            response_url=self.fake.response_url(),
            **extra,
        )
        return await self.form(fields, sign=sign)

    async def action(self, payload: dict[str, Any], *, sign: str = "valid") -> Reply:
        """Any interactivity payload (block_actions, view_submission, shortcut, ...) as `payload=` JSON."""
        if "response_url" in payload and "hooks.slack.com" in payload["response_url"]:
            payload = {**payload, "response_url": self.fake.response_url()}
        return await self.form({"payload": json.dumps(payload)}, sign=sign)

    async def block_action(
        self,
        action_id: str,
        value: str | None = None,
        *,
        user_id: str = p.STUDENT,
        block_id: str = "actions",
        message: dict | None = None,
        channel_id: str = p.STUDENT_DM,
        sign: str = "valid",
    ) -> Reply:
        """A button press built from ids (prefer `click`, which presses what the app really rendered)."""
        action = p.button_action(action_id, value, block_id=block_id)
        return await self.action(
            p.block_actions([action], user_id=user_id, channel_id=channel_id, message=message), sign=sign
        )

    async def click(
        self,
        source: Call | dict,
        action_id: str | None = None,
        *,
        text: str | None = None,
        value: Any = None,
        user_id: str = p.STUDENT,
        sign: str = "valid",
    ) -> Reply:
        """Use an element the app rendered: `source` is a recorded chat.postMessage/chat.update/views.* call
        (or a message/view dict). Pick the element by action_id and/or label text; `value` picks a
        select option. Sends block_actions with the right container, channel, message and view."""
        container, channel = self._container(source)
        block, element = p.find_element(container.get("blocks", []), action_id, text=text)
        actions = [p.action_for(block, element, value)]
        if container.get("type") in ("modal", "home"):
            payload = p.block_actions(actions, user_id=user_id, view=container)
        else:
            payload = p.block_actions(
                actions, user_id=user_id, channel_id=channel or p.STUDENT_DM, message=container
            )
        return await self.action(payload, sign=sign)

    @staticmethod
    def _container(source: Call | dict) -> tuple[dict[str, Any], str | None]:
        if isinstance(source, Call):
            response = source.response if isinstance(source.response, dict) else {}
            if "view" in response:
                return response["view"], None
            if "message" in response:
                return response["message"], response.get("channel") or source.body.get("channel")
            ts = response.get("message_ts", "1700000000.000100")  # chat.postEphemeral: no message echoed
            return p.bot_message(source.body.get("blocks"), source.body.get("text", ""), ts), source.body.get(
                "channel"
            )
        return source, None

    async def view_submission(
        self,
        view: Call | dict,
        values: dict[str, Any] | None = None,
        *,
        user_id: str = p.STUDENT,
        sign: str = "valid",
    ) -> Reply:
        """Submit a modal the app opened (a views.open/update call or a view dict) with {action_id: value}."""
        if isinstance(view, Call):
            view = (
                view.response["view"]
                if isinstance(view.response, dict) and "view" in view.response
                else view.body["view"]
            )
        return await self.action(p.view_submission(view, values, user_id=user_id), sign=sign)

    async def shortcut(self, callback_id: str, *, user_id: str = p.STUDENT, sign: str = "valid") -> Reply:
        return await self.action(p.global_shortcut(callback_id, user_id=user_id), sign=sign)

    async def message_shortcut(
        self,
        callback_id: str,
        message_text: str,
        *,
        user_id: str = p.STUDENT,
        channel_id: str = p.GENERAL,
        sign: str = "valid",
        **extra: Any,
    ) -> Reply:
        return await self.action(
            p.message_shortcut(callback_id, message_text, user_id=user_id, channel_id=channel_id, **extra),
            sign=sign,
        )

    async def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str | None = None,
        sign: str = "valid",
    ) -> Reply:
        """An Events API event_callback; pass the same `event_id` with `retry_num` to replay a retry."""
        envelope = (
            event
            if event.get("type") in ("event_callback", "url_verification")
            else p.event_callback(event, event_id=event_id)
        )
        headers = {}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        return await self.post(json.dumps(envelope), "application/json", sign=sign, headers=headers)
