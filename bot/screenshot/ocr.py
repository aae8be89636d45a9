"""Pixels -> text boxes, with RapidOCR (PaddleOCR's models on onnxruntime, shipped inside the wheel: nothing
is downloaded at run time)."""

from __future__ import annotations

import time

from PIL import Image, ImageOps, ImageStat
from rapidocr_onnxruntime import RapidOCR

from bot.screenshot.check import check_image
from bot.screenshot.layout import Box, ScreenshotText, rebuild

# The recogniser, trained mostly on square CJK glyphs, drops fewer spaces between Latin words when the
# picture is narrowed a little; it also has less to read.
_NARROW = 0.8
# Below this mean brightness (0-255) the picture is taken in dark mode and is read inverted: the models
# learned dark text on light paper.
_DARK = 110


def make_engine(threads: int = 1) -> RapidOCR:
    """An engine using `threads` cores (-1: onnxruntime decides). Screenshots are upright, so the orientation
    classifier stays off: it would only cost time, and it can turn a long single line upside down. Lines are
    recognised one at a time: a screenshot's lines differ so much in length that a batch pads most of them
    to the longest one's width."""
    return RapidOCR(use_cls=False, intra_op_num_threads=threads, inter_op_num_threads=1, rec_batch_num=1)


def ocr_boxes(engine: RapidOCR, img: Image.Image) -> list[Box]:
    """Every piece of text in the picture, with its bounds."""
    if ImageStat.Stat(img.convert("L").reduce(8)).mean[0] < _DARK:
        img = ImageOps.invert(img)
    img = img.resize((max(1, round(img.width * _NARROW)), img.height), Image.Resampling.BICUBIC)
    found, _ = engine(img, use_cls=False)
    boxes = []
    for quad, text, _score in found or ():
        xs = [p[0] / _NARROW for p in quad]
        ys = [p[1] for p in quad]
        boxes.append(Box(str(text), min(xs), min(ys), max(xs), max(ys)))
    return boxes


def read_image(engine: RapidOCR, data: bytes) -> ScreenshotText:
    """Check, decode and read one screenshot (blocking: run it in a worker)."""
    start = time.perf_counter()
    layout = rebuild(ocr_boxes(engine, check_image(data)))
    return ScreenshotText(layout.text, layout.cut_off, round(time.perf_counter() - start, 3))
