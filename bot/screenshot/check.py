"""Screening an uploaded file before any OCR: size, kind, pixel count and integrity, each refused with a
reason code the Slack layer turns into a friendly answer."""

from __future__ import annotations

import io
import warnings
from typing import Literal

from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
# A 6K desktop screenshot is about 20 million pixels; the cap leaves room for that and no more.
MAX_PIXELS = 25_000_000
# Formats a phone or desktop screenshot comes in; anything else is refused unread.
FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "BMP")

# How each accepted format's files begin: a file that starts like one but does not open is damaged.
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
_WEBP = (b"RIFF", b"WEBP")

ErrorCode = Literal["too_big", "not_image", "too_many_pixels", "corrupt", "timeout"]


class ScreenshotError(Exception):
    """A file that cannot be read as a screenshot; `code` says why."""

    def __init__(self, code: ErrorCode, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code: ErrorCode = code
        self.detail = detail

    def __reduce__(self) -> tuple[type[ScreenshotError], tuple[ErrorCode, str]]:
        return (ScreenshotError, (self.code, self.detail))  # crosses the process pool intact


def check_image(data: bytes) -> Image.Image:
    """The file decoded as an upright RGB picture, or ScreenshotError.

    The size and pixel count are checked from the header before the pixels are decoded, so a small file
    that expands to gigabytes is refused without being expanded.
    """
    if len(data) > MAX_BYTES:
        raise ScreenshotError("too_big", f"{len(data)} bytes")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data), formats=FORMATS)
        except Image.UnidentifiedImageError as exc:
            looks_like = data.startswith(_SIGNATURES) or (data[:4], data[8:12]) == _WEBP
            raise ScreenshotError("corrupt" if looks_like else "not_image", str(exc)) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ScreenshotError("too_many_pixels", str(exc)) from None
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise ScreenshotError("corrupt", str(exc)) from None
        width, height = img.size
        if width * height > MAX_PIXELS or width < 1 or height < 1:
            raise ScreenshotError("too_many_pixels", f"{width}x{height}")
        try:
            img.load()
            return ImageOps.exif_transpose(img).convert("RGB")
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ScreenshotError("too_many_pixels", str(exc)) from None
        except (OSError, ValueError, SyntaxError, EOFError, IndexError) as exc:
            raise ScreenshotError("corrupt", str(exc)) from None
