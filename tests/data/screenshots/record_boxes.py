"""Record the OCR boxes of a few rendered screenshots into boxes.json, so the layout tests run without OCR.

    .venv/bin/python tests/data/screenshots/record_boxes.py   # after changing the OCR settings
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from bot.screenshot import check_image  # noqa: E402
from bot.screenshot.ocr import make_engine, ocr_boxes  # noqa: E402

# One per layout and theme, with the hard cases: a cut-off note, JPEG, side columns, a webmail client.
IMAGES = (
    "images/01-mobile-light-sebastian.png",
    "images/07-mobile-light-hannah.jpg",
    "images/10-mobile-dark-kevin.png",
    "images/16-web-light-linnea.png",
    "images/21-web-dark-sebastian.png",
    "images/26-email-light-marco.png",
    "images/30-email-dark-hannah.png",
)


def main() -> None:
    engine = make_engine(threads=-1)
    out = {}
    for name in IMAGES:
        boxes = ocr_boxes(engine, check_image((HERE / name).read_bytes()))
        out[name] = [[b.text, round(b.x0, 1), round(b.y0, 1), round(b.x1, 1), round(b.y1, 1)] for b in boxes]
    with open(HERE / "boxes.json", "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=0)
        fh.write("\n")


if __name__ == "__main__":
    main()
