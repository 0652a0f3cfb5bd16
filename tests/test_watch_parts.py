"""The watcher's parts that need no screen: training curves, the editor command, settings, the checker's framing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dlings.curves import Run, format_seconds
from dlings.tui.editor import EditorError, editor_command
from dlings.tui.messages import CheckerProblem, TrainingReported, VerdictArrived, from_checker
from dlings.tui.settings import WatchSettings
from dlings.worker_client import MAX_FRAME, FrameReader


def test_run_collects_curves_bars_and_progress():
    run = Run(started=100.0)
    assert run.empty and run.eta() is None
    run.apply({"event": "target", "metric": "accuracy", "value": 0.9, "higher_is_better": True})
    run.apply({"event": "target", "metric": "loss", "value": 0.05, "higher_is_better": False})
    for step in range(10):
        run.apply({"event": "metric", "metric": "accuracy", "value": 0.5 + step * 0.05, "step": step})
        run.apply({"event": "metric", "metric": "loss", "value": 1.0 / (step + 1), "step": step})
    run.set_progress(10, 40, now=110.0)
    assert run.curves["accuracy"].steps == list(map(float, range(10)))
    assert run.met("accuracy") is True and run.met("loss") is False and run.met("nothing") is None
    assert run.eta(now=110.0) == pytest.approx(30.0)
    assert "step 10/40" in run.progress_line(now=110.0) and "ETA 30 s" in run.progress_line(now=110.0)
    assert not run.apply({"event": "metric", "metric": "x"})    # no value: ignored, not a crash
    assert not run.apply({"event": "verdict"})
    run.end(now=112.0)
    assert run.eta() is None and run.elapsed() == pytest.approx(12.0)
    lines = run.summary_lines()
    assert any(line.startswith("accuracy: 0.95 at step 9") and "bar >= 0.9: met" in line for line in lines)
    assert any(line.startswith("loss: 0.1") and "bar <= 0.05: NOT met" in line for line in lines)
    assert "progress: step 10/40 in 12.0 s" in lines


def test_run_fills_from_a_verdict_and_keeps_long_curves_bounded():
    run = Run()
    run.fill_from({"loss": [3.0, 2.0, 1.0]})
    assert run.curves["loss"].steps == [0.0, 1.0, 2.0]
    for i in range(50_000):
        run.add_metric("acc", float("nan") if i == 7 else i / 50_000, i)
    curve = run.curves["acc"]
    assert len(curve.values) <= 20_000 and curve.steps[-1] > 40_000
    run.set_target("acc", 0.5)
    assert run.met("acc") is True
    assert format_seconds(5) == "5.0 s" and format_seconds(75) == "1 min 15 s"


def test_editor_command_from_flag_visual_editor():
    path = Path("/w/exercises/01/x.py")
    command = editor_command(path, 12, "code -g {path}:{line}", env={})
    assert command.argv == ["code", "-g", "/w/exercises/01/x.py:12"] and not command.in_terminal
    command = editor_command(path, None, None, env={"VISUAL": "nvim", "EDITOR": "nano"})
    assert command.argv == ["nvim", str(path)] and command.in_terminal
    command = editor_command(path, None, None, env={"EDITOR": "emacs -nw"})
    assert command.argv == ["emacs", "-nw", str(path)] and command.in_terminal
    with pytest.raises(EditorError, match="--edit-cmd"):
        editor_command(path, None, None, env={})
    with pytest.raises(EditorError, match="cannot be read"):
        editor_command(path, None, "code 'unclosed", env={})


def test_settings_round_trip_and_damage(tmp_path):
    (tmp_path / ".dlings").mkdir()
    settings = WatchSettings.load(tmp_path)
    assert settings.edit_cmd is None and settings.task_seen == set()
    settings.edit_cmd = "code -g {path}"
    settings.task_seen.add("intro1")
    settings.save()
    again = WatchSettings.load(tmp_path)
    assert again.edit_cmd == "code -g {path}" and again.task_seen == {"intro1"}
    (tmp_path / ".dlings" / "watch.json").write_bytes(b"\xff not json")
    damaged = WatchSettings.load(tmp_path)
    assert damaged.edit_cmd is None and damaged.warnings


def test_frames_of_any_length_and_the_over_long_one_is_reported():
    reader = FrameReader(limit=100)
    big = json.dumps({"event": "verdict", "output": "x" * 50}).encode()
    out = reader.feed(b'{"event": "ready"}\n' + big[:30])
    assert out == [b'{"event": "ready"}']
    assert reader.feed(big[30:] + b"\n") == [big]
    assert reader.feed(b"y" * 150) == []
    assert reader.feed(b"yy\n{}\n") == [152, b"{}"]
    assert FrameReader().limit == MAX_FRAME


def test_checker_events_become_typed_messages_with_training_batched():
    messages = from_checker([
        {"event": "metric", "id": 3, "metric": "loss", "value": 1.0, "step": 0},
        {"event": "metric", "id": 3, "metric": "loss", "value": 0.5, "step": 1},
        {"event": "progress", "id": 3, "step": 1, "total": 9},
        {"event": "verdict", "id": 3, "verdict": {"name": "x", "status": "passed"}},
        {"event": "verdict", "id": 4, "verdict": {"name": "x", "status": "no such status"}},
    ])
    assert [type(m) for m in messages] == [TrainingReported, VerdictArrived, CheckerProblem]
    assert len(messages[0].events) == 3 and messages[1].check_id == 3
