"""Progress on stderr: a redrawn bar on a terminal, plain periodic log lines otherwise."""

from __future__ import annotations

import time
from typing import TextIO

from pressroom.core.stats import RunStats


class Progress:
    def __init__(self, stream: TextIO, total: int | None = None, interval: float | None = None) -> None:
        self.stream = stream
        self.total = total
        self.tty = stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.last = time.monotonic()

    def __call__(self, stats: RunStats) -> None:
        now = time.monotonic()
        if now - self.last < self.interval:
            return
        self.last = now
        line = self.describe(stats)
        if self.tty:
            self.stream.write(f"\r\x1b[K{line}")
        else:
            self.stream.write(f"pressroom: {line}\n")
        self.stream.flush()

    def describe(self, stats: RunStats) -> str:
        rate = stats.read / stats.seconds if stats.seconds else 0.0
        done = f"{stats.read:,}" + (f"/{self.total:,}" if self.total else "") + " documents"
        text = f"{done}, {rate:,.0f} docs/s, {stats.failed} failed"
        if self.total and rate:
            remaining = max(self.total - stats.read, 0) / rate
            text += f", ETA {int(remaining // 60)}:{int(remaining % 60):02d}"
        if self.tty and self.total:
            filled = int(30 * min(stats.read / self.total, 1.0))
            text = f"[{'#' * filled}{'.' * (30 - filled)}] {text}"
        return text

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
