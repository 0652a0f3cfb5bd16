"""Live training charts: one line chart per metric, its bar, progress with elapsed time and ETA.

Charts are textual-plotext widgets (plotext draws them). They are created when
the first metric arrives, so plotext is never imported for the tensor
exercises, and redrawn at most REDRAW_SECONDS apart however fast a check
reports: points are only appended to the Run as they come.

Each chart: the step on the x axis (labelled), the metric's curve, green when
its latest value meets the bar the check declared and red while it does not
(blue without a bar), the bar as a yellow line, and the previous attempt at
this exercise in grey underneath, so the learner sees what their change did.
"""
from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, Static

from dlings.curves import Run

REDRAW_SECONDS = 0.15   # at least 6 redraws a second while points come in
MAX_CHARTS = 3
CURVE_COLOURS = {True: "green", False: "red", None: "blue"}


def _thin(xs: list[float], ys: list[float], keep: int) -> tuple[list[float], list[float]]:
    """At most about `keep` points, always with the last one (plotting 20 000 points is slow)."""
    if len(xs) <= keep:
        return xs, ys
    stride = math.ceil(len(xs) / keep)
    return xs[::stride] + [xs[-1]], ys[::stride] + [ys[-1]]


def _finite(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    pairs = [(x, y) for x, y in zip(xs, ys) if math.isfinite(y)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def step_ticks(first: float, last: float, most: int) -> list[float]:
    """Round step numbers for the x axis: at most `most` ticks, on 1, 2 or 5 times a power of ten."""
    span = max(last - first, 1.0)
    raw = span / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0)
    start = math.ceil(first / step) * step
    ticks = []
    value = start
    while value <= last + 1e-9:
        ticks.append(value)
        value += step
    return ticks or [first]


def chart_title(run: Run, metric: str) -> str:
    """"accuracy = 0.95   bar ≥ 0.9: ✓ met" (what the chart's title says)."""
    curve = run.curves.get(metric)
    target = run.targets.get(metric)
    text = metric
    if curve is not None and curve.values:
        text += f" = {curve.last:.4g}"
    if target is not None:
        sign = "≥" if target.higher_is_better else "≤"
        met = run.met(metric)
        text += f"   bar {sign} {target.value:g}" + ("" if met is None else (": ✓ met" if met else ": ✗ not met"))
    return text


_chart_class: type | None = None


def make_chart(metric: str) -> Widget:
    global _chart_class
    if _chart_class is None:
        _chart_class = _define_chart()
    return _chart_class(metric)


def _define_chart() -> type:
    from textual_plotext import PlotextPlot

    class MetricChart(PlotextPlot):
        """One metric's curve over steps, its bar, and the previous attempt dimmed."""

        DEFAULT_CSS = "MetricChart { height: 1fr; min-height: 7; }"

        def __init__(self, metric: str) -> None:
            super().__init__(classes="plot")
            self.metric = metric
            self.run: Run | None = None
            self.previous: Run | None = None

        def render(self):
            plt = self.plt
            plt.clear_figure()
            run, previous = self.run, self.previous
            keep = max(20, 2 * self.size.width)
            lows: list[float] = []
            highs: list[float] = []
            steps: list[float] = []
            if previous is not None and self.metric in previous.curves:
                old = previous.curves[self.metric]
                xs, ys = _finite(*_thin(old.steps, old.values, keep))
                if xs:
                    plt.plot(xs, ys, marker="braille", color="gray")
                    lows.append(min(ys))
                    highs.append(max(ys))
                    steps += [xs[0], xs[-1]]
            if run is not None and self.metric in run.curves:
                curve = run.curves[self.metric]
                xs, ys = _finite(*_thin(curve.steps, curve.values, keep))
                if xs:
                    plt.plot(xs, ys, marker="braille", color=CURVE_COLOURS[run.met(self.metric)])
                    lows.append(min(ys))
                    highs.append(max(ys))
                    steps += [xs[0], xs[-1]]
            target = run.targets.get(self.metric) if run is not None else None
            if target is not None:
                plt.hline(target.value, "yellow")
                lows.append(target.value)
                highs.append(target.value)
            if lows:
                low, high = min(lows), max(highs)
                pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
                plt.ylim(low - pad, high + pad)
            if steps:
                ticks = step_ticks(min(steps), max(steps), max(2, self.size.width // 12))
                plt.xticks(ticks, [f"{t:g}" for t in ticks])
            plt.xlabel("step")
            return super().render()

    return MetricChart


class ChartBox(Vertical):
    """A chart's title (value and bar, coloured by whether it is met) above the chart itself."""

    DEFAULT_CSS = """
    ChartBox { height: 1fr; min-height: 8; }
    ChartBox > .chart-title { height: auto; text-style: bold; }
    """

    def __init__(self, metric: str) -> None:
        super().__init__(classes="metric-chart")
        self.metric = metric
        self.run: Run | None = None
        self.previous: Run | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="chart-title")
        yield make_chart(self.metric)

    def redraw(self) -> None:
        run = self.run
        met = run.met(self.metric) if run is not None else None
        style = {True: "bold green", False: "bold red", None: "bold"}[met]
        title = chart_title(run, self.metric) if run is not None else self.metric
        self.query_one(".chart-title", Static).update(Text(title, style=style))
        for chart in self.query(".plot"):
            chart.run, chart.previous = self.run, self.previous  # type: ignore[attr-defined]
            chart.refresh()


class TrainingPanel(Vertical):
    """The charts of the check in flight (or the last one), and its progress."""

    run: reactive[Run | None] = reactive(None, always_update=True)
    previous: reactive[Run | None] = reactive(None, always_update=True)

    def compose(self) -> ComposeResult:
        return []  # built on the first report (most exercises never report): a lighter first screen

    async def _build(self) -> None:
        from textual.widgets import ProgressBar

        await self.mount_all([Label("training", id="training-title"),
                              Horizontal(ProgressBar(id="training-progress", show_eta=False, show_percentage=True),
                                         id="training-progress-row"),
                              Static(id="training-status"), Static(id="training-legend"), Vertical(id="charts"),
                              Static(id="training-more")])
        self._built = True
        self._dirty = True
        self._redraw_if_dirty()

    def on_mount(self) -> None:
        self._dirty = False
        self._built = self._building = False
        self.set_interval(REDRAW_SECONDS, self._redraw_if_dirty)

    def watch_run(self, run: Run | None) -> None:
        self._dirty = True
        if self.is_mounted:
            self._redraw_if_dirty()

    def watch_previous(self, previous: Run | None) -> None:
        self._dirty = True

    def points_came(self, now: bool = False) -> None:
        """New reports in self.run: drawn within REDRAW_SECONDS (`now`: at once, as when the run ended)."""
        self._dirty = True
        if now or (not self.display and self.run is not None and not self.run.empty):
            self._redraw_if_dirty()

    def _redraw_if_dirty(self) -> None:
        try:
            self._redraw()
        except Exception as exc:  # noqa: BLE001 - a chart that cannot be drawn is said so, never a crash
            self._dirty = False
            failed = getattr(self.screen, "failed", None)
            if failed is None:
                raise
            failed("draw the training curves", exc)

    def _redraw(self) -> None:
        run = self.run
        if run is None or run.empty:   # nothing reported (most exercises): nothing to draw
            if self.display:
                self.display = False
            return
        if not self._built:
            self._dirty = True
            if not self._building:
                self._building = True
                self.call_later(self._build)
            return
        if run.ended is None:  # elapsed time and ETA move on their own
            self._show_progress(run)
        if not self._dirty:
            return
        self._dirty = False
        self.display = not run.empty
        self._show_progress(run)
        names = list(dict.fromkeys([*run.targets, *run.curves]))   # the judged ones first
        charts = {chart.metric: chart for chart in self.query(ChartBox)}
        box = self.query_one("#charts", Vertical)
        for name in names[:MAX_CHARTS]:
            if name not in charts:
                charts[name] = ChartBox(name)
                box.mount(charts[name])
        for name, chart in charts.items():
            chart.run, chart.previous = run, self.previous
            chart.display = name in names[:MAX_CHARTS]
            if chart.is_mounted and chart.children:
                chart.redraw()
            else:
                chart.call_after_refresh(chart.redraw)
        legend = []
        if run.targets:
            legend.append(Text("── bar", style="yellow"))
        if self.previous is not None and self.previous.curves:
            legend.append(Text("⠤⠤ previous attempt", style="grey50"))
        if run.targets:
            legend.append(Text("green: met, red: not yet", style="dim"))
        legend_box = self.query_one("#training-legend", Static)
        legend_box.display = bool(legend)
        legend_box.update(Text("   ").join(legend))
        more = [f"{name}: {run.curves[name].last:.4g}" for name in names[MAX_CHARTS:] if name in run.curves]
        extra = self.query_one("#training-more", Static)
        extra.display = bool(more)
        extra.update("  ".join(more))

    def _show_progress(self, run: Run) -> None:
        from textual.widgets import ProgressBar

        bar = self.query_one("#training-progress", ProgressBar)
        row = self.query_one("#training-progress-row")
        row.display = run.total is not None
        if run.total is not None:
            bar.update(total=run.total, progress=min(run.step or 0, run.total))
        state = "finished" if run.ended is not None else "running"
        self.query_one("#training-status", Static).update(Text(f"{state} · {run.progress_line()}", style="dim"))

    @property
    def plain_text(self) -> str:
        """Titles and progress as text (tests read these)."""
        run = self.run
        if run is None:
            return ""
        lines = [chart_title(run, name) for name in dict.fromkeys([*run.targets, *run.curves])]
        return "\n".join([run.progress_line(), *lines])
