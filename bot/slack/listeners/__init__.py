"""Registers every Slack listener; each module keeps its handlers free of decorators."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.deps import Deps
from bot.slack.flow import Flow


def register(app: AsyncApp, deps: Deps) -> None:
    from bot.slack.listeners import (
        actions,
        commands,
        events,
        followups,
        home,
        lifecycle,
        shortcuts,
        staff,
        student,
        views,
    )

    deps.extras.setdefault("flow", Flow(deps))
    # Bolt runs the first matching listener: `actions` goes last because it ends with a catch-all.
    for module in (commands, views, shortcuts, events, staff, home, student, lifecycle, followups, actions):
        module.register(app, deps)
