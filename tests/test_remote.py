"""`dlings run --via PREFIX`: a check judged on another machine, reached through a command prefix.

The far side here is this machine, reached with `env` (DLINGS_ASSUME_NEEDS=cuda
stands in for a GPU there) or with `sh -c` scripts that fail the way ssh does.
"""
from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from dlings import __version__
from dlings.cli import cli
from dlings.remote import serve_one

RIGHT = "import torch\ndef double(x):\n    return x * 2\n"
FAKE_GPU_HOST = "env DLINGS_ASSUME_NEEDS=cuda"


@pytest.fixture
def gpu_exercise(curriculum, workspace):
    curriculum.add("gpu_double", extra='needs = ["cuda"]\n')
    path = workspace / "exercises" / "01_demo" / "gpu_double.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(RIGHT)
    return path


def test_a_gpu_exercise_passes_through_a_prefix(gpu_exercise, workspace):
    local = CliRunner().invoke(cli, ["run", "gpu_double"])
    assert "needs a CUDA GPU" in local.output or "skipped" in local.output.lower()
    result = CliRunner().invoke(cli, ["run", "gpu_double", "--via", FAKE_GPU_HOST])
    assert result.exit_code == 0, result.output
    assert "PASSED" in result.output.upper() and " on " in result.output and ": CPU" in result.output
    state = json.loads((workspace / ".dlings" / "state.json").read_text())
    assert "gpu_double" in state["done"]


def test_only_a_skip_for_want_of_a_gpu_goes_through_the_prefix(curriculum, workspace, monkeypatch):
    """A machine with a GPU that lacks the data set keeps the exercise (the skip names the data set only)."""
    curriculum.add("gpu_data", extra='needs = ["cuda", "dataset:nosuchset"]\n')
    (workspace / "exercises" / "01_demo" / "gpu_data.py").write_text(RIGHT)
    assert CliRunner().invoke(cli, ["config", "via", f"{FAKE_GPU_HOST},dataset:nosuchset"]).exit_code == 0
    no_gpu = CliRunner().invoke(cli, ["run", "gpu_data"])
    assert "checking gpu_data through" in no_gpu.output and "PASSED" in no_gpu.output, no_gpu.output
    monkeypatch.setenv("DLINGS_ASSUME_NEEDS", "cuda")        # this machine now has the GPU, not the data
    with_gpu = CliRunner().invoke(cli, ["run", "gpu_data"])
    assert "checking" not in with_gpu.output and "SKIPPED" in with_gpu.output, with_gpu.output
    assert "nosuchset data set" in with_gpu.output and "CUDA GPU" not in with_gpu.output, with_gpu.output


def test_the_prefix_is_remembered_for_gpu_exercises(gpu_exercise, workspace):
    assert CliRunner().invoke(cli, ["config", "via", FAKE_GPU_HOST]).exit_code == 0
    result = CliRunner().invoke(cli, ["run", "gpu_double"])
    assert result.exit_code == 0 and "through `env" in result.output, result.output
    # exercises that run here stay here
    (workspace / "exercises" / "01_demo" / "first.py").write_text(RIGHT)
    here = CliRunner().invoke(cli, ["run", "first"])
    assert here.exit_code == 0 and "through" not in here.output


def test_a_failed_connection_is_not_a_failed_exercise(gpu_exercise, workspace):
    ssh_refused = "sh -c 'echo \"ssh: connect to host gpu-box port 22: Connection refused\" >&2; exit 255' --"
    result = CliRunner().invoke(cli, ["run", "gpu_double", "--via", ssh_refused])
    assert result.exit_code == 2
    assert "could not reach" in result.output and "Connection refused" in result.output
    state = json.loads((workspace / ".dlings" / "state.json").read_text())
    assert "gpu_double" not in state["done"]


def test_a_prefix_that_is_not_a_command(gpu_exercise):
    result = CliRunner().invoke(cli, ["run", "gpu_double", "--via", "no-such-transport host"])
    assert result.exit_code == 2 and "is not a command here" in result.output


def test_no_answer_in_time_is_reported_as_the_transport(gpu_exercise, monkeypatch):
    monkeypatch.setattr("dlings.remote.TRANSFER_SECONDS", 1)
    result = CliRunner().invoke(cli, ["run", "gpu_double", "--via", "sh -c 'sleep 60' --"])
    assert result.exit_code == 2 and "no answer within" in result.output


def test_a_version_mismatch_names_the_install_line(curriculum):
    out = io.StringIO()
    code = serve_one(io.StringIO(json.dumps({"dlings": "0.0.1", "name": "first", "source": RIGHT})), out)
    answer = json.loads(out.getvalue().strip().splitlines()[-1])
    assert code == 2 and "pip install dlings==0.0.1" in answer["error"] and __version__ in answer["error"]


def test_a_wrong_answer_and_a_huge_output_come_back_whole(gpu_exercise):
    gpu_exercise.write_text("import torch\nprint('x' * 2_000_000)\ndef double(x):\n    return x + 2\n")
    result = CliRunner().invoke(cli, ["run", "gpu_double", "--via", FAKE_GPU_HOST])
    assert result.exit_code == 1
    assert "you added 2 instead of multiplying by 2" in result.output


SSH_REFUSED = "sh -c 'echo \"ssh: connect to host gpu-box port 22: Connection refused\" >&2; exit 255' --"


def _make_current(name: str) -> None:
    from dlings.session import Session

    Session.open().set_current(name)


def test_list_names_the_machine_a_pass_came_from(gpu_exercise, workspace):
    assert CliRunner().invoke(cli, ["run", "gpu_double", "--via", FAKE_GPU_HOST]).exit_code == 0
    state = json.loads((workspace / ".dlings" / "state.json").read_text())
    assert state["ran_on"]["gpu_double"].endswith(": CPU")
    listed = CliRunner().invoke(cli, ["list"]).output
    line = next(line for line in listed.splitlines() if "gpu_double" in line)
    assert "done" in line and f"(on {state['ran_on']['gpu_double']})" in line
    # passed here later: the note goes
    (workspace / "exercises" / "01_demo" / "first.py").write_text(RIGHT)
    assert CliRunner().invoke(cli, ["run", "first"]).exit_code == 0
    state = json.loads((workspace / ".dlings" / "state.json").read_text())
    assert "first" in state["done"] and "first" not in state["ran_on"]


def test_a_state_file_from_before_via_is_read(curriculum, workspace):
    path = workspace / ".dlings" / "state.json"
    path.write_text(json.dumps({"format": 1, "current": "second", "done": {"first": 1.0}, "skipped": {},
                                "hints_seen": {}}))
    listed = CliRunner().invoke(cli, ["list"])
    assert listed.exit_code == 0 and "damaged" not in listed.output
    from dlings.session import Session

    progress = Session.open().progress
    assert progress.state_of("first") == "done" and progress.ran_on == {} and progress.current == "second"


def test_plain_watch_sends_gpu_exercises_through_the_prefix(gpu_exercise, workspace):
    _make_current("gpu_double")
    result = CliRunner().invoke(cli, ["watch", "--plain", "--manual", "--via", FAKE_GPU_HOST], input="q\n")
    assert result.exit_code == 0, result.output
    assert "checking through env" in result.output and "PASSED" in result.output and ": CPU" in result.output
    state = json.loads((workspace / ".dlings" / "state.json").read_text())
    assert "gpu_double" in state["done"] and state["ran_on"]["gpu_double"].endswith(": CPU")


def test_plain_watch_keeps_other_exercises_here_and_reports_an_unreachable_machine(gpu_exercise, workspace):
    assert CliRunner().invoke(cli, ["config", "via", SSH_REFUSED]).exit_code == 0
    (workspace / "exercises" / "01_demo" / "first.py").write_text(RIGHT)
    here = CliRunner().invoke(cli, ["watch", "--plain", "--manual"], input="q\n")
    assert "PASSED" in here.output and "checking through" not in here.output, here.output
    _make_current("gpu_double")
    result = CliRunner().invoke(cli, ["watch", "--plain", "--manual"], input="q\n")
    assert result.exit_code == 0, result.output
    assert "could not reach" in result.output and "Connection refused" in result.output
    assert "not judged" in result.output and "NOT YET" not in result.output and "SKIPPED" not in result.output
    state = json.loads((workspace / ".dlings" / "state.json").read_text())
    assert "gpu_double" not in state["done"] and "gpu_double" not in state["skipped"]


# -- the full-screen watcher, driven by Textual's pilot ---------------------------------------------
async def _settled(app, pilot, seconds: float = 180):
    """Wait until no check is in flight and something (a verdict or a note) came."""
    for _ in range(int(seconds / 0.1)):
        await pilot.pause(0.1)
        main = app.main
        if main.check_id is None and main.checking_since is None and (main.verdict is not None or main.notes):
            return main
    raise AssertionError("the check did not settle")


async def test_watch_sends_a_gpu_exercise_through_the_prefix(gpu_exercise, workspace, engine):
    from test_tui import InProcessChecker, screen_text

    from dlings.session import Session
    from dlings.tui.app import DlingsApp
    from dlings.verdict import Status

    _make_current("gpu_double")
    app = DlingsApp(Session.open(), checker=InProcessChecker(engine), watch=False, via=FAKE_GPU_HOST)
    async with app.run_test(size=(110, 36)) as pilot:
        main = await _settled(app, pilot)
        verdict = main.verdict
        assert verdict.status is Status.PASSED and verdict.ran_on.endswith(": CPU")
        assert f"passed on {verdict.ran_on}" in screen_text(app)
        # everything else stays here
        (workspace / "exercises" / "01_demo" / "third.py").write_text(RIGHT)
        main.go_to("third")
        main = await _settled(app, pilot)
        assert main.verdict.name == "third" and main.verdict.passed and not main.verdict.ran_on
    progress = Session.open().progress
    assert progress.state_of("gpu_double") == "done" and progress.ran_on["gpu_double"] == verdict.ran_on
    assert "third" not in progress.ran_on


async def test_watch_says_an_unreachable_machine_is_not_a_verdict(gpu_exercise, workspace, engine):
    from test_tui import InProcessChecker, screen_text

    from dlings.session import Session
    from dlings.tui.app import DlingsApp

    _make_current("gpu_double")
    app = DlingsApp(Session.open(), checker=InProcessChecker(engine), watch=False, via=SSH_REFUSED)
    async with app.run_test(size=(110, 36)) as pilot:
        main = await _settled(app, pilot)
        assert main.verdict is None
        text = screen_text(app)
        assert "could not reach" in text and "Connection refused" in text and "not judged" in text
    progress = Session.open().progress
    assert progress.state_of("gpu_double") == "pending"


def test_a_newer_check_ends_the_transport_of_an_older_one(tmp_path):
    """The learner saved again while a check was on its way: the old transport is ended, and says nothing."""
    import time

    from dlings.engine import CheckJob
    from dlings.remote import RemoteRouter
    from dlings.verdict import Status, Verdict

    class SkippingChecker:
        ready = warm = True

        def connect(self, sink):
            self.sink = sink

        def check(self, job):
            import threading

            self.n = check_id = getattr(self, "n", 0) + 1
            event = {"event": "verdict", "id": check_id,
                     "verdict": Verdict(job.name, Status.SKIPPED, "needs a CUDA GPU").to_dict()}
            threading.Thread(target=self.sink, args=([event],)).start()   # as the reader thread does
            return check_id

        def cancel(self):
            pass

        def stop(self):
            pass

    exercise = tmp_path / "gpu_double.py"
    exercise.write_text(RIGHT)
    job = CheckJob(name="gpu_double", check_file="x", exercise_file=str(exercise), display_path="x",
                   needs=("cuda",), timeout=5)
    events: list[dict] = []
    marker = tmp_path / "started"
    router = RemoteRouter(SkippingChecker(), f"sh -c 'touch {marker}; sleep 60' --")
    router.connect(events.extend)
    first = router.check(job)
    for _ in range(200):
        if router._transports:
            break
        time.sleep(0.05)
    process = next(iter(router._transports.values()))
    router.check(CheckJob(name="first", check_file="x", exercise_file=str(exercise), display_path="x"))
    assert process.poll() is not None   # ended, not left running
    time.sleep(0.3)
    assert {"event": "started", "id": first, "via": router.prefix} in events
    assert not [e for e in events if e.get("id") == first and e["event"] in ("unreachable", "verdict")]
    router.stop()
