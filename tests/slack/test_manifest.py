"""app_manifest.yml and the code agree both ways: what is declared is handled, what is handled is
declared, and the bot scopes cover every Web API method the code calls."""

import json
import re
from pathlib import Path

import pytest
import yaml

from bot.coaching.content import DEFAULT_PROMPTS, load_content
from bot.config import Settings
from bot.slack import listeners
from bot.slack.deps import Deps

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = yaml.safe_load((ROOT / "app_manifest.yml").read_text())

# Web API method (as slack_sdk names it) -> the bot scope it needs (None: no scope needed).
SCOPES = {
    "auth_test": None,
    "chat_postMessage": "chat:write",
    "chat_update": "chat:write",
    "chat_postEphemeral": "chat:write",
    "chat_delete": "chat:write",
    "conversations_open": "im:write",
    "users_info": "users:read",
    "usergroups_users_list": "usergroups:read",
    "usergroups.users.list": "usergroups:read",
    "files_upload_v2": "files:write",
    "views_open": None,
    "views_update": None,
    "views_publish": None,
}
# Events API type in the manifest -> the type Bolt sees.
EVENT_TYPES = {"message.im": "message"}


class RecordingApp:
    """Stands in for AsyncApp during register(): records what each listener module subscribes to."""

    def __init__(self) -> None:
        self.seen: dict[str, set] = {
            "command": set(),
            "shortcut": set(),
            "event": set(),
            "action": set(),
            "view": set(),
        }
        self.client = None

    def _record(self, kind: str, key) -> object:
        self.seen[kind].add(key.pattern if isinstance(key, re.Pattern) else key)
        return lambda fn: fn

    def command(self, name):
        return self._record("command", name)

    def shortcut(self, callback_id):
        return self._record("shortcut", callback_id)

    def event(self, event_type):
        return self._record("event", event_type if isinstance(event_type, str) else event_type.get("type"))

    def action(self, action_id):
        return self._record("action", action_id)

    def view(self, callback_id):
        return self._record("view", callback_id)

    def __getattr__(self, name):  # middleware, error handlers...: accept and ignore
        return lambda *a, **k: lambda fn: fn


@pytest.fixture(scope="module")
def registered() -> dict[str, set]:
    app = RecordingApp()
    # Registration only records listeners: no service is called, so none is built.
    services = dict.fromkeys(("store", "names", "locks", "followups", "walkthrough", "staff"))
    deps = Deps(settings=Settings(_env_file=None), content=load_content(DEFAULT_PROMPTS), **services)
    listeners.register(app, deps)  # type: ignore[arg-type] - records what is registered
    return app.seen


def test_manifest_is_valid_against_slacks_schema():
    """Slack's published manifest schema, vendored in tests/data/slack-manifest-schema (MIT)."""
    import jsonschema

    version = (MANIFEST.get("_metadata") or {}).get("major_version", 1)
    schema_file = ROOT / "tests" / "data" / "slack-manifest-schema" / f"manifest.schema.{version}.0.0.json"
    validator = jsonschema.Draft7Validator(json.loads(schema_file.read_text()))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(MANIFEST)]
    assert not errors, errors


def test_every_slash_command_is_declared_and_handled(registered):
    declared = {c["command"] for c in MANIFEST["features"]["slash_commands"]}
    assert declared == registered["command"]


def test_every_shortcut_is_declared_and_handled(registered):
    declared = {s["callback_id"] for s in MANIFEST["features"]["shortcuts"]}
    assert declared == registered["shortcut"]


def test_every_event_is_declared_and_handled(registered):
    declared = {EVENT_TYPES.get(e, e) for e in MANIFEST["settings"]["event_subscriptions"]["bot_events"]}
    assert declared == registered["event"]


def test_interactivity_and_app_home_match_the_code(registered):
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True and registered["action"]
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is ("app_home_opened" in registered["event"])
    assert MANIFEST["settings"]["socket_mode_enabled"] is True


def called_methods() -> set[str]:
    found = set()
    for path in (ROOT / "bot").rglob("*.py"):
        text = path.read_text()
        found |= set(re.findall(r"client\.([A-Za-z_0-9]+)\(", text))
        found |= set(re.findall(r"api_call\(\s*\"([a-z.]+)\"", text))
    return found - {"api_call"}


def test_bot_scopes_cover_every_web_api_method_the_code_calls():
    methods = called_methods()
    unknown = methods - set(SCOPES)
    assert not unknown, f"add these Web API methods and their scopes to SCOPES: {sorted(unknown)}"
    needed = {SCOPES[m] for m in methods} - {None}
    needed |= {"commands"}  # slash commands and shortcuts
    needed |= {"im:history"}  # message.im events
    assert needed == set(MANIFEST["oauth_config"]["scopes"]["bot"]), "scopes should be exactly what is used"
