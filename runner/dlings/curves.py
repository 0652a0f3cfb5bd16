"""What a training check reported while it ran: curves, the bars they are judged by, and progress.

Pure data (no UI): the TUI draws it as charts, plain mode prints its summary.
Checks report through the `report` fixture (dlings.pytest_plugin.Reporter):
`report("loss", 0.41, step)`, `report.target("accuracy", 0.9)`,
`report.progress(step, total)`.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

MAX_POINTS = 20_000   # per curve; past it every other point is dropped (the shape stays)


@dataclass
class Target:
    value: float
    higher_is_better: bool = True

    def met(self, value: float) -> bool:
        if not math.isfinite(value):
            return False
        return value >= self.value if self.higher_is_better else value <= self.value


@dataclass
class Curve:
    name: str
    steps: list[float] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    def add(self, value: float, step: float | None) -> None:
        self.steps.append(float(step) if step is not None else float(len(self.steps)))
        self.values.append(float(value))
        if len(self.values) > MAX_POINTS:
            self.steps = self.steps[::2]
            self.values = self.values[::2]

    @property
    def last(self) -> float:
        return self.values[-1]

    def best(self, higher_is_better: bool) -> float:
        finite = [v for v in self.values if math.isfinite(v)] or self.values
        return max(finite) if higher_is_better else min(finite)


@dataclass
class Run:
    """One check's reports. `started` and `ended` are time.monotonic() values."""

    curves: dict[str, Curve] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    step: int | None = None
    total: int | None = None
    started: float = field(default_factory=time.monotonic)
    progress_at: float | None = None    # when the last progress report came
    ended: float | None = None

    # -- what came in -----------------------------------------------------------------------
    def add_metric(self, name: str, value: float, step: float | None = None) -> None:
        curve = self.curves.get(name)
        if curve is None:
            curve = self.curves[name] = Curve(name)
        curve.add(value, step)

    def set_target(self, name: str, value: float, higher_is_better: bool = True) -> None:
        self.targets[name] = Target(float(value), bool(higher_is_better))

    def set_progress(self, step: int, total: int, now: float | None = None) -> None:
        self.step, self.total = int(step), max(int(total), 1)
        self.progress_at = time.monotonic() if now is None else now

    def apply(self, event: dict) -> bool:
        """Take one checker event ("metric", "target", "progress"); False if it was none of those."""
        kind = event.get("event") or event.get("kind")
        try:
            if kind == "metric":
                self.add_metric(str(event["metric"]), float(event["value"]), event.get("step"))
            elif kind == "target":
                self.set_target(str(event["metric"]), float(event["value"]), event.get("higher_is_better", True))
            elif kind == "progress":
                self.set_progress(int(event["step"]), int(event["total"]))
            else:
                return False
        except (KeyError, TypeError, ValueError):
            return False
        return True

    def fill_from(self, metrics: dict[str, list[float]]) -> None:
        """Curves from a verdict's metrics (no steps), where none streamed in."""
        for name, values in metrics.items():
            if name not in self.curves:
                for value in values:
                    self.add_metric(name, value)

    def end(self, now: float | None = None) -> None:
        if self.ended is None:
            self.ended = time.monotonic() if now is None else now

    # -- questions --------------------------------------------------------------------------
    @property
    def empty(self) -> bool:
        return not self.curves and not self.targets and self.total is None

    def met(self, name: str) -> bool | None:
        """Whether the latest value of `name` meets its bar; None without a bar or a value."""
        target, curve = self.targets.get(name), self.curves.get(name)
        if target is None or curve is None or not curve.values:
            return None
        return target.met(curve.last)

    def elapsed(self, now: float | None = None) -> float:
        end = self.ended if self.ended is not None else (time.monotonic() if now is None else now)
        return max(0.0, end - self.started)

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left, from the pace so far; None before the first progress report or once done."""
        if self.step is None or self.total is None or self.step <= 0 or self.ended is not None:
            return None
        if self.step >= self.total:
            return 0.0
        spent = (self.progress_at or time.monotonic()) - self.started
        return spent / self.step * (self.total - self.step)

    def progress_line(self, now: float | None = None) -> str:
        if self.total is None:
            return f"{self.elapsed(now):.1f} s"
        text = f"step {self.step}/{self.total} · {self.elapsed(now):.1f} s elapsed"
        eta = self.eta(now)
        if eta is not None:
            text += f" · ETA {format_seconds(eta)}"
        return text

    def summary_lines(self) -> list[str]:
        """A few lines for plain output: each curve's final value and whether its bar is met."""
        lines = []
        for name, curve in self.curves.items():
            if not curve.values:
                continue
            target = self.targets.get(name)
            where = f" at step {curve.steps[-1]:g}" if curve.steps else ""
            text = f"{name}: {curve.last:.4g}{where} (first {curve.values[0]:.4g}, {len(curve.values)} points)"
            if target is not None:
                sign = ">=" if target.higher_is_better else "<="
                text += f"; bar {sign} {target.value:g}: {'met' if target.met(curve.last) else 'NOT met'}"
            lines.append(text)
        for name, target in self.targets.items():
            if name not in self.curves:
                sign = ">=" if target.higher_is_better else "<="
                lines.append(f"{name}: bar {sign} {target.value:g}, no value reported")
        if self.total is not None:
            lines.append(f"progress: step {self.step}/{self.total} in {self.elapsed():.1f} s")
        return lines


def format_seconds(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes} min {secs:02d} s"
