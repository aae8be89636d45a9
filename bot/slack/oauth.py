"""Installs in many workspaces: Slack's OAuth flow through Bolt's OAuth settings.

With ``SLACK_CLIENT_ID``, ``SLACK_CLIENT_SECRET`` and ``SLACK_STATE_SECRET`` (and ``DATABASE_URL``),
the app serves ``/slack/install`` and ``/slack/oauth_redirect``, and keeps each workspace's bot
token in slack_sdk's SQLAlchemy installation store, in the same PostgreSQL database as the
decisions (tables ``slack_installations``, ``slack_bots``, ``slack_oauth_states``, created by the
store's schema migrations). Bolt then answers every request with the token of the workspace it
came from. The one who installs becomes that workspace's first career-center staff member
(``python -m bot workspace staff`` changes the list).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from datetime import UTC, datetime
from typing import Any

from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings

logger = logging.getLogger(__name__)

# The bot scopes of app_manifest.yml (a test keeps the two equal).
SCOPES = (
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "im:history",
    "im:write",
    "usergroups:read",
    "users:read",
)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_TTL = 600  # seconds an install link stays valid


def sqlalchemy_url(database_url: str) -> str:
    """DATABASE_URL for SQLAlchemy's async psycopg dialect (the same driver as the store)."""
    scheme, _, rest = database_url.partition("://")
    return f"postgresql+psycopg://{rest}"


class SignedStateStore(AsyncOAuthStateStore):
    """OAuth ``state`` values signed with SLACK_STATE_SECRET, stored (and consumed once) in the database.

    A forged or tampered state is refused before the database is asked; a copied valid one works
    once, within STATE_TTL, and only with the browser cookie Bolt sets alongside it.
    """

    def __init__(self, secret: str, inner: AsyncOAuthStateStore) -> None:
        self._key = secret.encode()
        self._inner = inner

    @property
    def logger(self) -> logging.Logger:
        return logger

    def _sign(self, state: str) -> str:
        return hmac.new(self._key, state.encode(), hashlib.sha256).hexdigest()[:32]

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = await self._inner.async_issue(*args, **kwargs)
        return f"{state}.{self._sign(state)}"

    async def async_consume(self, state: str) -> bool:
        raw, _, signature = state.rpartition(".")
        if not raw or not hmac.compare_digest(signature, self._sign(raw)):
            logger.warning("OAuth callback with a forged or damaged state refused")
            return False
        return await self._inner.async_consume(raw)


class ExpiringStateStore(AsyncSQLAlchemyOAuthStateStore):
    """slack_sdk's state store, plus: issuing a state deletes the ones past their time. Anyone can open
    /slack/install, and the states of links nobody finished would otherwise stay forever."""

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        table = self.oauth_states
        now = datetime.now(UTC).replace(tzinfo=None)  # the column holds naive UTC, as slack_sdk writes it
        async with self.engine.begin() as conn:
            await conn.execute(table.delete().where(table.c.expire_at <= now))
        return await super().async_issue(*args, **kwargs)


class WorkspaceInstallationStore(AsyncSQLAlchemyInstallationStore):
    """slack_sdk's store, plus: a new install is recorded as the workspace's (installer = first staff)."""

    def __init__(self, client_id: str, engine: Any, store: Any, *, timeout: float) -> None:
        super().__init__(client_id=client_id, engine=engine)
        self._decisions = store  # bot.store.AsyncDecisionStore on PostgreSQL
        self._timeout = timeout

    async def async_find_bot(self, **kwargs: Any) -> Bot | None:
        """Within INVITE_CHECK_DB_TIMEOUT: Bolt looks the token up before it acks, and takes a failure
        here for a missing installation (the student is then told faults.AUTHORIZE_TROUBLE)."""
        return await asyncio.wait_for(super().async_find_bot(**kwargs), self._timeout)

    async def async_save(self, installation: Installation) -> None:
        await super().async_save(installation)
        if installation.team_id:
            await self._decisions.workspace_installed(installation.team_id, installer=installation.user_id)
            logger.info("installed in workspace %s", installation.team_id)


def build_authorize(oauth: AsyncOAuthSettings, client: AsyncWebClient) -> AsyncInstallationStoreAuthorize:
    """Bolt's authorization from the installation store, with its cache on.

    Bolt looks the workspace's token up on every request, before the ack; with the cache off it also
    asks Slack's ``auth.test`` about that token every time, and a rate-limited ``auth.test`` then holds
    the ack past the 3 s Slack waits. Cached, each token is checked once; an uninstalled workspace is
    still refused, since its token is no longer found in the store.
    """
    return AsyncInstallationStoreAuthorize(
        logger=logging.getLogger("slack_bolt.InviteCheck"),
        installation_store=oauth.installation_store,
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        bot_only=oauth.installation_store_bot_only,
        cache_enabled=True,
        client=client,
    )


def build_oauth_settings(settings: Settings, store: Any) -> AsyncOAuthSettings:
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.store.postgres import connect_bounds

    timeout = settings.invite_check_db_timeout
    engine = create_async_engine(
        sqlalchemy_url(settings.database_url or ""),
        pool_size=2,
        max_overflow=2,
        pool_pre_ping=True,
        pool_timeout=timeout,
        connect_args=connect_bounds(settings.database_url or "", timeout),
    )
    installations = WorkspaceInstallationStore(settings.slack_client_id or "", engine, store, timeout=timeout)
    states = SignedStateStore(
        settings.slack_state_secret or "",
        ExpiringStateStore(expiration_seconds=STATE_TTL, engine=engine),
    )
    return AsyncOAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=installations,
        installation_store_bot_only=True,
        state_store=states,
        state_expiration_seconds=STATE_TTL,
    )


async def team_client(installations: Any, base: AsyncWebClient, team_id: str) -> AsyncWebClient | None:
    """A client holding `team_id`'s bot token (background jobs: no request brings one), or None when
    the workspace has no installation (uninstalled). Without OAuth (`installations` None): `base`."""
    if installations is None:
        return base
    bot = await installations.async_find_bot(enterprise_id=None, team_id=team_id)
    if bot is None or not bot.bot_token:
        return None
    return AsyncWebClient(
        token=bot.bot_token,
        base_url=base.base_url,
        timeout=base.timeout,
        retry_handlers=base.retry_handlers,
        session=base.session,
        logger=base.logger,
    )


async def forget_workspace(
    installations: Any, store: Any, team_id: str, *, enterprise_id: str | None = None
) -> None:
    """Uninstalled or bot token revoked: drop that workspace's tokens; every other workspace goes on."""
    await installations.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)
    await store.workspace_uninstalled(team_id)
    logger.warning(
        "workspace %s uninstalled Invite Check or revoked its token: its installation is removed", team_id
    )
