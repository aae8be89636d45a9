"""App lifecycle: when the app is uninstalled or its bot token revoked.

One bot token (SLACK_BOT_TOKEN): nothing can reach Slack any more, so serving on would only log
errors. The listener sets `deps.stop`, which bot.slack.server waits on alongside SIGINT/SIGTERM; the
server then closes the HTTP site or Socket Mode connection and the store before exiting with 0.

Installs in many workspaces (OAuth): only that workspace's installation is removed; every other
workspace goes on being served. Its records stay until retention purges them.
"""

from __future__ import annotations

import logging

from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.deps import Deps

logger = logging.getLogger(__name__)


async def app_uninstalled(context: AsyncBoltContext, deps: Deps) -> None:
    await _lost_access(context, deps, "Invite Check was uninstalled from workspace %s: stopping")


async def tokens_revoked(event: dict, context: AsyncBoltContext, deps: Deps) -> None:
    tokens = event.get("tokens")
    if isinstance(tokens, dict) and tokens.get("oauth") and not tokens.get("bot"):
        logger.warning(
            "user tokens were revoked in workspace %s; the bot token is unaffected", context.team_id or "?"
        )
        return  # this app holds no user tokens; only the bot token matters
    await _lost_access(context, deps, "Invite Check's bot token was revoked in workspace %s: stopping")


async def _lost_access(context: AsyncBoltContext, deps: Deps, stopping: str) -> None:
    """Forget that workspace's installation (many workspaces), or stop serving (one bot token).
    The workspace comes from Bolt's context: on Enterprise Grid the body's team_id may be absent."""
    team = context.team_id or ""
    if deps.installations is not None:
        from bot.slack.oauth import forget_workspace

        await forget_workspace(deps.installations, deps.store, team, enterprise_id=context.enterprise_id)
        return
    logger.warning(stopping, team or "?")
    deps.stop.set()
