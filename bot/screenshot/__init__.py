"""Screenshots of an invitation -> the text a paste would give. Pure: no Slack, no storage.

check_image screens a file (size, kind, pixels, integrity); ScreenshotReader reads it off the event loop in
worker processes (only they load the OCR engine); layout.rebuild turns OCR boxes into paste-shaped text.
Images are read in memory and never written anywhere.
"""

from bot.screenshot.check import MAX_BYTES, MAX_PIXELS, ErrorCode, ScreenshotError, check_image
from bot.screenshot.layout import Box, Layout, ScreenshotText, rebuild
from bot.screenshot.reader import ScreenshotReader

__all__ = [
    "MAX_BYTES",
    "MAX_PIXELS",
    "Box",
    "ErrorCode",
    "Layout",
    "ScreenshotError",
    "ScreenshotReader",
    "ScreenshotText",
    "check_image",
    "rebuild",
]
