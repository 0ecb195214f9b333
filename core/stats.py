"""Counts and timings of a run, per step, mergeable across chunks and worker processes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class StepStats:
    plugin: str
    version: str
    docs_in: int = 0
    docs_out: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    seconds: float = 0.0
    counters: Counter[str] = field(default_factory=Counter)

    def merge(self, other: StepStats) -> None:
        self.docs_in += other.docs_in
        self.docs_out += other.docs_out
        self.dropped.update(other.dropped)
        self.failed += other.failed
        self.seconds += other.seconds
        self.counters.update(other.counters)

    def to_dict(self) -> dict[str, Any]:
        return {"plugin": self.plugin, "version": self.version, "in": self.docs_in, "out": self.docs_out,
                "dropped": dict(self.dropped), "failed": self.failed, "seconds": round(self.seconds, 6),
                "counters": dict(self.counters)}


@dataclass
class RunStats:
    read: int = 0
    written: int = 0
    dropped: int = 0
    quarantined: int = 0
    skipped: int = 0
    reused: int = 0
    seconds: float = 0.0
    #: CPU seconds (user and system, all threads) the main process spent running: what its bookkeeping costs.
    main_cpu_seconds: float = 0.0
    steps: dict[str, StepStats] = field(default_factory=dict)
    #: Documents dropped before any step (duplicate ids), by reason; part of ``dropped``.
    dropped_on_input: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return self.quarantined + self.skipped

    @property
    def balanced(self) -> bool:
        """Every document read is accounted for: written, dropped (skipped ones included) or quarantined."""
        return self.read == self.written + self.dropped + self.quarantined

    def merge_steps(self, chunk: dict[str, StepStats]) -> None:
        for step_id, stats in chunk.items():
            if step_id in self.steps:
                self.steps[step_id].merge(stats)
            else:
                self.steps[step_id] = stats

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "written": self.written, "dropped": self.dropped,
                "quarantined": self.quarantined, "skipped": self.skipped, "reused": self.reused,
                "seconds": round(self.seconds, 6), "main_cpu_seconds": round(self.main_cpu_seconds, 6),
                "balanced": self.balanced,
                "dropped_on_input": dict(self.dropped_on_input),
                "steps": {step_id: s.to_dict() for step_id, s in self.steps.items()}}

    def summary(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        reused = f" ({self.reused} reused from the ledger)" if self.reused else ""
        lines = [f"pressroom: read {self.read}, written {self.written}, dropped {self.dropped}, "
                 f"quarantined {self.quarantined}{reused} in {self.seconds:.2f}s ({rate:,.0f} docs/s)"]
        lines += [f"  dropped on input {count}: {why}" for why, count in self.dropped_on_input.most_common()]
        if self.steps:
            width = max(len("step"), *(len(s) for s in self.steps))
            lines.append(f"  {'step':<{width}} {'in':>8} {'out':>8} {'dropped':>8} {'failed':>7} {'seconds':>8}")
            for step_id, s in self.steps.items():
                lines.append(f"  {step_id:<{width}} {s.docs_in:>8} {s.docs_out:>8} {sum(s.dropped.values()):>8} "
                             f"{s.failed:>7} {s.seconds:>8.2f}")
                lines += [f"    dropped {count}: {reason}" for reason, count in s.dropped.most_common()]
                if s.counters:
                    lines.append("    " + ", ".join(f"{k}={v}" for k, v in sorted(s.counters.items())))
        return "\n".join(lines)
