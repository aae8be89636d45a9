"""The digest's weekly chart (bot.staff.chart): a real PNG of the right size, drawn without touching
matplotlib's global state, so worker threads can draw at once."""

from __future__ import annotations

import io
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import matplotlib
from PIL import Image
from staff_seed import NOW
from test_digest import KEY, history

from bot.staff.chart import DPI, SIZE, weekly_chart
from bot.staff.digest import Week, build_digest

MAX_BYTES = 60_000


def busy_weeks() -> list[Week]:
    return [Week(date(2025, 1, 6) + timedelta(weeks=i), 700 - i * 40, 20 + i * 3) for i in range(12)]


def test_the_chart_is_a_small_png_of_the_set_size():
    png = weekly_chart(build_digest(history(), NOW, key=KEY).weekly)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) < MAX_BYTES
    with Image.open(io.BytesIO(png)) as image:
        image.verify()
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == (round(SIZE[0] * DPI), round(SIZE[1] * DPI))
        assert len(image.getcolors(maxcolors=1_000_000) or ()) > 2  # bars were drawn, not a blank canvas
    assert len(weekly_chart(busy_weeks())) < MAX_BYTES
    assert len(weekly_chart([Week(date(2025, 3, 3), 0, 0)] * 12)) < MAX_BYTES  # a quiet quarter


def test_drawing_leaves_matplotlib_as_it_found_it_and_threads_draw_the_same_bytes():
    before = dict(matplotlib.rcParams)
    backend = matplotlib.get_backend() if "matplotlib.pyplot" in sys.modules else None
    alone = weekly_chart(busy_weeks())
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda _: weekly_chart(busy_weeks()), range(8)))
    assert together == [alone] * 8
    assert dict(matplotlib.rcParams) == before
    assert "matplotlib.pyplot" not in sys.modules or matplotlib.get_backend() == backend
