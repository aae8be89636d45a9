"""Scam cluster alerts: staff hear of a scam reaching several students without looking.

When a flagged check is first stored and, with the workspace's other flagged checks of the window
before it, makes a cluster (bot.staff.clusters: two or more students, one sender or contact point,
within 14 days), each staff member of the workspace gets one DM about it. "Once" is claimed in the
store under the cluster's key, so replicas and restarts never alert twice for one cluster; a cluster
whose shared things change (a new contact point joins it) is a new one. The staff App Home lists the
clusters still active (bot.slack.listeners.home).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack.faults import SLACK_FAILURES, describe
from bot.slack.views.staff import cluster_alert_message
from bot.staff.clusters import WINDOW, Cluster, find_clusters
from bot.store import AsyncDecisionStore, DecisionRecord, DecisionStore

if TYPE_CHECKING:
    from bot.slack.staff_access import StaffDirectory

logger = logging.getLogger(__name__)

ONCE_PREFIX = "cluster-alert:"


def with_records(
    clusters: Sequence[Cluster], records: Sequence[DecisionRecord]
) -> list[tuple[Cluster, list[DecisionRecord]]]:
    """Each cluster with its checks, in time order (to show who checked when)."""
    by_id = {r.id: r for r in records}
    return [(c, [by_id[i] for i in c.record_ids if i in by_id]) for c in clusters]


def active_clusters(
    flagged: Sequence[DecisionRecord], now: datetime
) -> list[tuple[Cluster, list[DecisionRecord]]]:
    """Clusters among `flagged` whose newest check is within the window before `now`, newest first."""
    return with_records([c for c in find_clusters(flagged) if c.last >= now - WINDOW], flagged)


async def tell_staff(
    staff: StaffDirectory, client: AsyncWebClient, team_id: str, text: str, blocks: list[dict]
) -> tuple[int, int]:
    """DM a message to each staff member of the workspace; one failed DM does not stop the others.
    Returns (sent, staff members)."""
    members = sorted(await staff.members(team_id, client))
    sent = 0
    for member in members:
        try:
            await client.chat_postMessage(channel=member, text=text, blocks=blocks)
            sent += 1
        except SLACK_FAILURES as exc:
            logger.warning("could not DM a staff member (%s)", describe(exc))
    return sent, len(members)


class ScamAlerts:
    def __init__(
        self,
        *,
        settings: Settings,
        store: AsyncDecisionStore,
        clock: Callable[[], datetime],
        staff: StaffDirectory,
    ) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock
        self.staff = staff

    async def recorded(self, client: AsyncWebClient, record: DecisionRecord) -> bool:
        """A flagged check was just stored: alert staff if it makes a cluster they were not told of.
        True when this call sent the alert."""
        if record.flagged is None or not record.signals.red_flags:
            return False
        since = record.created_at - WINDOW

        def flagged(store: DecisionStore) -> list[DecisionRecord]:
            found = store.iter_records(team_id=record.team_id, since=since, newest_first=False)
            return [r for r in found if r.signals.red_flags]

        records = await self.store.call(flagged)
        cluster = next((c for c in find_clusters(records) if record.id in c.record_ids), None)
        if cluster is None:
            return False
        name = ONCE_PREFIX + cluster.key
        if not await self.store.claim_once(name, self.clock()):
            return False
        ((_, members),) = with_records([cluster], records)
        text, blocks = cluster_alert_message(
            cluster, members, self.settings.invite_check_staff_view, await self.store.pseudonym_key()
        )
        sent, staff = await tell_staff(self.staff, client, record.team_id, text, blocks)
        if staff and not sent:  # Slack refused every DM: the next check of this cluster tries again
            await self.store.forget_once(name)
            return False
        if not staff:
            logger.warning("a scam cluster formed but no staff member is configured to hear of it")
        logger.info("scam cluster alert sent", extra={"students": cluster.students, "staff": sent})
        return sent > 0
