"""End to end on committed screenshots: the real OCR engine, the worker pool and the CLI.

Few images on purpose (OCR costs about a second of CPU each); the engine is shared by the module.
"""

from __future__ import annotations

import asyncio
import json
import unicodedata
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.coaching.analyzer import analyze
from bot.screenshot import ScreenshotError, ScreenshotReader
from bot.screenshot.ocr import make_engine, read_image

SET = Path(__file__).resolve().parents[1] / "data" / "screenshots"
TRUTH = {row["image"]: row for row in map(json.loads, (SET / "truth.jsonl").read_text("utf-8").splitlines())}


def fold(s: str | None) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s or "") if not unicodedata.combining(c))


@pytest.fixture(scope="module")
def engine():
    """The engine as the app's reader workers make it: one thread (the test workers already fill the cores)."""
    return make_engine()


@pytest.mark.parametrize(
    "image",
    [
        "images/06-mobile-light-oluwaseun.png",
        "images/10-mobile-dark-kevin.png",
        "images/23-web-dark-isabel.png",
    ],
    ids=["phone-light-cut-off", "phone-dark-scam", "web-dark"],
)
def test_a_screenshot_reads_like_its_paste(engine, image: str) -> None:
    truth = TRUTH[image]
    read = read_image(engine, (SET / image).read_bytes())
    assert read.text.split("\n")[0] == truth["name"]
    assert read.cut_off is truth["cut_off"]
    got, want = analyze(read.text), analyze(truth["text"])
    assert (got.custom_message, got.intent, got.red_flags, got.requester_name) == (
        want.custom_message,
        want.intent,
        want.red_flags,
        want.requester_name,
    )


async def test_the_reader_answers_concurrent_screenshots_bad_files_and_overruns_off_the_event_loop() -> None:
    images = ["images/14-mobile-dark-ryan.png", "images/28-email-light-jose.png"]
    async with ScreenshotReader(workers=1) as reader:
        ticks = 0

        async def count_ticks() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(count_ticks())
        reads = await asyncio.gather(*(reader.read((SET / i).read_bytes()) for i in images))
        ticker.cancel()
        with pytest.raises(ScreenshotError) as err:
            await reader.read(b"not a picture")
        assert err.value.code == "not_image"
        reader.timeout = 0.001  # a read that overruns is answered, not awaited
        with pytest.raises(ScreenshotError) as err:
            await reader.read((SET / images[0]).read_bytes())
        assert err.value.code == "timeout"
    assert ticks > 10  # the loop kept running while the workers read
    for image, read in zip(images, reads, strict=True):
        assert fold(read.text.split("\n")[0]) == fold(TRUTH[image]["name"])
        assert analyze(read.text).red_flags == analyze(TRUTH[image]["text"]).red_flags


def test_analyze_image_prints_one_json_per_file_with_what_it_read(capsys, tmp_path) -> None:
    bad = tmp_path / "note.txt"
    bad.write_text("hello")
    image = SET / "images/24-email-light-daniel.png"
    assert main(["analyze", "--image", str(image), str(bad)]) == 1
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["image"] == str(image)
    assert first["text"].startswith("Daniel")
    assert (first["custom_message"], first["cut_off"]) == (False, False)
    assert {"intent", "red_flags", "requester_name", "evidence", "details"} <= first.keys()
    assert second == {"image": str(bad), "error": "not_image"}
