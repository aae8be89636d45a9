"""Every Slack listener, registered in one table; handler modules hold plain functions, no decorators.

Handlers declare what they need as parameters and Bolt passes it in: its own (`ack`, `body`, `client`,
`respond`, ...), the context's `user_id` and `team_id` (always the request's workspace:
bot.slack.workspace), and `deps` (bot.slack.deps.Deps), which the one
middleware below (InjectDeps) puts in the context. Each handler is wrapped by bot.slack.faults.guard where it is
registered. Bolt runs the first listener that matches, trying them in this order: the walkthrough
clicks (most requests) come first, the catch-all for unknown buttons last.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.slack.deps import Deps
from bot.slack.faults import bolt_error, guard
from bot.slack.views import followups as fb
from bot.slack.views import staff as sb
from bot.slack.views import student as bk
from bot.slack.views import student_pages as pages


class InjectDeps(AsyncMiddleware):
    """Puts `deps` in every request's context, where Bolt finds it for the listeners' `deps` parameter.

    A middleware class rather than a function: Bolt calls it directly, without building keyword
    arguments for it on every request.
    """

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:  # noqa: A002 - Bolt's name
        req.context["deps"] = self.deps
        return await next()


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

    app.use(InjectDeps(deps))
    app.error(bolt_error)
    listeners: list[tuple[Callable[..., Any], str | re.Pattern[str], Callable[..., Any]]] = [
        (
            app.action,
            re.compile(bk.WALK_ACTIONS),
            actions.walkthrough_click,
        ),
        (app.command, "/invite-check", commands.invite_check),
        (app.action, re.compile(fb.ACTION_PATTERN), followups.followup_click),
        (app.event, "message", events.direct_message),
        (app.view, bk.MODAL_CALLBACK, views.modal_submitted),
        (app.action, bk.A_START, actions.start_button),
        (app.action, bk.A_FIELD, actions.field_button),
        (app.view, bk.FIELD_CALLBACK, views.field_submitted),
        (app.shortcut, shortcuts.GLOBAL_SHORTCUT, shortcuts.global_shortcut),
        (app.shortcut, shortcuts.MESSAGE_SHORTCUT, shortcuts.message_shortcut),
        (app.command, "/invite-summary", staff.invite_summary),
        (app.action, sb.A_EXPORT, staff.export_csv),
        (app.event, "app_home_opened", home.home_opened),
        (app.action, sb.A_PERIOD, home.period_selected),
        (app.action, pages.A_HOME_DELETE, home.delete_my_data),
        (app.action, pages.A_DELETE_CONFIRM, student.delete_confirmed),
        (app.action, pages.A_DELETE_CANCEL, student.delete_cancelled),
        (app.event, "app_uninstalled", lifecycle.app_uninstalled),
        (app.event, "tokens_revoked", lifecycle.tokens_revoked),
        (app.action, re.compile(".*"), actions.unknown_action),  # last: it matches every action
    ]
    for kind, key, handler in listeners:
        kind(key)(guard(handler))
