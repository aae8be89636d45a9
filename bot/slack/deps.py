"""What the Slack listeners need, built once by bot.slack.app.wire and put in Bolt's context by one middleware.

Listeners declare `deps: Deps` as a parameter and Bolt passes it in (Bolt injects any context key by
name), as it passes `user_id` and `team_id`. Only listeners (and the background jobs) read this bag:
the services in it are handed what they use as constructor arguments, built in dependency order
(names <- result cards; cards, locks <- followups <- walkthrough), so none reaches back up or into the others through here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from bot.coaching.content import Content
from bot.config import Settings
from bot.store import utc_now

if TYPE_CHECKING:
    from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

    from bot.slack.followups import Followups
    from bot.slack.locks import WalkLocks
    from bot.slack.names import Names
    from bot.slack.screenshots import Screenshots
    from bot.slack.staff_access import StaffDirectory
    from bot.slack.walkthrough import Walkthrough
    from bot.store import AsyncDecisionStore


@dataclass
class Deps:
    settings: Settings
    store: AsyncDecisionStore
    content: Content
    names: Names  # the students' own names and time zones (users.info, cached)
    locks: WalkLocks  # one click at a time per walkthrough (walkthrough and follow-up buttons)
    followups: Followups  # reminder offers, cancellation, delivery
    walkthrough: Walkthrough
    staff: StaffDirectory  # who counts as staff (cached)
    screenshots: Screenshots  # pictures of invitations: fetched, read off the event loop, then walked through
    clock: Callable[[], datetime] = utc_now
    # Installs in many workspaces (OAuth): Bolt's installation store, where background jobs find a
    # workspace's bot token and uninstalls drop it. None with one bot token.
    installations: AsyncInstallationStore | None = None
    home_periods: dict[str, int | None] = field(default_factory=dict)  # App Home: user_id -> days picked
    # Set when the app must stop (app_uninstalled / tokens_revoked); bot.slack.server waits on it with SIGTERM.
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    # Long-running background tasks (retention, reminders): bot.slack.server cancels each at shutdown, after
    # in-flight requests have finished and before the store is closed. Append yours when you start it.
    background: list[asyncio.Task] = field(default_factory=list)
