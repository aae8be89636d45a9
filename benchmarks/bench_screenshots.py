"""Screenshot reading on the rendered set (tests/data/screenshots): accuracy, the analyzer's agreement, speed
and memory.

    .venv/bin/python benchmarks/bench_screenshots.py            # every figure
    .venv/bin/python benchmarks/bench_screenshots.py --verbose  # plus each image's text where it differs

Accuracy: character error rate (edit distance / length, whitespace runs counted as one space) of the text
read against the text a paste of the same invitation gives, median and p95 per layout. Agreement: the
analyzer's custom_message, intent, red flags and sender name on the screenshot's text against the same on
the paste's text (names also compared without accents, which the recogniser drops), and the cut-off flag.
Speed: each image read alone through ScreenshotReader (worker processes, one thread each), wall time and
the workers' CPU time (what the read costs on an idle core, whatever else the machine runs); the budget is p95 <= 2 s per phone screenshot. Memory: peak RSS of this process and its
workers while 10 screenshots are read at once. Wall times depend on what else the machine runs: the load
average is printed beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import threading
import time
import unicodedata
from pathlib import Path

import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.coaching.analyzer import analyze  # noqa: E402
from bot.screenshot import ScreenshotReader  # noqa: E402

SET = ROOT / "tests" / "data" / "screenshots"
BUDGET_S = 2.0


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(got: str, want: str) -> float:
    got, want = " ".join(got.split()), " ".join(want.split())
    return edit_distance(got, want) / max(len(want), 1)


def fold(name: str | None) -> str | None:
    if name is None:
        return None
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def workers_cpu() -> float:
    """CPU seconds the worker processes have used so far."""
    total = 0.0
    for p in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            t = p.cpu_times()
            total += t.user + t.system
    return total


class PeakRss:
    """Samples the RSS of this process and its children until stopped."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a worker may exit between listing and reading
                    total += p.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


async def run(verbose: bool) -> None:
    truth = [json.loads(line) for line in (SET / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    async with ScreenshotReader() as reader:
        print(f"workers: {reader.workers}; load average before: {os.getloadavg()[0]:.1f}")
        results = []
        for row in truth:
            data = (SET / row["image"]).read_bytes()
            cpu, start = workers_cpu(), time.perf_counter()
            read = await reader.read(data)
            results.append((row, read, time.perf_counter() - start, workers_cpu() - cpu))
        load_after = os.getloadavg()[0]

        with PeakRss() as rss:
            burst = [(SET / row["image"]).read_bytes() for row in truth[:10]]
            start = time.perf_counter()
            await asyncio.gather(*(reader.read(d) for d in burst))
            burst_s = time.perf_counter() - start

    by_layout: dict[str, list[float]] = {}
    agree = {k: 0 for k in ("custom_message", "intent", "red_flags", "name", "name_folded", "cut_off")}
    for row, read, _, _ in results:
        c = cer(read.text, row["text"])
        by_layout.setdefault(row["layout"], []).append(c)
        by_layout.setdefault("all", []).append(c)
        a, b = analyze(read.text), analyze(row["text"])
        same = {
            "custom_message": a.custom_message == b.custom_message,
            "intent": a.intent == b.intent,
            "red_flags": a.red_flags == b.red_flags,
            "name": a.requester_name == b.requester_name,
            "name_folded": fold(a.requester_name) == fold(b.requester_name),
            "cut_off": read.cut_off == row["cut_off"],
        }
        for k, v in same.items():
            agree[k] += v
        if verbose and (c > 0.02 or not all(same.values())):
            print(f"\n{row['image']}  CER {c:.3f}  differs: {[k for k, v in same.items() if not v]}")
            print("  read :", read.text.replace("\n", " | "))
            print("  truth:", row["text"].replace("\n", " | "))

    n = len(results)
    print(f"\n{n} screenshots")
    print("character error rate   median    p95")
    for layout, values in by_layout.items():
        print(
            f"  {layout:<8} (n={len(values):>2})    {statistics.median(values):.3f}  {pct(values, 0.95):.3f}"
        )
    print("analyzer agreement, screenshot vs its paste text")
    for k, v in agree.items():
        print(f"  {k:<15} {v}/{n}")
    for label, pick in (("phone", lambda r: r["phone"]), ("desktop", lambda r: not r["phone"])):
        walls = [w for row, _, w, _ in results if pick(row)]
        cpus = [c for row, _, _, c in results if pick(row)]
        print(
            f"seconds per {label} image (n={len(walls)}): wall p50 {statistics.median(walls):.2f} "
            f"p95 {pct(walls, 0.95):.2f}; worker CPU p50 {statistics.median(cpus):.2f} p95 {pct(cpus, 0.95):.2f}"
        )
    phone = [(wall, cpu) for row, _, wall, cpu in results if row["phone"]]
    for label, which in (("wall time on this machine now", 0), ("worker CPU, as on an idle core", 1)):
        p95 = pct([pair[which] for pair in phone], 0.95)
        verdict = "met" if p95 <= BUDGET_S else "NOT met"
        print(f"budget p95 <= {BUDGET_S:g} s per phone screenshot, by {label}: {verdict} ({p95:.2f} s)")
    print(f"load average after: {load_after:.1f} on {os.cpu_count()} cores")
    print(f"10 at once: {burst_s:.1f} s in all, peak RSS (this process + workers) {rss.peak / 2**20:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each image whose reading differs")
    asyncio.run(run(parser.parse_args().verbose))


if __name__ == "__main__":
    main()
