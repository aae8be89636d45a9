"""Reading screenshots off the event loop: a process pool sized for the machine, one OCR engine per worker
process, and a bound on how many images are in flight so memory stays flat under a burst."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from bot.screenshot.check import ScreenshotError
from bot.screenshot.layout import ScreenshotText

if TYPE_CHECKING:
    from rapidocr_onnxruntime import RapidOCR

# The worker process's engine, loaded once by _start_worker. Only workers import the OCR libraries.
_engine: RapidOCR | None = None


def _start_worker() -> None:
    global _engine
    if _engine is None:
        from bot.screenshot.ocr import make_engine

        _engine = make_engine()


def _read_in_worker(data: bytes) -> ScreenshotText:
    from bot.screenshot.ocr import read_image

    _start_worker()
    assert _engine is not None
    return read_image(_engine, data)


def default_workers() -> int:
    """One worker per core this process may use, at most four: OCR is CPU-bound, each worker runs one
    thread, and each holds its own engine and a screenshot's working memory."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, 4))


class ScreenshotReader:
    """`await reader.read(data)` -> ScreenshotText, or ScreenshotError with a reason code.

    At most `workers` images are decoded and read at once; later ones wait their turn without holding a
    worker. A read that takes longer than `timeout` seconds is answered with code "timeout".
    """

    def __init__(self, workers: int | None = None, timeout: float = 30.0) -> None:
        self.workers = workers or default_workers()
        self.timeout = timeout
        self._slots = asyncio.Semaphore(self.workers)
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # "spawn": a forked copy of a running bot (event loop, sockets, threads) is not safe to run.
        return ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
        )

    async def start(self) -> None:
        """Load the engine in every worker now, so the first student does not wait for it."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._pool, _start_worker) for _ in range(self.workers)))

    async def read(self, data: bytes) -> ScreenshotText:
        async with self._slots:
            loop = asyncio.get_running_loop()
            pool = self._pool
            try:
                return await asyncio.wait_for(loop.run_in_executor(pool, _read_in_worker, data), self.timeout)
            except TimeoutError:
                raise ScreenshotError("timeout", f"over {self.timeout:g} s") from None
            except BrokenProcessPool:  # a worker died (out of memory, a crashing decoder): start afresh
                if self._pool is pool:  # once, however many reads were in flight
                    pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = self._new_pool()
                raise ScreenshotError("corrupt", "the reader stopped on this file") from None

    async def close(self) -> None:
        await asyncio.to_thread(self._pool.shutdown, True, cancel_futures=True)

    async def __aenter__(self) -> ScreenshotReader:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
