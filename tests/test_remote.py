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
