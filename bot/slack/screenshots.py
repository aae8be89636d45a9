"""Screenshots shared with the bot: fetch the file from Slack with the bot's own token, read it off the
event loop (bot.screenshot), show the student what was read, then start the usual walkthrough on it.

The student sees "Reading your screenshot..." at once; that message becomes what was read (or a plain
reason it could not be), so there is one message per picture. Images stay in memory and are never
stored or logged.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from bot.screenshot import MAX_BYTES, ScreenshotError, ScreenshotReader, ScreenshotText
from bot.slack.faults import SLACK_FAILURES, describe
from bot.slack.views import student as bk
from bot.slack.walkthrough import Walkthrough

logger = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT = 20.0  # seconds for one file from Slack's file servers


def slack_file_url(url: str, api_url: str) -> bool:
    """Whether `url` is on Slack's own hosts (the Web API's host or one under it, as files.slack.com
    is under slack.com), over the Web API's scheme: the bot token goes to no other address."""
    file, api = urlsplit(url), urlsplit(api_url)
    host, api_host = file.hostname or "", api.hostname or ""
    return (
        bool(api_host) and file.scheme == api.scheme and (host == api_host or host.endswith("." + api_host))
    )


def image_files(files: object) -> list[dict[str, Any]]:
    """The files of a message or a modal's file input, as Slack describes them (any kind: a file that is
    not an image is still answered, with why it can't be read)."""
    return [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []


class Screenshots:
    def __init__(self, reader: ScreenshotReader, walkthrough: Walkthrough) -> None:
        self.reader = reader
        self.walkthrough = walkthrough

    async def download(self, client: AsyncWebClient, file: dict[str, Any]) -> bytes:
        """The file's bytes, fetched with the bot token (Slack's private file URLs need it); refuses a
        file over the size limit before and while reading it."""
        if not str(file.get("mimetype") or "image/").startswith("image/"):
            raise ScreenshotError("not_image", str(file.get("mimetype")))
        size = file.get("size")
        if isinstance(size, int) and size > MAX_BYTES:
            raise ScreenshotError("too_big", f"{size} bytes")
        url = file.get("url_private_download") or file.get("url_private")
        if not isinstance(url, str) or not slack_file_url(url, client.base_url):
            raise ScreenshotError("corrupt", "no download address on Slack's own hosts")
        timeout = aiohttp.ClientTimeout(total=DOWNLOAD_TIMEOUT)
        headers = {"Authorization": f"Bearer {client.token}"}
        async with contextlib.AsyncExitStack() as stack:
            # The app's pooled session when it has one (Bolt hands it to every request's client).
            session = client.session
            if session is None:
                session = await stack.enter_async_context(aiohttp.ClientSession())
            response = await stack.enter_async_context(
                session.get(url, headers=headers, timeout=timeout, allow_redirects=True)
            )
            if response.status != 200 or response.content_type.startswith("text/html"):
                # Slack answers a request without a valid token with its sign-in page, not an error code.
                raise aiohttp.ClientResponseError(
                    response.request_info, (), status=response.status, message="file not served"
                )
            data = await response.content.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ScreenshotError("too_big", "over the limit while downloading")
        return data

    async def read(self, client: AsyncWebClient, file: dict[str, Any]) -> ScreenshotText:
        return await self.reader.read(await self.download(client, file))

    async def check(
        self,
        client: AsyncWebClient,
        files: list[dict[str, Any]],
        *,
        team_id: str,
        user_id: str,
        wid: str | None = None,
        caption: str = "",
    ) -> None:
        """Read the first picture and start the walkthrough on what it shows (with the caption, if the
        student wrote one, after it). Every failure ends in a message the student can act on."""
        posted = await client.chat_postMessage(channel=user_id, text=bk.reading_screenshot_text())
        channel, ts = posted["channel"], posted["ts"]
        try:
            read = await self.read(client, files[0])
        except ScreenshotError as exc:
            logger.info("screenshot not read (%s)", exc.code)
            await client.chat_update(channel=channel, ts=ts, text=bk.screenshot_problem_text(exc.code))
            return
        except SLACK_FAILURES as exc:  # aiohttp.ClientError among them
            logger.warning("screenshot download failed (%s)", describe(exc))
            await client.chat_update(channel=channel, ts=ts, text=bk.screenshot_problem_text("download"))
            return
        if not read.text.strip():
            await client.chat_update(channel=channel, ts=ts, text=bk.screenshot_problem_text("empty"))
            return
        logger.info("screenshot read", extra={"seconds": read.seconds, "cut_off": read.cut_off})
        text, blocks = bk.screenshot_read_message(read.text, cut_off=read.cut_off, more=len(files) > 1)
        await client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        invitation = f"{read.text}\n\n{caption}" if caption.strip() else read.text
        await self.walkthrough.start(
            client, team_id=team_id, user_id=user_id, text=invitation, wid=wid, channel=channel
        )
