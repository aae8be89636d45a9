"""Who counts as career-center staff.

Staff = ``INVITE_CHECK_STAFF_USER_IDS`` plus the members of ``INVITE_CHECK_STAFF_USERGROUP``
(``usergroups.users.list``, asked in the workspace of the request and cached per workspace for
:data:`CACHE_TTL`). When the user-group lookup fails
(missing scope, unknown group, Slack down, slow answer) we log a warning and fall back to the
explicit IDs: an error never grants access. Requests that arrive while a lookup is under way wait
for that same lookup (ten App Home opens against a hanging Slack used to queue, 2 s each), and a
failure is remembered for :data:`FAILURE_TTL`, so the next requests answer at once and Slack is
asked again soon after.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Protocol

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.store import utc_now

logger = logging.getLogger(__name__)

CACHE_TTL = timedelta(minutes=5)
FAILURE_TTL = timedelta(seconds=30)  # after a failed lookup: explicit staff IDs only, no new lookup
LOOKUP_TIMEOUT = 2.0  # seconds: staff checks run before an ack, which Slack wants within 3 s

ClientSource = AsyncWebClient | Callable[[], AsyncWebClient]


class StaffSettings(Protocol):
    """The two settings a StaffDirectory reads (bot.config.Settings, or one workspace's group alone)."""

    @property
    def invite_check_staff_user_ids(self) -> frozenset[str]: ...

    @property
    def invite_check_staff_usergroup(self) -> str | None: ...


class StaffDirectory:
    def __init__(
        self,
        settings: StaffSettings,
        client: ClientSource | None = None,
        clock: Callable[[], datetime] = utc_now,
        *,
        ttl: timedelta = CACHE_TTL,
        timeout: float = LOOKUP_TIMEOUT,
        workspace: Callable[[str], Awaitable[dict | None]] | None = None,
    ) -> None:
        self.explicit: frozenset[str] = frozenset(settings.invite_check_staff_user_ids)
        self.usergroup: str | None = settings.invite_check_staff_usergroup
        self._client = client
        self._clock = clock
        self._ttl = ttl
        self._timeout = timeout
        self._members: frozenset[str] = frozenset()
        self._fetched_at: datetime | None = None
        self._failed_at: datetime | None = None
        self._lookup: asyncio.Future[frozenset[str]] | None = None  # the one lookup under way, shared
        # Installs in many workspaces: team_id -> its row (staff_user_ids, staff_usergroup), per request.
        self._workspace = workspace
        self._team_groups: dict[str, StaffDirectory] = {}  # a usergroup of one workspace -> its cache

    def _client_now(self, client: AsyncWebClient | None) -> AsyncWebClient | None:
        if client is not None:
            return client
        if isinstance(self._client, AsyncWebClient) or self._client is None:
            return self._client
        return self._client()

    def _fresh(self) -> bool:
        return self._fetched_at is not None and self._clock() - self._fetched_at < self._ttl

    async def group_members(self, client: AsyncWebClient | None = None) -> frozenset[str]:
        """Members of the staff user group (empty when none is configured or the lookup fails)."""
        if not self.usergroup:
            return frozenset()
        if self._fresh():
            return self._members
        if self._failed_at is not None and self._clock() - self._failed_at < FAILURE_TTL:
            return frozenset()
        if self._lookup is None or self._lookup.done():
            self._lookup = asyncio.ensure_future(self._fetch(self._client_now(client)))
        # shield: a waiter that gives up (its request cancelled) must not cancel the others' lookup
        return await asyncio.shield(self._lookup)

    async def _fetch(self, api: AsyncWebClient | None) -> frozenset[str]:
        if api is None:
            logger.warning(
                "no Slack client to look up staff user group %s; using explicit staff IDs only",
                self.usergroup,
            )
            return frozenset()
        try:
            # POST (form-encoded), which every Web API method accepts; slack_sdk's helper would GET.
            resp = await asyncio.wait_for(
                api.api_call("usergroups.users.list", http_verb="POST", data={"usergroup": self.usergroup}),
                timeout=self._timeout,
            )
            users = resp.get("users")
            if not isinstance(users, list):
                raise TypeError("usergroups.users.list answered without a 'users' list")
        except SlackApiError as exc:
            return self._failed(slack_error(exc))
        except (SlackClientError, aiohttp.ClientError, TimeoutError, OSError, TypeError, ValueError) as exc:
            return self._failed(type(exc).__name__)
        self._members = frozenset(u for u in users if isinstance(u, str))
        self._fetched_at = self._clock()
        self._failed_at = None
        return self._members

    def _failed(self, why: str) -> frozenset[str]:
        logger.warning(
            "usergroups.users.list failed for %s (%s); using explicit staff IDs only for %d s",
            self.usergroup,
            why,
            FAILURE_TTL.total_seconds(),
        )
        self._failed_at = self._clock()
        self._fetched_at = None  # a stale member list is not trusted after a failure
        return frozenset()

    async def is_staff(
        self, user_id: str | None, client: AsyncWebClient | None = None, team_id: str | None = None
    ) -> bool:
        """Staff of the workspace `team_id`: the settings' staff (every workspace), plus, for installs in
        many workspaces, that workspace's own staff list and user group. Never another workspace's."""
        if not user_id:
            return False
        if user_id in self.explicit:
            return True
        if team_id and self._workspace is not None:
            row = await self._workspace(team_id)
            if row and row.get("uninstalled_at") is None:
                if user_id in (row.get("staff_user_ids") or ()):
                    return True
                group = row.get("staff_usergroup")
                if group and user_id in await self._team_group(team_id, group).group_members(client):
                    return True
        return user_id in await self._settings_group(team_id).group_members(client)

    def _settings_group(self, team_id: str | None) -> StaffDirectory:
        """The member cache of the settings' user group (staff in every workspace) as `team_id` sees it.

        Looked up in that workspace, with its token, and cached for it alone: a school where the
        lookup fails (the group is not visible there, its token lacks the scope) keeps its own failure,
        and the staff of every other workspace keep their access."""
        if team_id and self.usergroup:
            return self._team_group(team_id, self.usergroup)
        return self

    def _team_group(self, team_id: str, group: str) -> StaffDirectory:
        """The member cache of one workspace's staff user group."""
        cache = self._team_groups.get(f"{team_id}/{group}")
        if cache is None:
            cache = self._team_groups[f"{team_id}/{group}"] = StaffDirectory(
                _GroupOnly(group), self._client, self._clock, ttl=self._ttl, timeout=self._timeout
            )
        return cache

    async def members(self, team_id: str | None, client: AsyncWebClient | None = None) -> frozenset[str]:
        """Everyone who is staff in the workspace `team_id` (whom an alert goes to)."""
        found = set(self.explicit) | set(await self._settings_group(team_id).group_members(client))
        if team_id and self._workspace is not None:
            row = await self._workspace(team_id)
            if row and row.get("uninstalled_at") is None:
                found |= set(row.get("staff_user_ids") or ())
                group = row.get("staff_usergroup")
                if group:
                    found |= set(await self._team_group(team_id, group).group_members(client))
        return frozenset(found)

    def invalidate(self) -> None:
        self._fetched_at = None
        self._failed_at = None
        self._team_groups.clear()


class _GroupOnly:
    """The two settings StaffDirectory reads, for one workspace's user group."""

    invite_check_staff_user_ids: frozenset[str] = frozenset()

    def __init__(self, group: str) -> None:
        self.invite_check_staff_usergroup = group


def slack_error(exc: SlackApiError) -> str:
    data = getattr(exc.response, "data", exc.response)
    if isinstance(data, dict) and data.get("error"):
        return str(data["error"])
    return f"HTTP {getattr(exc.response, 'status_code', '?')}"
