"""Progress: a redrawn bar with rate and ETA on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io

from pressroom.core.progress import Progress
from pressroom.core.stats import RunStats


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal() -> None:
    screen = Terminal()
    progress = Progress(screen, total=1000, interval=0.0)
    progress(RunStats(read=250, seconds=5.0))
    assert screen.getvalue() == "\r\x1b[K[#######.......................] 250/1,000 documents, 50 docs/s, 0 failed, ETA 0:15"
    progress.finish()
    assert screen.getvalue().endswith("\r\x1b[K")


def test_plain_lines_without_a_terminal_and_without_a_total() -> None:
    log = io.StringIO()
    progress = Progress(log, interval=0.0)
    progress(RunStats(read=120, quarantined=2, seconds=2.0))
    assert log.getvalue() == "pressroom: 120 documents, 60 docs/s, 2 failed\n"


def test_lines_are_throttled() -> None:
    log = io.StringIO()
    progress = Progress(log)  # every 10 s when not a terminal
    for read in range(1, 100):
        progress(RunStats(read=read, seconds=read / 100))
    assert log.getvalue() == ""
