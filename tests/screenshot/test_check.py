"""check_image refuses each kind of bad file with its reason code, before any OCR, and passes real ones."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from bot.screenshot import MAX_BYTES, MAX_PIXELS, ScreenshotError, check_image

IMAGES = Path(__file__).resolve().parents[1] / "data" / "screenshots" / "images"
PHONE_PNG = IMAGES / "01-mobile-light-sebastian.png"
PHONE_JPEG = IMAGES / "02-mobile-light-linnea.jpg"


def _png(width: int, height: int, idat: bytes) -> bytes:
    """A PNG whose header claims width x height, with the given compressed pixel data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale: the smallest pixels
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _code(data: bytes) -> str:
    with pytest.raises(ScreenshotError) as err:
        check_image(data)
    return err.value.code


def test_a_phone_screenshot_comes_back_decoded_and_upright() -> None:
    img = check_image(PHONE_PNG.read_bytes())
    assert (img.mode, img.size) == ("RGB", (1170, 2532))
    assert check_image(PHONE_JPEG.read_bytes()).size == (1170, 2532)


def test_a_file_over_ten_megabytes_is_too_big_even_when_it_is_an_image() -> None:
    data = PHONE_PNG.read_bytes()
    assert _code(data + b"\0" * (MAX_BYTES - len(data) + 1)) == "too_big"


@pytest.mark.parametrize(
    "data",
    [
        b"Hi Sam, I'd like to connect about the analyst role.",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n",
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n",  # Pillow could open it with Ghostscript
        b"<svg xmlns='http://www.w3.org/2000/svg'><text>Accept</text></svg>",
        b"",
    ],
    ids=["text", "pdf", "eps", "svg", "empty"],
)
def test_a_file_that_is_not_a_screenshot_format_is_not_an_image(data: bytes) -> None:
    assert _code(data) == "not_image"


def test_a_bomb_beyond_pillows_own_limit_is_refused_from_its_header() -> None:
    # 50,000 x 50,000 one-bit pixels: 2.5 billion pixels in a file of a few hundred bytes
    bomb = _png(50_000, 50_000, zlib.compress(b"\0" * 1000))
    assert len(bomb) < 1000
    assert _code(bomb) == "too_many_pixels"


def test_a_picture_over_our_own_pixel_cap_is_refused_before_decoding() -> None:
    # Under Pillow's limit, over ours; the pixel data is missing, so only the header is ever read.
    side = int(MAX_PIXELS**0.5) + 10
    assert side * side < Image.MAX_IMAGE_PIXELS
    assert _code(_png(side, side, b"")) == "too_many_pixels"


@pytest.mark.parametrize("path", [PHONE_PNG, PHONE_JPEG], ids=["png", "jpeg"])
def test_a_truncated_screenshot_is_corrupt(path: Path) -> None:
    data = path.read_bytes()
    assert _code(data[: len(data) // 2]) == "corrupt"


def test_a_file_that_starts_like_a_png_but_is_garbage_is_corrupt() -> None:
    assert _code(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4) == "corrupt"


def test_damaged_pixel_data_is_corrupt() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buf, "PNG")
    data = bytearray(buf.getvalue())
    idat = data.index(b"IDAT") + 4
    data[idat : idat + 20] = b"\xff" * 20  # the compressed stream no longer inflates
    assert _code(bytes(data)) == "corrupt"


def test_the_error_keeps_its_code_across_a_process_boundary() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(ScreenshotError("corrupt", "truncated")))
    assert (err.code, err.detail) == ("corrupt", "truncated")
