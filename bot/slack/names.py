"""The student's own name, which signs the messages the advice drafts (users.info, cached briefly).

Shared by the walkthrough (bot.slack.walkthrough) and the follow-ups (bot.slack.followups), so neither
needs the other for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching.advice import Advice, advise
from bot.coaching.content import Content
from bot.slack.faults import SLACK_FAILURES
from bot.slack.views import codec as st

logger = logging.getLogger(__name__)
NAME_TTL = timedelta(hours=1)
NAME_FAILED_TTL = timedelta(minutes=1)  # a failed users.info is remembered this long


class Names:
    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self._names: dict[str, tuple[datetime, str | None]] = {}  # user_id -> (valid until, name)

    async def name(self, client: AsyncWebClient, user_id: str) -> str | None:
        hit = self._names.get(user_id)
        now = self.clock()
        if hit and now < hit[0]:
            return hit[1]
        try:
            user = (await client.users_info(user=user_id))["user"]
            profile = user.get("profile") or {}
            name = (
                profile.get("real_name") or user.get("real_name") or profile.get("display_name") or ""
            ).strip()
            name = name[:80] or None
        except (*SLACK_FAILURES, KeyError, TypeError):  # a slow or failing Slack must not cost the decision
            logger.warning("users.info failed; signing the message with a placeholder")
            # Remembered briefly: long enough to spare a struggling Slack a call per click, short
            # enough that the next checks are signed with the student's name again.
            self._names[user_id] = (now + NAME_FAILED_TTL, None)
            return None
        self._names[user_id] = (now + NAME_TTL, name)
        return name

    async def advice(
        self,
        content: Content,
        client: AsyncWebClient,
        user_id: str,
        state: st.WalkState,
        *,
        interest: str | None = None,
    ) -> Advice:
        """The recommendation for the state's answers, its message signed with the student's name."""
        return advise(
            content,
            state.answers,
            red_flags=state.signals.red_flags,
            scam=state.safety_first,
            reading=st.reading(state),
            my_name=await self.name(client, user_id),
            interest=interest,
        )
