"""The review site on a whole corpus: build time, and how fast its index opens and filters in headless Chromium.

Target (issue 10): on the 8,686 AU PM releases run through configs/releases.yaml, the index opens and each filter
applies in under 2 s. Measured as users meet it: `pressroom run` and `pressroom review` as whole processes, then
Debian's headless Chromium opening the site from file:// (a fresh profile; the first load is cold).

Usage: python benchmarks/bench_review.py [--corpus PATH | --output RELEASES.jsonl] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import AU_PM, REPO
from pressroom.core.review.browser import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

TARGET_SECONDS = 2.0


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True)
    return time.perf_counter() - started


def wait_for(driver: Any, condition: str, timeout: float = 60) -> None:
    WebDriverWait(driver, timeout, poll_frequency=0.005).until(lambda d: d.execute_script(condition))


def measure_filter(driver: Any, action: Callable[[], None]) -> tuple[float, float, int]:
    """Wall seconds from the action to the re-rendered list, the page's own filter+render ms, matches."""
    before = driver.execute_script("return pressroomReview.updates")
    started = time.perf_counter()
    action()
    wait_for(driver, f"return pressroomReview.updates > {before}")
    wall = time.perf_counter() - started
    return wall, driver.execute_script("return pressroomReview.lastFilterMs"), \
        int(driver.execute_script("return document.body.dataset.filtered"))


def set_control(driver: Any, control: str, value: str) -> None:
    driver.execute_script("const c = document.getElementById(arguments[0]); c.value = arguments[1];"
                          "c.dispatchEvent(new Event('change'));", control, value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=AU_PM)
    parser.add_argument("--output", type=Path, help="an existing JSONL output; skips `pressroom run`")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-review-"))
    pressroom = [sys.executable, "-m", "pressroom.core.cli"]
    output = args.output
    if output is None:
        if not args.corpus.exists():
            sys.exit(f"bench_review: no corpus at {args.corpus}; pass --corpus or --output")
        seconds = timed([*pressroom, "run", str(REPO / "configs" / "releases.yaml"), "--input", str(args.corpus),
                         "--workers", "2", "--quiet"], work)
        output = work / "out" / "releases.jsonl"
        print(f"pressroom run configs/releases.yaml on {args.corpus.name}: {seconds:.1f} s")
    site = work / "review"
    seconds = timed([*pressroom, "review", str(output.resolve()), "--out", str(site)], work)
    documents = sum(1 for line in open(output, "rb") if line.strip())
    size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    print(f"pressroom review: {documents} documents in {seconds:.1f} s; site {size / 1e6:.1f} MB, "
          f"index data {(site / 'data' / 'index.js').stat().st_size / 1e6:.1f} MB")

    figures: dict[str, list[float]] = {}
    page_ms: dict[str, list[float]] = {}

    def record(name: str, wall: float, in_page: float) -> None:
        figures.setdefault(name, []).append(wall)
        page_ms.setdefault(name, []).append(in_page)

    with chromium() as driver:
        index = (site / "index.html").as_uri()
        for run in range(args.repeat):
            started = time.perf_counter()
            driver.get(index)
            wait_for(driver, "return document.body.dataset.ready === '1'")
            record("index opens" + (" (cold)" if run == 0 else ""), time.perf_counter() - started,
                   driver.execute_script("return pressroomReview.readyMs"))
            search = driver.find_element(By.ID, "q")
            actions: list[tuple[str, Callable[[], None]]] = [
                ("search 'keating' typed", lambda: search.send_keys("keating")),
                ("+ label LOC", lambda: set_control(driver, "label", "LOC")),
                ("+ dates 1990-1995", lambda: (set_control(driver, "from", "1990-01-01"),
                                               set_control(driver, "to", "1995-12-31")) and None),
                ("clear all filters", lambda: driver.find_element(By.ID, "clear").click()),
                ("label TIME", lambda: set_control(driver, "label", "TIME")),
                ("next page", lambda: driver.find_element(By.ID, "next").click()),
            ]
            for name, action in actions:
                wall, in_page, matches = measure_filter(driver, action)
                record(f"{name} ({matches} match)", wall, in_page)
            driver.get("about:blank")
        lengths = [(len(line), n) for n, line in enumerate(open(output, "rb")) if line.strip()]
        for name, (_, number) in (("largest document view", max(lengths)),
                                  ("median document view", sorted(lengths)[len(lengths) // 2])):
            for _ in range(args.repeat):
                started = time.perf_counter()
                driver.get((site / "doc.html").as_uri() + f"?n={number}")
                wait_for(driver, "return document.body.dataset.ready === '1'")
                record(f"{name} (n={number})", time.perf_counter() - started,
                       driver.execute_script("return pressroomReview.readyMs"))

    print(f"\n{'headless Chromium, ' + str(args.repeat) + ' runs':<44} {'wall s (median)':>15} {'max':>6} "
          f"{'in page ms':>10}  vs {TARGET_SECONDS:.0f} s")
    worst = 0.0
    for name, walls in figures.items():
        worst = max(worst, max(walls)) if not name.startswith(("largest", "median")) else worst
        print(f"{name:<44} {statistics.median(walls):>15.3f} {max(walls):>6.3f} "
              f"{statistics.median(page_ms[name]):>10.1f}  {max(walls) / TARGET_SECONDS:.2f}x")
    verdict = "met" if worst < TARGET_SECONDS else "MISSED"
    print(f"\nindex open and filters: slowest {worst:.3f} s, target < {TARGET_SECONDS:.0f} s: {verdict}")
    if worst >= TARGET_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
