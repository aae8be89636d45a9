"""App lifecycle: when the app is uninstalled or its bot token revoked, stop the process cleanly.

Nothing can reach Slack any more, so serving on would only log errors. The listener sets
`deps.stop`, which bot.slack.server waits on alongside SIGINT/SIGTERM; the server then closes the
HTTP site or Socket Mode connection and the store (compacting it) before exiting with status 0.
"""

from __future__ import annotations

import logging

from bot.deps import Deps

logger = logging.getLogger(__name__)


async def app_uninstalled(body: dict, deps: Deps) -> None:
    logger.warning("Invite Check was uninstalled from workspace %s: stopping", body.get("team_id", "?"))
    deps.stop.set()


async def tokens_revoked(event: dict, body: dict, deps: Deps) -> None:
    tokens = event.get("tokens")
    if isinstance(tokens, dict) and tokens.get("oauth") and not tokens.get("bot"):
        logger.warning(
            "user tokens were revoked in workspace %s; the bot token is unaffected", body.get("team_id", "?")
        )
        return  # this app holds no user tokens; only the bot token matters
    logger.warning("Invite Check's bot token was revoked in workspace %s: stopping", body.get("team_id", "?"))
    deps.stop.set()
